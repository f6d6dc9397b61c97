import { describe, expect, it } from 'vitest';
import { addResolved, addUtcMonths, isoDate, resolveDuration } from './sim-time.ts';

const at = (iso: string) => Date.parse(iso);

describe('simulator time', () => {
  it('adds calendar months in UTC, clamping to the end of shorter months', () => {
    expect(addUtcMonths(at('2026-01-31T10:00:00Z'), 1)).toBe(at('2026-02-28T10:00:00Z'));
    expect(addUtcMonths(at('2024-01-31T10:00:00Z'), 1)).toBe(at('2024-02-29T10:00:00Z'));
    expect(addUtcMonths(at('2026-11-15T00:00:00Z'), 3)).toBe(at('2027-02-15T00:00:00Z'));
  });

  it('counts days and weeks as elapsed time', () => {
    const start = at('2026-03-28T12:00:00Z');
    expect(addResolved(start, resolveDuration({ amount: 2, unit: 'days' }))).toBe(
      at('2026-03-30T12:00:00Z'),
    );
    expect(addResolved(start, resolveDuration({ amount: 1, unit: 'weeks' }))).toBe(
      at('2026-04-04T12:00:00Z'),
    );
    expect(addResolved(start, resolveDuration({ amount: 1, unit: 'months' }))).toBe(
      at('2026-04-28T12:00:00Z'),
    );
  });

  it('formats UTC dates like toISOString does, across eras and leap days', () => {
    for (const iso of ['1970-01-01', '2000-02-29', '2026-12-31', '1969-07-20', '2400-03-01']) {
      expect(isoDate(at(`${iso}T23:59:59Z`))).toBe(iso);
    }
  });
});
