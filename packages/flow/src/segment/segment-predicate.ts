import type { LeadEvent, LeadSnapshot } from '../lead/lead.schema.ts';
import { assertNever } from '../util/assert-never.ts';
import type { ComparisonPlan, MsRange, PositiveTest } from './comparison-plan.ts';
import { planComparison } from './comparison-plan.ts';
import {
  countHolds,
  type EventPlan,
  LEAD_FIELD_TYPES,
  planEvent,
  planListId,
  planPath,
  storableText,
} from './condition-plan.ts';
import type { LeadField, SegmentCondition, SegmentRule } from './rule.schema.ts';
import { MAX_SEGMENT_DEPTH, ruleDepth, SegmentRuleError } from './segment-limits.ts';
import { foldedValueAt, readTyped, type TypedValue, valueAt } from './segment-read.ts';
import { monthDayCode, parseInstant } from './segment-time.ts';
import { foldText } from './text-fold.ts';

export type LeadPredicate = (lead: LeadSnapshot) => boolean;

export interface SegmentPredicateOptions {
  /** The instant relative dates are measured from (epoch ms); pass the same to the SQL compiler. */
  now: number;
}

/**
 * Compiles a rule into an in-memory test of one lead (simulation, previews, branch nodes).
 * It agrees with `compileSegmentSql` on every lead, which a property test proves against
 * PostgreSQL. Throws `SegmentRuleError` only for rules beyond MAX_SEGMENT_DEPTH.
 *
 * @example
 * const isVip = compileSegmentPredicate(
 *   { kind: 'attribute', path: 'lifetimeValue', type: 'number', test: { op: 'gte', value: 1000 } },
 *   { now: Date.parse('2026-11-22T00:00:00Z') },
 * );
 * isVip(lead); // true when lead.attributes.lifetimeValue is a number ≥ 1000
 */
export function compileSegmentPredicate(
  rule: SegmentRule,
  options: SegmentPredicateOptions,
): LeadPredicate {
  if (ruleDepth(rule) > MAX_SEGMENT_DEPTH) {
    throw new SegmentRuleError('segment_too_deep', `groups nest deeper than ${MAX_SEGMENT_DEPTH}`);
  }
  return compileRule(rule, options.now);
}

function compileRule(rule: SegmentRule, now: number): LeadPredicate {
  if (rule.kind !== 'group') return compileCondition(rule, now);
  const parts = rule.rules.map((child) => compileRule(child, now));
  const combined: LeadPredicate =
    rule.combinator === 'and'
      ? (lead) => parts.every((part) => part(lead))
      : (lead) => parts.some((part) => part(lead));
  return rule.not ? (lead) => !combined(lead) : combined;
}

function compileCondition(rule: SegmentCondition, now: number): LeadPredicate {
  switch (rule.kind) {
    case 'field': {
      const test = valueTest(planComparison(LEAD_FIELD_TYPES[rule.field], rule.test, now));
      return (lead) => test(fieldValue(lead, rule.field));
    }
    case 'attribute': {
      const path = planPath(rule.path);
      const test = valueTest(planComparison(rule.type, rule.test, now));
      if (path === null) return () => test(null);
      // String rules find their key folded, as SQL does in `attributes_folded`.
      if (rule.type === 'string') {
        const folded = foldText(path);
        return (lead) => test(readTyped(foldedValueAt(lead.attributes, folded), 'string'));
      }
      return (lead) => test(readTyped(valueAt(lead.attributes, path), rule.type));
    }
    case 'stage':
      return (lead) => rule.in.includes(lead.stage);
    case 'consent':
      return (lead) => lead.consent[rule.channel] === rule.granted;
    case 'tag': {
      const tag = storableText(rule.tag);
      return (lead) => (tag !== null && lead.tags.includes(tag)) === rule.has;
    }
    case 'list': {
      const id = planListId(rule.listId);
      const isMember =
        'uuid' in id
          ? (lead: LeadSnapshot) => lead.lists.some((list) => list.toLowerCase() === id.uuid)
          : (lead: LeadSnapshot) => lead.lists.includes(id.other);
      return (lead) => isMember(lead) === rule.member;
    }
    case 'event':
      return eventTest(planEvent(rule, now));
    default:
      return assertNever(rule, 'segment condition');
  }
}

/** Built-in fields read like attributes: an empty text is not set. */
function fieldValue(lead: LeadSnapshot, field: LeadField): TypedValue | null {
  switch (field) {
    case 'key':
    case 'name':
    case 'email':
    case 'phone':
    case 'locale':
    case 'timeZone': {
      const text = lead[field];
      return text === null || text === '' ? null : text;
    }
    case 'createdAt':
    case 'updatedAt':
      return parseInstant(lead[field]);
    default:
      return assertNever(field, 'lead field');
  }
}

function valueTest(plan: ComparisonPlan): (value: TypedValue | null) => boolean {
  const { test, negate } = plan;
  return (value) => holds(test, value) !== negate;
}

function holds(test: PositiveTest, value: TypedValue | null): boolean {
  if (value === null) return false;
  switch (test.k) {
    case 'never':
      return false;
    case 'isSet':
      return true;
    case 'textEq':
      return typeof value === 'string' && foldText(value) === test.value;
    case 'textIn':
      return typeof value === 'string' && test.values.includes(foldText(value));
    case 'textContains':
      return typeof value === 'string' && foldText(value).includes(test.value);
    case 'textStartsWith':
      return typeof value === 'string' && foldText(value).startsWith(test.value);
    case 'textEndsWith':
      return typeof value === 'string' && foldText(value).endsWith(test.value);
    case 'boolEq':
      return value === test.value;
    case 'numRange': {
      if (typeof value !== 'number') return false;
      const { lo, loStrict, hi, hiStrict } = test.range;
      const aboveLo = lo === null || (loStrict ? value > lo : value >= lo);
      return aboveLo && (hi === null || (hiStrict ? value < hi : value <= hi));
    }
    case 'numIn':
      return typeof value === 'number' && test.values.includes(value);
    case 'dateRanges':
      return typeof value === 'number' && test.ranges.some((range) => inRange(range, value));
    case 'monthDayIn':
      return typeof value === 'number' && test.codes.includes(monthDayCode(value));
    default:
      return assertNever(test, 'comparison plan');
  }
}

const inRange = (range: MsRange, ms: number): boolean =>
  (range.from === null || ms >= range.from) && (range.to === null || ms <= range.to);

function eventTest(plan: EventPlan): LeadPredicate {
  const filters = plan.where.map((filter) => ({
    path: filter.path,
    type: filter.type,
    test: valueTest(filter.plan),
  }));
  const matches = (event: LeadEvent): boolean => {
    if (plan.window === 'none' || event.name !== plan.name) return false;
    if (plan.window !== null) {
      const at = parseInstant(event.occurredAt);
      if (at === null || !inRange(plan.window, at)) return false;
    }
    return filters.every(({ path, type, test }) =>
      test(path === null ? null : readTyped(valueAt(event.properties, path), type)),
    );
  };
  return (lead) => {
    let matched = 0;
    for (const event of lead.events) if (matches(event)) matched += 1;
    return countHolds(plan.count, matched);
  };
}
