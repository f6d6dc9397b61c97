import { describe, expect, it } from 'vitest';
import { formatInteger, formatMoney, formatPercent } from './numbers.ts';

describe('simulation number formats', () => {
  it('writes money and counts the Spanish way in Spanish and the English way in English', () => {
    expect(formatMoney(1234.5, 'EUR', 'es')).toMatch(/^1\.235\s€$/);
    expect(formatMoney(12.5, 'EUR', 'en')).toBe('€12.50');
    expect(formatInteger(1000, 'es')).toBe('1.000');
    expect(formatInteger(1000, 'en')).toBe('1,000');
    expect(formatPercent(0.123, 'es')).toMatch(/^12,3\s%$/);
  });
});
