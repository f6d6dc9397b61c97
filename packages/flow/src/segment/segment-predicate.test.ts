import { describe, expect, it } from 'vitest';
import type { LeadSnapshot } from '../lead/lead.schema.ts';
import type { Comparison, SegmentRule, ValueType } from './rule.schema.ts';
import { compileSegmentPredicate } from './segment-predicate.ts';

const NOW = Date.parse('2026-11-22T10:00:00.000Z');
const LIST = '6f1c2a64-5b0e-4c43-9a57-3f0d0e3c9b11';

function lead(overrides: Partial<LeadSnapshot> = {}): LeadSnapshot {
  return {
    key: 'C-001',
    name: 'María José Muñoz',
    email: 'maria@example.es',
    phone: null,
    locale: 'es-MX',
    timeZone: 'America/Mexico_City',
    stage: 'lead',
    consent: { email: true, sms: false, call: false },
    attributes: {},
    tags: ['vip'],
    lists: [LIST],
    createdAt: '2026-11-01T08:30:00.000Z',
    updatedAt: '2026-11-20T08:30:00.000Z',
    events: [],
    ...overrides,
  };
}

const matches = (rule: SegmentRule, subject: LeadSnapshot, now = NOW) =>
  compileSegmentPredicate(rule, { now })(subject);
const attr = (type: ValueType, test: Comparison, path = 'x'): SegmentRule => ({
  kind: 'attribute',
  path,
  type,
  test,
});
const withX = (x: unknown) => lead({ attributes: x === undefined ? {} : { x: x as never } });

describe('compileSegmentPredicate — text', () => {
  it('compares text ignoring case and accents, keeping ñ apart from n', () => {
    const rule = attr('string', { op: 'eq', value: 'munoz' });
    expect(matches(rule, withX('MUÑOZ'))).toBe(false);
    expect(matches(attr('string', { op: 'eq', value: 'muñoz' }), withX('MUÑOZ'))).toBe(true);
    expect(matches(attr('string', { op: 'eq', value: 'jose' }), withX('JOSÉ'))).toBe(true);
    expect(matches(attr('string', { op: 'eq', value: 'ano' }), withX('año'))).toBe(false);
  });
  it('applies contains, startsWith and endsWith on the folded text', () => {
    expect(matches(attr('string', { op: 'contains', value: 'ÑO' }), withX('Añoranza'))).toBe(true);
    expect(matches(attr('string', { op: 'startsWith', value: 'AÑ' }), withX('añoranza'))).toBe(
      true,
    );
    expect(matches(attr('string', { op: 'endsWith', value: 'ZA' }), withX('añoranza'))).toBe(true);
    expect(matches(attr('string', { op: 'endsWith', value: 'ñor' }), withX('añoranza'))).toBe(
      false,
    );
    expect(matches(attr('string', { op: 'notContains', value: 'x' }), withX('añoranza'))).toBe(
      true,
    );
  });
  it('treats % and _ as plain characters, not wildcards', () => {
    expect(matches(attr('string', { op: 'contains', value: '%' }), withX('50% off'))).toBe(true);
    expect(matches(attr('string', { op: 'contains', value: '_' }), withX('50% off'))).toBe(false);
  });
  it('matches in / notIn against any of the listed texts', () => {
    const inList = attr('string', { op: 'in', values: ['españa', 'México'] });
    expect(matches(inList, withX('ESPAÑA'))).toBe(true);
    expect(matches(inList, withX('Chile'))).toBe(false);
    expect(matches(attr('string', { op: 'in', values: [] }), withX('Chile'))).toBe(false);
    expect(matches(attr('string', { op: 'notIn', values: ['Chile'] }), withX('Perú'))).toBe(true);
  });
  it('counts an empty string as not set', () => {
    expect(matches(attr('string', { op: 'isSet' }), withX(''))).toBe(false);
    expect(matches(attr('string', { op: 'isNotSet' }), withX(''))).toBe(true);
    expect(matches(attr('string', { op: 'eq', value: '' }), withX(''))).toBe(false);
  });
  it('reads a number stored as JSON number as not set for a text rule', () => {
    expect(matches(attr('string', { op: 'eq', value: '42' }), withX(42))).toBe(false);
    expect(matches(attr('string', { op: 'eq', value: 42 }), withX('42'))).toBe(true);
  });
});

