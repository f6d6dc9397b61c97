import { describe, expect, it } from 'vitest';
import type { SegmentRule } from '../../segment/rule.schema.ts';
import { analyseRule } from './condition-analysis.ts';

const attr = (path: string, test: Record<string, unknown>): SegmentRule => ({
  kind: 'attribute',
  path,
  type: typeof test.value === 'number' ? 'number' : 'string',
  test: test as never,
});
const and = (...rules: SegmentRule[]): SegmentRule => ({
  kind: 'group',
  combinator: 'and',
  not: false,
  rules,
});
const or = (...rules: SegmentRule[]): SegmentRule => ({
  kind: 'group',
  combinator: 'or',
  not: false,
  rules,
});

describe('analyseRule', () => {
  it('finds an AND of two different values for one attribute contradictory', () => {
    const rule = and(
      attr('country', { op: 'eq', value: 'ES' }),
      attr('country', { op: 'eq', value: 'MX' }),
    );
    expect(analyseRule(rule)).toEqual({ result: 'never', reason: { subject: 'country' } });
  });

  it('finds an empty numeric range contradictory, including touching open bounds', () => {
    expect(
      analyseRule(and(attr('score', { op: 'gt', value: 9 }), attr('score', { op: 'lt', value: 5 })))
        .result,
    ).toBe('never');
    expect(
      analyseRule(
        and(attr('score', { op: 'gt', value: 5 }), attr('score', { op: 'lte', value: 5 })),
      ).result,
    ).toBe('never');
    expect(
      analyseRule(
        and(attr('score', { op: 'gte', value: 5 }), attr('score', { op: 'lte', value: 5 })),
      ).result,
    ).toBe('maybe');
  });

  it('finds stages with no common value and "has tag and lacks tag" contradictory', () => {
    expect(
      analyseRule(and({ kind: 'stage', in: ['lead'] }, { kind: 'stage', in: ['customer'] })).result,
    ).toBe('never');
    expect(
      analyseRule(
        and({ kind: 'tag', tag: 'vip', has: true }, { kind: 'tag', tag: 'vip', has: false }),
      ),
    ).toEqual({
      result: 'never',
      reason: { subject: 'tag vip' },
    });
  });

  it('finds "did X" and "never did X" contradictory', () => {
    const did: SegmentRule = { kind: 'event', name: 'purchased', where: [] };
    const never: SegmentRule = {
      kind: 'event',
      name: 'purchased',
      where: [],
      count: { op: 'atMost', n: 0 },
    };
    expect(analyseRule(and(did, never)).result).toBe('never');
  });

  it('finds a value excluded by its own "not in" contradictory', () => {
    const rule = and(
      attr('plan', { op: 'in', values: ['pro'] }),
      attr('plan', { op: 'notIn', values: ['pro'] }),
    );
    expect(analyseRule(rule).result).toBe('never');
  });

  it('lets an OR hold when one side can, and treats NOT of an empty AND as never', () => {
    const contradiction = and(attr('a', { op: 'isSet' }), attr('a', { op: 'isNotSet' }));
    expect(analyseRule(or(contradiction, attr('b', { op: 'eq', value: 1 }))).result).toBe('maybe');
    expect(analyseRule(or(contradiction, contradiction)).result).toBe('never');
    expect(analyseRule({ kind: 'group', combinator: 'and', not: true, rules: [] }).result).toBe(
      'never',
    );
    expect(analyseRule(and()).result).toBe('always');
  });

  it('does not flag conditions on different attributes', () => {
    expect(
      analyseRule(and(attr('a', { op: 'eq', value: 1 }), attr('b', { op: 'eq', value: 2 }))).result,
    ).toBe('maybe');
  });
});
