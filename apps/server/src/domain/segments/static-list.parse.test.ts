import { describe, expect, it } from 'vitest';
import { parseLeadKeys } from './static-list.parse.ts';

describe('parseLeadKeys', () => {
  it('reads clientes.txt as one key per line, trimmed, skipping blank lines and counting repeats once', () => {
    expect(parseLeadKeys('\uFEFFCLI-1\r\n  CLI-2  \n\n\nCLI-1\nCLI-3\nCLI-1\n')).toEqual({
      keys: ['CLI-1', 'CLI-2', 'CLI-3'],
      duplicates: 2,
      format: 'lines',
      column: null,
    });
  });

  it('takes the key column a CSV header names, whatever its accents, case and delimiter', () => {
    const csv = 'Nombre;CÓDIGO;Ciudad\n"Pérez; Ana";C-10;Madrid\nLuis;C-11;León\n';
    expect(parseLeadKeys(csv)).toEqual({
      keys: ['C-10', 'C-11'],
      duplicates: 0,
      format: 'csv',
      column: 'CÓDIGO',
    });
  });

  it('reads the first column of a CSV without a known header, header row included as data', () => {
    expect(parseLeadKeys('A-1,x\nA-2,y\n')).toMatchObject({
      keys: ['A-1', 'A-2'],
      format: 'csv',
      column: null,
    });
  });

  it('ignores keys longer than a lead key can be, and returns nothing for an empty text', () => {
    expect(parseLeadKeys(`${'x'.repeat(201)}\nOK-1`).keys).toEqual(['OK-1']);
    expect(parseLeadKeys('')).toEqual({ keys: [], duplicates: 0, format: 'lines', column: null });
  });
});
