import { assertNever } from '../util/assert-never.ts';
import type { Comparison, ValueType } from './rule.schema.ts';
import { anniversaryCodes, clampMs, parseDate, shift } from './segment-time.ts';
import { ruleText } from './text-fold.ts';

/**
 * A comparison resolved once, before either compiler runs: rule values are read as the tested
 * type, relative dates are turned into instants against `now`, and an operator that makes no
 * sense for the type (or a value that cannot be read as it) becomes `never`. Both compilers
 * translate this plan, so they cannot disagree on how a value is interpreted.
 *
 * Every negative operator (`neq`, `notContains`, `notIn`, `notInLast`, `isNotSet`) is exactly
 * NOT of its positive twin, so a lead whose value is not set — or set with the wrong JSON
 * type, which counts as not set — matches every negative operator and no positive one.
 */

/** A numeric interval; `null` = unbounded. */
export interface NumRange {
  lo: number | null;
  loStrict: boolean;
  hi: number | null;
  hiStrict: boolean;
}
/** Inclusive millisecond interval, always within [MIN_MS, MAX_MS]; `null` = unbounded. */
export interface MsRange {
  from: number | null;
  to: number | null;
}

export type PositiveTest =
  | { k: 'never' }
  | { k: 'isSet' }
  | { k: 'textEq'; value: string }
  | { k: 'textIn'; values: string[] }
  | { k: 'textContains'; value: string }
  | { k: 'textStartsWith'; value: string }
  | { k: 'textEndsWith'; value: string }
  | { k: 'boolEq'; value: boolean }
  | { k: 'numRange'; range: NumRange }
  | { k: 'numIn'; values: number[] }
  | { k: 'dateRanges'; ranges: MsRange[] }
  | { k: 'monthDayIn'; codes: number[] };

export interface ComparisonPlan {
  test: PositiveTest;
  negate: boolean;
}

const NEVER: PositiveTest = { k: 'never' };
const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A rule value read as a number: numbers, and strings written as decimal numbers. */
export function ruleNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC_TEXT.test(value.trim())) {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** A rule value read as text (numbers become their decimal text). */
export function ruleString(value: unknown): string | null {
  if (typeof value === 'string') return ruleText(value);
  if (typeof value === 'number' && Number.isFinite(value)) return ruleText(String(value));
  return null;
}

/**
 * A rule value read as a date: `YYYY-MM-DD` names the whole UTC day, a date-time or a number
 * (epoch milliseconds) names one instant.
 */
export function ruleDay(value: unknown): { start: number; end: number } | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const ms = clampMs(Math.floor(value));
    return { start: ms, end: ms };
  }
  if (typeof value !== 'string') return null;
  const parsed = parseDate(value.trim());
  if (parsed === null) return null;
  const end = parsed.dateOnly ? parsed.ms + 86_399_999 : parsed.ms;
  return { start: clampMs(parsed.ms), end: clampMs(end) };
}

const positive = (test: PositiveTest): ComparisonPlan => ({ test, negate: false });
const negative = (test: PositiveTest): ComparisonPlan => ({ test, negate: true });

export function planComparison(type: ValueType, test: Comparison, now: number): ComparisonPlan {
  switch (test.op) {
    case 'isSet':
      return positive({ k: 'isSet' });
    case 'isNotSet':
      return negative({ k: 'isSet' });
    case 'eq':
      return positive(equality(type, test.value));
    case 'neq':
      return negative(equality(type, test.value));
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      return positive(textMatch(type, test.op, test.value));
    case 'notContains':
      return negative(textMatch(type, 'contains', test.value));
    case 'in':
      return positive(membership(type, test.values));
    case 'notIn':
      return negative(membership(type, test.values));
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return positive(ordering(type, test.op, test.value));
    case 'between':
      return positive(between(type, test.from, test.to));
    case 'inLast':
    case 'notInLast':
    case 'inNext':
      return relative(type, test.op, shift(now, test.duration, test.op === 'inNext' ? 1 : -1), now);
    case 'anniversaryWithin':
      return positive(
        type === 'date' ? { k: 'monthDayIn', codes: anniversaryCodes(now, test.days) } : NEVER,
      );
    default:
      return assertNever(test, 'comparison');
  }
}

