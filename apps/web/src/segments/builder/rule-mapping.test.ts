import { checkSegmentRule, type SegmentRule } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import { builderPathOf, queryToRule, ruleToQuery } from './rule-mapping.ts';

const group = (combinator: 'and' | 'or', rules: SegmentRule[], not = false): SegmentRule => ({
  kind: 'group',
  combinator,
  not,
  rules,
});

const mexicoSweaters = group('and', [
  { kind: 'attribute', path: 'country', type: 'string', test: { op: 'eq', value: 'MX' } },
  {
    kind: 'event',
    name: 'purchased',
    where: [{ property: 'family', type: 'string', test: { op: 'eq', value: 'suéteres' } }],
    when: { op: 'inLast', duration: { amount: 90, unit: 'days' } },
  },
]);

const everyKind = group('or', [
  { kind: 'field', field: 'email', test: { op: 'endsWith', value: '@example.com' } },
  {
    kind: 'field',
    field: 'createdAt',
    test: { op: 'inLast', duration: { amount: 2, unit: 'weeks' } },
  },
  { kind: 'field', field: 'name', test: { op: 'isNotSet' } },
  {
    kind: 'attribute',
    path: 'lifetimeValue',
    type: 'number',
    test: { op: 'between', from: 100, to: 500 },
  },
  {
    kind: 'attribute',
    path: 'plan',
    type: 'string',
    test: { op: 'notIn', values: ['free', 'basic'] },
  },
  { kind: 'attribute', path: 'birthday', type: 'date', test: { op: 'anniversaryWithin', days: 7 } },
  { kind: 'attribute', path: 'newsletter', type: 'boolean', test: { op: 'eq', value: true } },
  { kind: 'stage', in: ['customer', 'opportunity'] },
  { kind: 'consent', channel: 'sms', granted: false },
  { kind: 'tag', tag: 'vip', has: true },
  { kind: 'list', listId: '6f1c2d4e-0000-4000-8000-000000000001', member: false },
  group(
    'and',
    [
      {
        kind: 'event',
        name: 'cart_abandoned',
        where: [],
        when: { op: 'between', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
        count: { op: 'atMost', n: 0 },
      },
      { kind: 'event', name: 'purchased', where: [], count: { op: 'atLeast', n: 3 } },
    ],
    true,
  ),
]);

describe('rule ↔ builder mapping', () => {
  it('maps "clientes de México que compraron suéteres en los últimos 90 días" to two builder rules and back unchanged', () => {
    const query = ruleToQuery(mexicoSweaters);
    expect(query.rules).toEqual([
      { field: 'attribute:string:country', operator: 'eq', value: 'MX' },
      {
        field: 'event',
        operator: 'did',
        value: {
          name: 'purchased',
          where: [{ property: 'family', type: 'string', test: { op: 'eq', value: 'suéteres' } }],
          when: { op: 'inLast', duration: { amount: 90, unit: 'days' } },
        },
      },
    ]);
    expect(queryToRule(query)).toEqual(mexicoSweaters);
  });

  it('round-trips every condition kind, every operand shape and a negated nested group', () => {
    expect(queryToRule(ruleToQuery(everyKind))).toEqual(everyKind);
    expect(checkSegmentRule(queryToRule(ruleToQuery(everyKind)))).toEqual([]);
  });

  it('wraps a bare condition in an "all of" group', () => {
    const rule: SegmentRule = { kind: 'tag', tag: 'vip', has: false };
    expect(queryToRule(ruleToQuery(rule))).toEqual(group('and', [rule]));
  });

  it('passes an unfinished value through so the checker reports it at the builder rule it came from', () => {
    const rule = queryToRule({
      combinator: 'and',
      rules: [
        { field: 'stage', operator: 'in', value: ['lead'] },
        {
          combinator: 'or',
          rules: [{ field: 'attribute:number:orders', operator: 'gt', value: 'muchos' }],
        },
      ],
    });
    const issues = checkSegmentRule(rule);
    expect(issues).toMatchObject([
      { code: 'segment_value_invalid', path: ['rules', 1, 'rules', 0, 'test', 'value'] },
    ]);
    expect(builderPathOf(issues[0]?.path ?? [])).toEqual([1, 0]);
  });

  it('keeps the event picked, its count and its period in one builder value', () => {
    const rule = queryToRule({
      combinator: 'and',
      rules: [
        {
          field: 'event',
          operator: 'did',
          value: { name: 'signed_up', count: { op: 'exactly', n: 2 } },
        },
      ],
    });
    expect(rule.rules).toEqual([
      { kind: 'event', name: 'signed_up', where: [], count: { op: 'exactly', n: 2 } },
    ]);
  });
});
