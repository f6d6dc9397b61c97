import { describe, expect, it } from 'vitest';
import { entryRefusal, refusalMessage } from './entry-validity.ts';

const at = (iso: string) => Date.parse(iso);
const period = { validFrom: '2026-12-01', validTo: '2026-12-31' };

describe('entryRefusal', () => {
  it('takes leads on every UTC day of the period, both ends included', () => {
    expect(entryRefusal(period, at('2026-12-01T00:00:00Z'))).toBeNull();
    expect(entryRefusal(period, at('2026-12-31T23:59:59Z'))).toBeNull();
  });

  it('refuses before the first day and after the last, saying which day it judged', () => {
    expect(entryRefusal(period, at('2026-11-30T23:59:59Z'))).toEqual({
      code: 'before_validity_period',
      ...period,
      today: '2026-11-30',
    });
    expect(entryRefusal(period, at('2027-01-01T00:00:00Z'))?.code).toBe('after_validity_period');
  });

  it('an open end takes leads for ever on that side', () => {
    const noEnd = { validFrom: '2026-12-01', validTo: null };
    expect(entryRefusal(noEnd, at('2099-01-01T00:00:00Z'))).toBeNull();
    expect(entryRefusal({ validFrom: null, validTo: null }, at('1999-01-01T00:00:00Z'))).toBeNull();
  });

  it('says the refusal in Spanish and English', () => {
    const refusal = entryRefusal(period, at('2027-01-02T10:00:00Z'));
    if (refusal === null) throw new Error('expected a refusal');
    expect(refusalMessage(refusal, 'es')).toBe(
      'La campaña dejó de admitir leads el 2026-12-31 (hoy es 2027-01-02, UTC).',
    );
    expect(refusalMessage(refusal, 'en')).toBe(
      'The campaign stopped taking leads after 2026-12-31 (today is 2027-01-02, UTC).',
    );
  });
});