describe('compileSegmentPredicate — numbers and booleans', () => {
  it('compares JSON numbers with every ordering operator', () => {
    const x = withX(100);
    expect(matches(attr('number', { op: 'eq', value: 100 }), x)).toBe(true);
    expect(matches(attr('number', { op: 'lt', value: 100 }), x)).toBe(false);
    expect(matches(attr('number', { op: 'lte', value: 100 }), x)).toBe(true);
    expect(matches(attr('number', { op: 'gt', value: 99.5 }), x)).toBe(true);
    expect(matches(attr('number', { op: 'gte', value: 101 }), x)).toBe(false);
    expect(matches(attr('number', { op: 'between', from: 100, to: 200 }), x)).toBe(true);
    expect(matches(attr('number', { op: 'between', from: 200, to: 100 }), x)).toBe(false);
    expect(matches(attr('number', { op: 'in', values: [1, '100'] }), x)).toBe(true);
  });
  it('treats a number written as a string in the data as not set', () => {
    expect(matches(attr('number', { op: 'gte', value: 0 }), withX('100'))).toBe(false);
    expect(matches(attr('number', { op: 'isNotSet' }), withX('100'))).toBe(true);
    expect(matches(attr('number', { op: 'neq', value: 5 }), withX('100'))).toBe(true);
  });
  it('reads a numeric rule value given as text, and never matches a non-numeric one', () => {
    expect(matches(attr('number', { op: 'eq', value: ' 1e2 ' }), withX(100))).toBe(true);
    expect(matches(attr('number', { op: 'eq', value: 'cien' }), withX(100))).toBe(false);
  });
  it('compares booleans only with booleans', () => {
    expect(matches(attr('boolean', { op: 'eq', value: true }), withX(true))).toBe(true);
    expect(matches(attr('boolean', { op: 'eq', value: true }), withX('true'))).toBe(false);
    expect(matches(attr('boolean', { op: 'neq', value: true }), withX(false))).toBe(true);
    expect(matches(attr('boolean', { op: 'contains', value: 't' }), withX(true))).toBe(false);
  });
});

describe('compileSegmentPredicate — attribute paths', () => {
  it('reads nested objects by dotted path, and an exact dotted key first', () => {
    const nested = lead({ attributes: { address: { city: 'Sevilla' } } });
    expect(matches(attr('string', { op: 'eq', value: 'sevilla' }, 'address.city'), nested)).toBe(
      true,
    );
    const flat = lead({ attributes: { 'address.city': 'Cádiz', address: { city: 'Sevilla' } } });
    expect(matches(attr('string', { op: 'eq', value: 'cadiz' }, 'address.city'), flat)).toBe(true);
  });
  it('never enters arrays and treats JSON null as not set', () => {
    const arrays = lead({ attributes: { list: ['a'] } });
    expect(matches(attr('string', { op: 'isSet' }, 'list.0'), arrays)).toBe(false);
    expect(matches(attr('string', { op: 'isNotSet' }), withX(null))).toBe(true);
  });
});

