import type { z } from 'zod';
import { assertNever } from '../util/assert-never.ts';
import type { ComparisonPlan, MsRange } from './comparison-plan.ts';
import { planComparison } from './comparison-plan.ts';
import type { EventRule, LeadField, ValueType } from './rule.schema.ts';
import { clampMs, parseInstant, shift } from './segment-time.ts';

/**
 * The parts of a condition that both compilers resolve the same way: the type of each built-in
 * field, event windows and counts, attribute paths and list ids.
 */

/** The value type of each built-in lead field a rule may test. */
export const LEAD_FIELD_TYPES: Readonly<Record<LeadField, ValueType>> = {
  key: 'string',
  name: 'string',
  email: 'string',
  phone: 'string',
  locale: 'string',
  timeZone: 'string',
  createdAt: 'date',
  updatedAt: 'date',
};

/**
 * An attribute or property path, or `null` when no stored JSON can hold it (a key with U+0000,
 * which PostgreSQL rejects), so the value is simply not set.
 */
export function planPath(path: string): string | null {
  return path.includes('\u0000') ? null : path;
}

/** Identifiers compared exactly (tags, event names): one with U+0000 matches nothing stored. */
export const storableText = (text: string): string | null =>
  text.includes('\u0000') ? null : text;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Static lists are segments, whose ids are UUIDs: a UUID list id is compared case-insensitively
 * (as PostgreSQL's `uuid` type does); any other id matches no stored list, and only the exact
 * same string in a simulated lead's `lists`.
 */
export function planListId(listId: string): { uuid: string } | { other: string } {
  return UUID.test(listId) ? { uuid: listId.toLowerCase() } : { other: listId };
}

export type EventCount = { op: 'atLeast' | 'atMost' | 'exactly'; n: number };

export interface PropertyPlan {
  path: string | null;
  type: ValueType;
  plan: ComparisonPlan;
}

export interface EventPlan {
  /** `null`: no stored event can have this name. */
  name: string | null;
  where: PropertyPlan[];
  /** When the counted events happened (inclusive, ms); `null` = any time, `'none'` = never. */
  window: MsRange | null | 'none';
  count: EventCount;
}

type EventRuleValue = z.infer<typeof EventRule>;

export function planEvent(rule: EventRuleValue, now: number): EventPlan {
  return {
    name: storableText(rule.name),
    where: (rule.where ?? []).map((filter) => ({
      path: planPath(filter.property),
      type: filter.type,
      plan: planComparison(filter.type, filter.test, now),
    })),
    window: planWindow(rule.when, now),
    count: rule.count ?? { op: 'atLeast', n: 1 },
  };
}

function planWindow(when: EventRuleValue['when'], now: number): EventPlan['window'] {
  if (when === undefined) return null;
  if (when.op === 'inLast')
    return { from: clampMs(shift(now, when.duration, -1)), to: clampMs(now) };
  const from = parseInstant(when.from);
  const to = parseInstant(when.to);
  if (from === null || to === null) return 'none';
  return { from: clampMs(from), to: clampMs(to) };
}

/** Whether `count` matching events satisfy the rule's count. */
export function countHolds(count: EventCount, matched: number): boolean {
  switch (count.op) {
    case 'atLeast':
      return matched >= count.n;
    case 'atMost':
      return matched <= count.n;
    case 'exactly':
      return matched === count.n;
    default:
      return assertNever(count.op, 'event count');
  }
}
