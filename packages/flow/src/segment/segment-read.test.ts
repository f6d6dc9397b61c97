import { describe, expect, it } from 'vitest';
import { foldedValueAt, valueAt } from './segment-read.ts';

describe('foldedValueAt (string rules)', () => {
  it('finds a key whatever its case and accents, nested paths too', () => {
    const attributes = { País: 'MX', Address: { 'CIUDAD Ñ': 'Mérida' }, list: [{ a: 'x' }] };
    expect(foldedValueAt(attributes, 'pais')).toBe('MX');
    expect(foldedValueAt(attributes, 'address.ciudad ñ')).toBe('Mérida');
    expect(foldedValueAt(attributes, 'list.0.a')).toBeUndefined();
    expect(valueAt(attributes, 'pais')).toBeUndefined();
  });

  it('reads the key PostgreSQL keeps among keys that fold alike: longest in UTF-8, then greatest', () => {
    expect(foldedValueAt({ pais: 'ES', País: 'MX' }, 'pais')).toBe('MX');
    expect(foldedValueAt({ País: 'MX', pais: 'ES' }, 'pais')).toBe('MX');
    expect(foldedValueAt({ COUNTRY: 'AR', country: 'CO', Country: 'PE' }, 'country')).toBe('CO');
  });

  it('lets an exact top-level dotted key shadow the nested path, compared folded', () => {
    expect(foldedValueAt({ 'Plan.Tier': 'gold', plan: { tier: 'basic' } }, 'plan.tier')).toBe(
      'gold',
    );
    expect(foldedValueAt({ plan: { Tier: 'basic' } }, 'plan.tier')).toBe('basic');
  });
});
