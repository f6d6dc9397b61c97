import { describe, expect, it } from 'vitest';
import type { LeadEvent, LeadSnapshot } from '../lead/lead.schema.ts';
import type { SegmentRule } from './rule.schema.ts';
import { MAX_SEGMENT_DEPTH, SegmentRuleError } from './segment-limits.ts';
import { compileSegmentPredicate } from './segment-predicate.ts';

const NOW = Date.parse('2026-11-22T10:00:00.000Z');
const LIST = '6f1c2a64-5b0e-4c43-9a57-3f0d0e3c9b11';

function lead(overrides: Partial<LeadSnapshot> = {}): LeadSnapshot {
  return {
    key: 'C-001',
    name: 'Ana',
    email: '',
    phone: null,
    locale: 'es',
    timeZone: 'Europe/Madrid',
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
const matches = (rule: SegmentRule, subject: LeadSnapshot) =>
  compileSegmentPredicate(rule, { now: NOW })(subject);
const purchase = (occurredAt: string, family: string, amount: number): LeadEvent => ({
  name: 'purchased',
  occurredAt,
  properties: { family, amount },
});
const group = (combinator: 'and' | 'or', rules: SegmentRule[], not = false): SegmentRule => ({
  kind: 'group',
  combinator,
  not,
  rules,
});
const TRUE_RULE: SegmentRule = { kind: 'stage', in: ['lead'] };
const FALSE_RULE: SegmentRule = { kind: 'stage', in: ['customer'] };

describe('compileSegmentPredicate — lead fields', () => {
  it('tests stage, consent, tags and static lists', () => {
    expect(matches({ kind: 'stage', in: ['lead', 'customer'] }, lead())).toBe(true);
    expect(matches({ kind: 'consent', channel: 'email', granted: true }, lead())).toBe(true);
    expect(matches({ kind: 'consent', channel: 'sms', granted: true }, lead())).toBe(false);
    expect(matches({ kind: 'tag', tag: 'vip', has: true }, lead())).toBe(true);
    expect(matches({ kind: 'tag', tag: 'VIP', has: true }, lead())).toBe(false);
    expect(matches({ kind: 'tag', tag: 'vip', has: false }, lead())).toBe(false);
    expect(matches({ kind: 'list', listId: LIST.toUpperCase(), member: true }, lead())).toBe(true);
    expect(matches({ kind: 'list', listId: LIST, member: false }, lead())).toBe(false);
  });
  it('treats an empty email as not set', () => {
    expect(matches({ kind: 'field', field: 'email', test: { op: 'isNotSet' } }, lead())).toBe(true);
    expect(
      matches({ kind: 'field', field: 'name', test: { op: 'startsWith', value: 'á' } }, lead()),
    ).toBe(true);
  });
});

describe('compileSegmentPredicate — event history', () => {
  const history = lead({
    events: [
      purchase('2026-11-20T10:00:00Z', 'Jerseys', 30),
      purchase('2026-10-01T10:00:00Z', 'jerseys', 80),
      purchase('2026-11-21T10:00:00Z', 'camisetas', 15),
      { name: 'signed_up', occurredAt: '2026-01-01T00:00:00Z', properties: {} },
    ],
  });
  it('matches a named event with property filters', () => {
    const rule: SegmentRule = {
      kind: 'event',
      name: 'purchased',
      where: [{ property: 'family', type: 'string', test: { op: 'eq', value: 'JERSEYS' } }],
    };
    expect(matches(rule, history)).toBe(true);
    expect(matches({ ...rule, name: 'Purchased' }, history)).toBe(false);
  });
  it('counts events between two dates and in the last N days', () => {
    const between: SegmentRule = {
      kind: 'event',
      name: 'purchased',
      where: [],
      when: { op: 'between', from: '2026-11-01T00:00:00Z', to: '2026-11-30T23:59:59Z' },
      count: { op: 'exactly', n: 2 },
    };
    expect(matches(between, history)).toBe(true);
    const lastWeek: SegmentRule = {
      kind: 'event',
      name: 'purchased',
      where: [],
      when: { op: 'inLast', duration: { amount: 7, unit: 'days' } },
      count: { op: 'atLeast', n: 3 },
    };
    expect(matches(lastWeek, history)).toBe(false);
    expect(matches({ ...lastWeek, count: { op: 'atMost', n: 2 } }, history)).toBe(true);
  });
  it('reads "at most 0" as never did', () => {
    const never: SegmentRule = {
      kind: 'event',
      name: 'cart_abandoned',
      where: [],
      count: { op: 'atMost', n: 0 },
    };
    expect(matches(never, history)).toBe(true);
    expect(matches({ ...never, name: 'signed_up' }, history)).toBe(false);
  });
  it('requires every property filter to hold on the same event', () => {
    const rule: SegmentRule = {
      kind: 'event',
      name: 'purchased',
      where: [
        { property: 'family', type: 'string', test: { op: 'eq', value: 'camisetas' } },
        { property: 'amount', type: 'number', test: { op: 'gte', value: 50 } },
      ],
    };
    expect(matches(rule, history)).toBe(false);
  });
});

describe('compileSegmentPredicate — groups', () => {
  it('matches everyone with an empty AND and no one with an empty OR', () => {
    expect(matches(group('and', []), lead())).toBe(true);
    expect(matches(group('or', []), lead())).toBe(false);
    expect(matches(group('or', [], true), lead())).toBe(true);
  });
  it('combines with AND, OR and NOT', () => {
    expect(matches(group('and', [TRUE_RULE, FALSE_RULE]), lead())).toBe(false);
    expect(matches(group('or', [TRUE_RULE, FALSE_RULE]), lead())).toBe(true);
    expect(matches(group('and', [TRUE_RULE, FALSE_RULE], true), lead())).toBe(true);
  });
  it(`refuses groups nested deeper than ${MAX_SEGMENT_DEPTH} with a typed error`, () => {
    let deep: SegmentRule = TRUE_RULE;
    for (let i = 0; i < MAX_SEGMENT_DEPTH; i += 1) deep = group('and', [deep]);
    expect(matches(deep, lead())).toBe(true);
    expect(() => compileSegmentPredicate(group('and', [deep]), { now: NOW })).toThrow(
      SegmentRuleError,
    );
  });
});