function equality(type: ValueType, value: unknown): PositiveTest {
  switch (type) {
    case 'string': {
      const text = ruleString(value);
      return text === null ? NEVER : { k: 'textEq', value: text };
    }
    case 'number': {
      const n = ruleNumber(value);
      return n === null ? NEVER : { k: 'numRange', range: point(n) };
    }
    case 'boolean':
      return typeof value === 'boolean' ? { k: 'boolEq', value } : NEVER;
    case 'date': {
      const day = ruleDay(value);
      return day === null ? NEVER : { k: 'dateRanges', ranges: [{ from: day.start, to: day.end }] };
    }
    default:
      return assertNever(type, 'value type');
  }
}

const point = (n: number): NumRange => ({ lo: n, loStrict: false, hi: n, hiStrict: false });

function textMatch(
  type: ValueType,
  op: 'contains' | 'startsWith' | 'endsWith',
  value: string,
): PositiveTest {
  if (type !== 'string') return NEVER;
  const text = ruleText(value);
  if (op === 'contains') return { k: 'textContains', value: text };
  return op === 'startsWith'
    ? { k: 'textStartsWith', value: text }
    : { k: 'textEndsWith', value: text };
}

/** `in` keeps the values that can be read as the type and drops the rest. */
function membership(type: ValueType, values: readonly (string | number)[]): PositiveTest {
  switch (type) {
    case 'string':
      return { k: 'textIn', values: unique(values.map(ruleString)) };
    case 'number':
      return { k: 'numIn', values: unique(values.map(ruleNumber)) };
    case 'date': {
      const days = values.map(ruleDay).filter((d) => d !== null);
      return { k: 'dateRanges', ranges: days.map((d) => ({ from: d.start, to: d.end })) };
    }
    case 'boolean':
      return NEVER;
    default:
      return assertNever(type, 'value type');
  }
}

function unique<T>(values: readonly (T | null)[]): T[] {
  return [...new Set(values.filter((v): v is T => v !== null))];
}

function ordering(type: ValueType, op: 'lt' | 'lte' | 'gt' | 'gte', value: unknown): PositiveTest {
  if (type === 'number') {
    const n = ruleNumber(value);
    if (n === null) return NEVER;
    const strict = op === 'lt' || op === 'gt';
    const range: NumRange =
      op === 'lt' || op === 'lte'
        ? { lo: null, loStrict: false, hi: n, hiStrict: strict }
        : { lo: n, loStrict: strict, hi: null, hiStrict: false };
    return { k: 'numRange', range };
  }
  if (type !== 'date') return NEVER;
  const day = ruleDay(value);
  if (day === null) return NEVER;
  // A whole-day value is "before" its first millisecond and "after" its last.
  const range: MsRange =
    op === 'lt'
      ? { from: null, to: clampMs(day.start - 1) }
      : op === 'lte'
        ? { from: null, to: day.end }
        : op === 'gt'
          ? { from: clampMs(day.end + 1), to: null }
          : { from: day.start, to: null };
  return { k: 'dateRanges', ranges: [range] };
}

function between(type: ValueType, from: unknown, to: unknown): PositiveTest {
  if (type === 'number') {
    const lo = ruleNumber(from);
    const hi = ruleNumber(to);
    if (lo === null || hi === null) return NEVER;
    return { k: 'numRange', range: { lo, loStrict: false, hi, hiStrict: false } };
  }
  if (type !== 'date') return NEVER;
  const a = ruleDay(from);
  const b = ruleDay(to);
  if (a === null || b === null) return NEVER;
  return { k: 'dateRanges', ranges: [{ from: a.start, to: b.end }] };
}

function relative(
  type: ValueType,
  op: 'inLast' | 'notInLast' | 'inNext',
  other: number,
  now: number,
): ComparisonPlan {
  if (type !== 'date') return { test: NEVER, negate: op === 'notInLast' };
  const range =
    op === 'inNext'
      ? { from: clampMs(now), to: clampMs(other) }
      : { from: clampMs(other), to: clampMs(now) };
  return { test: { k: 'dateRanges', ranges: [range] }, negate: op === 'notInLast' };
}
