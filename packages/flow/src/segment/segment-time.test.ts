import { describe, expect, it } from 'vitest';
import {
  addMonths,
  anniversaryCodes,
  formatTimestamp,
  isLeapYear,
  parseDate,
  parseInstant,
  SQL_DATE_PATTERN,
} from './segment-time.ts';

describe('segment time', () => {
  it('SQL_DATE_PATTERN accepts exactly what parseDate accepts, leap days included', () => {
    const sqlPattern = new RegExp(SQL_DATE_PATTERN);
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const times = [
      '',
      'T10:00Z',
      'T23:59:59.123456+14:00',
      'T10:00',
      'T24:00Z',
      'T10:00:00.1-03:30',
    ];
    let accepted = 0;
    const years = [0, 1, 4, 99, 100, 400, 800, 1900, 2000, 2023, 2024, 2100, 9996, 9999];
    for (const y of years) {
      for (let m = 0; m <= 13; m += 1) {
        for (let d = 0; d <= 32; d += 1) {
          for (const time of times) {
            const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}${time}`;
            const sql = sqlPattern.test(text);
            expect(sql, text).toBe(parseDate(text) !== null);
            if (sql) accepted += 1;
          }
        }
      }
    }
    // Year 0 and impossible days are rejected; every real day of the other years is accepted.
    const real = years.filter((y) => y > 0);
    expect(real.filter(isLeapYear)).toEqual([4, 400, 800, 2000, 2024, 9996]);
    expect(accepted).toBe((real.length * 365 + 6) * 4);
  });
  it('parses the date grammar exactly as Date does for valid instants', () => {
    for (const text of ['2024-02-29T10:00:00.123Z', '1999-12-31T23:59:59-05:30', '2026-11-22']) {
      const expected = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
      expect(parseDate(text)?.ms).toBe(expected);
    }
  });
  it('rejects impossible days, missing offsets and other formats', () => {
    for (const text of [
      '2023-02-29',
      '2024-04-31',
      '2024-01-01T10:00',
      '0000-01-01',
      '2024-1-1',
      '',
    ]) {
      expect(parseDate(text)).toBeNull();
    }
  });
  it('floors fractions to the millisecond, including up to nine digits for stored instants', () => {
    expect(parseDate('2024-01-01T00:00:00.9999Z')?.ms).toBe(Date.parse('2024-01-01T00:00:00.999Z'));
    expect(parseInstant('2024-01-01T00:00:00.999999999Z')).toBe(
      Date.parse('2024-01-01T00:00:00.999Z'),
    );
  });
  it('handles years before 100 without the Date.UTC 1900 shift', () => {
    expect(formatTimestamp(parseDate('0042-03-01')?.ms ?? 0)).toBe('0042-03-01 00:00:00.000');
  });
  it('adds calendar months clamping to the last day', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(addMonths(at('2024-03-31T08:00:00Z'), -1)).toBe(at('2024-02-29T08:00:00Z'));
    expect(addMonths(at('2023-01-31T00:00:00Z'), 1)).toBe(at('2023-02-28T00:00:00Z'));
    expect(addMonths(at('2023-11-15T00:00:00Z'), 14)).toBe(at('2025-01-15T00:00:00Z'));
  });
  it('adds Feb 29 to the anniversary days when the window holds Feb 28 of a common year', () => {
    expect(anniversaryCodes(Date.parse('2027-02-28T12:00:00Z'), 0)).toEqual([228, 229]);
    expect(anniversaryCodes(Date.parse('2028-02-28T12:00:00Z'), 0)).toEqual([228]);
  });
});

describe('parseInstant', () => {
  it('reads stored instants with any offset up to ±23:59 and any fraction length', () => {
    expect(parseInstant('2024-01-01T10:00:00.5+18:30')).toBe(
      Date.parse('2023-12-31T15:30:00.500Z'),
    );
    expect(parseInstant('2024-01-01T10:00:00.123456789-00:00')).toBe(
      Date.parse('2024-01-01T10:00:00.123Z'),
    );
    expect(parseInstant('2024-01-01T10:00:00+24:00')).toBeNull();
    expect(parseInstant('2024-02-30T10:00:00Z')).toBeNull();
  });
});
