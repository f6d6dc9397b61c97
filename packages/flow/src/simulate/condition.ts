import type { LeadSnapshot } from '../lead/lead.schema.ts';
import type { Comparison, SegmentRule } from '../segment/rule.schema.ts';
import { compileSegmentPredicate, type LeadPredicate } from '../segment/segment-predicate.ts';
import { assertNever } from '../util/assert-never.ts';

/**
 * A branch condition evaluated at the lead's virtual time. Rules without relative dates are
 * compiled once; rules with them ("in the last 30 days") are compiled per minute of virtual
 * time — `now` is the start of the lead's minute — because compiling costs ~15 µs and leads
 * reach a branch at scattered instants. A minute is below the finest rule unit that matters
 * in practice, and the runner reads its own clock anyway.
 */
export type ConditionTest = (lead: LeadSnapshot, clock: Clock) => boolean;

/**
 * Where a test reads the lead's virtual time (the simulator's `Visit`): a double passed to a
 * call V8 does not inline is a heap allocation, and a branch visit is one in eight lead-steps.
 */
export interface Clock {
  readonly now: number;
}

const RELATIVE_OPS: ReadonlySet<Comparison['op']> = new Set([
  'inLast',
  'notInLast',
  'inNext',
  'anniversaryWithin',
]);
const CACHE_LIMIT = 4_096;
const MINUTE_MS = 60_000;

/** Whether the rule's meaning depends on `now`. */
export function dependsOnNow(rule: SegmentRule): boolean {
  switch (rule.kind) {
    case 'group':
      return rule.rules.some(dependsOnNow);
    case 'field':
    case 'attribute':
      return RELATIVE_OPS.has(rule.test.op);
    case 'event':
      return rule.when?.op === 'inLast' || rule.where.some((w) => RELATIVE_OPS.has(w.test.op));
    case 'stage':
    case 'consent':
    case 'tag':
    case 'list':
      return false;
    default:
      return assertNever(rule, 'segment rule');
  }
}

/** Compiles the rule (throws SegmentRuleError for rules nested too deep; the plan reports it). */
export function compileCondition(rule: SegmentRule, start: number): ConditionTest {
  if (!dependsOnNow(rule)) {
    const predicate = compileSegmentPredicate(rule, { now: start });
    return (lead) => predicate(lead);
  }
  const cache = new Map<number, LeadPredicate>();
  return (lead, clock) => {
    const minute = Math.floor(clock.now / MINUTE_MS) * MINUTE_MS;
    let predicate = cache.get(minute);
    if (!predicate) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      predicate = compileSegmentPredicate(rule, { now: minute });
      cache.set(minute, predicate);
    }
    return predicate(lead);
  };
}
