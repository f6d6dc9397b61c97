import { describe, expect, it } from 'vitest';
import type { SegmentRule } from '../segment/rule.schema.ts';
import { compileCondition, dependsOnNow } from './condition.ts';
import { leadOf, START } from './test-flows.testing.ts';

const DAY = 86_400_000;
const boughtLastWeek: SegmentRule = {
  kind: 'event',
  name: 'purchased',
  where: [],
  when: { op: 'inLast', duration: { amount: 7, unit: 'days' } },
};
const isVip: SegmentRule = { kind: 'tag', tag: 'vip', has: true };

describe('compileCondition', () => {
  it('tells rules with relative dates from the rest', () => {
    expect(dependsOnNow(boughtLastWeek)).toBe(true);
    expect(dependsOnNow({ kind: 'group', combinator: 'and', not: false, rules: [isVip] })).toBe(
      false,
    );
  });

  it('evaluates relative dates at the lead’s virtual time, not at the start', () => {
    const test = compileCondition(boughtLastWeek, START);
    const lead = leadOf('ana', {
      events: [{ name: 'purchased', occurredAt: new Date(START).toISOString(), properties: {} }],
    });
    expect(test(lead, { now: START + DAY })).toBe(true);
    expect(test(lead, { now: START + 8 * DAY })).toBe(false);
  });
});
