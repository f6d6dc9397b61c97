import { describe, expect, it } from 'vitest';
import { csvErrorMessage, leadsFromCsvRows } from './csv-leads.ts';

const NOW = '2026-12-01T09:00:00.000Z';

describe('leadsFromCsvRows', () => {
  it('maps known columns in Spanish or English and keeps the rest as attributes', () => {
    const { leads, errors } = leadsFromCsvRows(
      [
        ['clave', 'Nombre', 'email', 'etapa', 'consent_sms', 'ciudad', 'ltv', 'tags'],
        [
          'C-1',
          'Lucía Pérez',
          'lucia@example.es',
          'customer',
          'sí',
          'Sevilla',
          '120.5',
          'vip; norte',
        ],
      ],
      NOW,
    );
    expect(errors).toEqual([]);
    expect(leads[0]).toMatchObject({
      key: 'C-1',
      name: 'Lucía Pérez',
      email: 'lucia@example.es',
      stage: 'customer',
      consent: { email: true, sms: true, call: false },
      attributes: { ciudad: 'Sevilla', ltv: 120.5 },
      tags: ['vip', 'norte'],
    });
  });

  it('reports every broken row by its line number and keeps the good rows', () => {
    const { leads, errors } = leadsFromCsvRows(
      [
        ['key', 'email', 'stage', 'consent_email'],
        ['a', 'a@x.es', 'lead', 'yes'],
        ['', 'b@x.es', 'lead', 'yes'],
        ['c', 'not-an-email', 'lead', 'yes'],
        ['d', 'd@x.es', 'cliente', 'yes'],
        ['e', 'e@x.es', 'lead', 'quizá'],
        ['a', 'a2@x.es', 'lead', 'no'],
        ['f', 'f@x.es'],
        [''],
      ],
      NOW,
    );
    expect(leads.map((l) => l.key)).toEqual(['a']);
    expect(errors.map((e) => [e.code, e.row, e.column])).toEqual([
      ['csv_missing_key', 3, undefined],
      ['csv_bad_email', 4, 'email'],
      ['csv_bad_stage', 5, 'stage'],
      ['csv_bad_boolean', 6, 'consent_email'],
      ['csv_duplicate_key', 7, undefined],
      ['csv_column_count', 8, undefined],
    ]);
    const duplicate = errors[4];
    if (!duplicate) throw new Error('expected a duplicate error');
    expect(csvErrorMessage(duplicate, 'es')).toBe('Fila 7: la clave «a» ya aparece en la fila 2.');
    expect(csvErrorMessage(duplicate, 'en')).toBe('Row 7: the key "a" already appears in row 2.');
  });

  it('uses the email as the key when there is no key column, and refuses a file without either', () => {
    expect(leadsFromCsvRows([['email'], ['x@y.com']], NOW).leads[0]?.key).toBe('x@y.com');
    expect(leadsFromCsvRows([['nombre'], ['Ana']], NOW).errors).toEqual([
      { code: 'csv_no_key_column', row: 1, params: {} },
    ]);
    expect(leadsFromCsvRows([], NOW).errors[0]?.code).toBe('csv_empty');
  });

  it('lists the first 50 broken rows and counts the rest', () => {
    const rows = [['key', 'stage'], ...Array.from({ length: 80 }, (_, i) => [`k${i}`, 'bad'])];
    const { errors } = leadsFromCsvRows(rows, NOW);
    expect(errors.filter((e) => e.code === 'csv_bad_stage')).toHaveLength(50);
    expect(errors.at(-1)).toEqual({ code: 'csv_more_errors', params: { count: 30 } });
  });
});
