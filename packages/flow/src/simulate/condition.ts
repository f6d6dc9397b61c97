import type { LeadSnapshot } from '../lead/lead.schema.ts';
import type { Comparison, SegmentRule } from '../segment/rule.schema.ts';
import { compileSegmentPredicate, type LeadPredicate } from '../segment/segment-predicate.ts';
import { assertNever } from '../util/assert-never.ts';

/**
 * A branch condition evaluated at the lead's virtual time. Rules without relative dates are
 * compiled once; rules with them ("in the last 30 days") are compiled per instant and the
 * last few instants kept, since many leads reach a branch at the same time.
 */
export type ConditionTest = (lead: LeadSnapshot, now: number) => boolean;

const RELATIVE_OPS: ReadonlySet<Comparison['op']> = new Set([
  'inLast',
  'notInLast',
  'inNext',
  'anniversaryWithin',
]);
const CACHE_LIMIT = 256;

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
  return (lead, now) => {
    let predicate = cache.get(now);
    if (!predicate) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      predicate = compileSegmentPredicate(rule, { now });
      cache.set(now, predicate);
    }
    return predicate(lead);
  };
}