describe('compileSegmentPredicate — dates', () => {
  const d = (value: unknown, test: Comparison, now = NOW) =>
    matches(attr('date', test), withX(value), now);
  it('reads ISO dates and date-times with an offset, and nothing else', () => {
    expect(d('2026-11-22', { op: 'isSet' })).toBe(true);
    expect(d('2026-11-22T10:00:00-06:00', { op: 'isSet' })).toBe(true);
    expect(d('2026-11-22T10:00:00', { op: 'isSet' })).toBe(false);
    expect(d('2023-02-29', { op: 'isSet' })).toBe(false);
    expect(d('22/11/2026', { op: 'isSet' })).toBe(false);
    expect(d(1_700_000_000_000, { op: 'isSet' })).toBe(false);
  });
  it('treats a date-only rule value as the whole UTC day', () => {
    expect(d('2026-11-22T23:59:59.999Z', { op: 'eq', value: '2026-11-22' })).toBe(true);
    expect(d('2026-11-22T23:59:59.999Z', { op: 'lte', value: '2026-11-22' })).toBe(true);
    expect(d('2026-11-22T00:00:00Z', { op: 'lt', value: '2026-11-22' })).toBe(false);
    expect(d('2026-11-23T00:00:00Z', { op: 'gt', value: '2026-11-22' })).toBe(true);
    expect(d('2026-11-22T12:00:00Z', { op: 'gt', value: '2026-11-22' })).toBe(false);
    expect(d('2026-11-30', { op: 'between', from: '2026-11-01', to: '2026-11-30' })).toBe(true);
  });
  it('measures inLast, notInLast and inNext from now, inclusive at both ends', () => {
    const days = (amount: number) => ({ amount, unit: 'days' as const });
    expect(d('2026-11-15T10:00:00Z', { op: 'inLast', duration: days(7) })).toBe(true);
    expect(d('2026-11-15T09:59:59.999Z', { op: 'inLast', duration: days(7) })).toBe(false);
    expect(d('2026-11-15T09:59:59.999Z', { op: 'notInLast', duration: days(7) })).toBe(true);
    expect(d(undefined, { op: 'notInLast', duration: days(7) })).toBe(true);
    expect(d('2026-11-29T10:00:00Z', { op: 'inNext', duration: days(7) })).toBe(true);
    expect(d('2026-11-21', { op: 'inNext', duration: days(7) })).toBe(false);
  });
  it('counts months as calendar months in UTC, clamping to the month end', () => {
    const now = Date.parse('2026-03-31T12:00:00Z');
    const oneMonth = { op: 'inLast' as const, duration: { amount: 1, unit: 'months' as const } };
    expect(d('2026-02-28T12:00:00Z', oneMonth, now)).toBe(true);
    expect(d('2026-02-28T11:59:59Z', oneMonth, now)).toBe(false);
  });
  it('finds anniversaries within the next days, across the new year', () => {
    const now = Date.parse('2026-12-30T15:00:00Z');
    const within = (days: number) => ({ op: 'anniversaryWithin' as const, days });
    expect(d('1990-12-30', within(0), now)).toBe(true);
    expect(d('1990-12-29', within(5), now)).toBe(false);
    expect(d('1990-01-03', within(4), now)).toBe(true);
    expect(d('1990-01-04', within(4), now)).toBe(false);
  });
  it('celebrates a Feb 29 anniversary on Feb 28 in common years, and on Feb 29 in leap years', () => {
    const within0 = { op: 'anniversaryWithin' as const, days: 0 };
    expect(d('2000-02-29', within0, Date.parse('2027-02-28T09:00:00Z'))).toBe(true);
    expect(d('2000-02-29', within0, Date.parse('2027-03-01T09:00:00Z'))).toBe(false);
    expect(d('2000-02-29', within0, Date.parse('2028-02-28T09:00:00Z'))).toBe(false);
    expect(d('2000-02-29', within0, Date.parse('2028-02-29T09:00:00Z'))).toBe(true);
    expect(d('2001-02-28', within0, Date.parse('2028-02-29T09:00:00Z'))).toBe(false);
  });
  it('reads built-in date fields', () => {
    const rule: SegmentRule = {
      kind: 'field',
      field: 'createdAt',
      test: { op: 'inLast', duration: { amount: 30, unit: 'days' } },
    };
    expect(matches(rule, lead())).toBe(true);
    expect(matches(rule, lead({ createdAt: '2026-01-01T00:00:00Z' }))).toBe(false);
  });
});
