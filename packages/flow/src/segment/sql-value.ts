import { assertNever } from '../util/assert-never.ts';
import type { MsRange, PositiveTest } from './comparison-plan.ts';
import type { ValueType } from './rule.schema.ts';
import { DATE_PATTERN, formatTimestamp } from './segment-time.ts';
import { SQL_FOLD_FROM, SQL_FOLD_TO } from './text-fold.ts';

/**
 * SQL for typed reads and comparisons. Everything interpolated here is either a constant of
 * this file, an identifier from the compiler's allow-list, or a `$n` placeholder returned by
 * `bind`: no rule text ever reaches the SQL string.
 */

/** Adds a parameter and returns its placeholder (`$n`). */
export type Bind = (value: unknown) => string;

/**
 * `foldText` in SQL. The constants contain no quote or backslash, so inlining them is safe.
 * Pure-ASCII text (the common case) takes `lower(… COLLATE "C")`, which folds exactly A–Z in
 * every locale and costs a fraction of `translate`'s per-character table scan.
 */
const FOLD = (text: string): string =>
  `(CASE WHEN octet_length(${text}) = char_length(${text}) THEN lower(${text} COLLATE "C")` +
  ` ELSE translate(${text}, '${SQL_FOLD_FROM}', '${SQL_FOLD_TO}') END)`;

/**
 * A jsonb value read as the type, or NULL: `jsonb_typeof` guards every cast, so dirty data
 * (a word in a number attribute, an impossible date) reads as not set instead of failing the
 * whole query. Strings are non-empty text; dates are UTC `timestamp`s.
 */
export function jsonRead(json: string, type: ValueType): string {
  switch (type) {
    case 'string':
      return `(CASE WHEN jsonb_typeof(${json}) = 'string' THEN NULLIF(${json} #>> '{}', '') END)`;
    case 'number':
      return `(CASE WHEN jsonb_typeof(${json}) = 'number' THEN (${json})::numeric END)`;
    case 'boolean':
      return `(CASE WHEN jsonb_typeof(${json}) = 'boolean' THEN (${json})::boolean END)`;
    case 'date':
      return `(CASE WHEN jsonb_typeof(${json}) = 'string' THEN ${dateFromText(`(${json} #>> '{}')`)} END)`;
    default:
      return assertNever(type, 'value type');
  }
}

/**
 * Whether a jsonb date's UTC month-day (`MM-DD`) is one of `codes`. A `YYYY-MM-DD` text (birthdays
 * almost always are) is answered from its characters alone: a listed `MM-DD` is a real calendar
 * day, so only the year's digits and, for `02-29`, a leap year remain to check — no regular
 * expression, no cast. Date-times take the full grammar check and a UTC conversion.
 */
export function jsonMonthDayIn(json: string, codes: readonly number[], bind: Bind): string {
  const s = `(${json} #>> '{}')`;
  const list = `${bind(codes.map(monthDayText))}::text[]`;
  const year = `substr(${s}, 1, 4)`;
  const leap = `((${year}::int % 4 = 0 AND ${year}::int % 100 <> 0) OR ${year}::int % 400 = 0)`;
  const dateOnly =
    `(CASE WHEN substr(${s}, 6, 5) = ANY(${list}) AND substr(${s}, 5, 1) = '-'` +
    ` AND ltrim(${year}, '0123456789') = '' AND ${year} <> '0000'` +
    ` THEN (CASE WHEN substr(${s}, 6, 5) = '02-29' THEN ${leap} ELSE TRUE END) ELSE FALSE END)`;
  const dateTime = validDate(
    s,
    `to_char(${s}::timestamptz AT TIME ZONE 'UTC', 'MM-DD') = ANY(${list})`,
  );
  return coalesce(
    `(CASE WHEN jsonb_typeof(${json}) <> 'string' THEN FALSE` +
      ` WHEN length(${s}) = 10 THEN ${dateOnly} ELSE ${dateTime} END)`,
  );
}

const monthDayText = (code: number): string =>
  `${String(Math.floor(code / 100)).padStart(2, '0')}-${String(code % 100).padStart(2, '0')}`;

/** `then` when `s` is in the date grammar and names a day that exists, else NULL. */
function validDate(s: string, then: string): string {
  const year = `substr(${s}, 1, 4)::int`;
  const leap = `((${year} % 4 = 0 AND ${year} % 100 <> 0) OR ${year} % 400 = 0)`;
  const monthDays =
    `(CASE substr(${s}, 6, 2)::int WHEN 2 THEN (CASE WHEN ${leap} THEN 29 ELSE 28 END)` +
    ' WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END)';
  const dayExists = `${year} > 0 AND substr(${s}, 9, 2)::int <= ${monthDays}`;
  return `(CASE WHEN ${s} ~ '${DATE_PATTERN}' THEN (CASE WHEN ${dayExists} THEN ${then} END) END)`;
}

/**
 * Text in the date grammar (see `parseDate`) as a UTC timestamp, or NULL. Nested CASEs fix the
 * order: the integer casts run only after the pattern matched, the timestamp cast only after
 * the day was found to exist in its month.
 */
function dateFromText(s: string): string {
  const cast = `(CASE WHEN length(${s}) = 10 THEN ${s}::timestamp ELSE (${s}::timestamptz AT TIME ZONE 'UTC') END)`;
  return validDate(s, cast);
}

/**
 * A positive test on a typed value expression, never NULL: a value that is not set fails every
 * positive test, so `NOT` of it is exactly the negative operator.
 */
export function positiveSql(
  test: PositiveTest,
  read: () => string,
  bind: Bind,
  /** A cheaper anniversary test for the same value, when the source has one. */
  monthDayIn?: (codes: readonly number[]) => string,
): string {
  if (matchesNothing(test)) return 'FALSE';
  if (test.k === 'monthDayIn' && monthDayIn !== undefined) return monthDayIn(test.codes);
  // Read the value only for tests that use it: a bound path nobody references would leave a
  // parameter PostgreSQL cannot type.
  const value = read();
  switch (test.k) {
    case 'never':
      return 'FALSE';
    case 'isSet':
      return `(${value} IS NOT NULL)`;
    case 'textEq':
    case 'textIn': {
      // Folding keeps the number of characters, so a length check first spares most rows the
      // fold (AND evaluates left to right inside one expression).
      const values = test.k === 'textEq' ? [test.value] : test.values;
      const lengths = [...new Set(values.map((v) => [...v].length))];
      return coalesce(
        `char_length(${value}) = ANY(${bind(lengths)}::int[]) AND ${FOLD(value)} = ANY(${bind(values)}::text[])`,
      );
    }
    case 'textContains':
      return coalesce(`strpos(${FOLD(value)}, ${bind(test.value)}::text) > 0`);
    case 'textStartsWith':
      return coalesce(`starts_with(${FOLD(value)}, ${bind(test.value)}::text)`);
    case 'textEndsWith': {
      const p = bind(test.value);
      return coalesce(`right(${FOLD(value)}, char_length(${p}::text)) = ${p}::text`);
    }
    case 'boolEq':
      return coalesce(`${value} = ${bind(test.value)}::boolean`);
    case 'numRange': {
      // One range test reads the value once (it may be a long jsonb expression).
      const { lo, loStrict, hi, hiStrict } = test.range;
      const bound = (n: number | null) => (n === null ? 'NULL' : `${bind(String(n))}::numeric`);
      const flags = `'${loStrict ? '(' : '['}${hiStrict ? ')' : ']'}'`;
      return coalesce(`${value} <@ numrange(${bound(lo)}, ${bound(hi)}, ${flags})`);
    }
    case 'numIn':
      if (test.values.length === 0) return 'FALSE';
      return coalesce(`${value} = ANY(${bind(test.values.map(String))}::numeric[])`);
    case 'dateRanges':
      return dateRangesSql(test.ranges, value, bind);
    case 'monthDayIn': {
      const code = `(extract(month from ${value}) * 100 + extract(day from ${value}))::int`;
      return coalesce(`${code} = ANY(${bind(test.codes)}::int[])`);
    }
    default:
      return assertNever(test, 'comparison plan');
  }
}

/**
 * Tests that can select no lead compile to FALSE without reading the value; this also keeps
 * `numrange`/`tsrange` from ever seeing a lower bound above the upper one (an error).
 */
function matchesNothing(test: PositiveTest): boolean {
  if (test.k === 'never') return true;
  if (test.k === 'numRange') {
    const { lo, hi } = test.range;
    return lo !== null && hi !== null && lo > hi;
  }
  if (test.k === 'textIn' || test.k === 'numIn') return test.values.length === 0;
  if (test.k === 'dateRanges') return test.ranges.every(isEmptyRange);
  return false;
}

const coalesce = (condition: string): string => `COALESCE(${condition}, FALSE)`;

/**
 * Ranges are inclusive in milliseconds; SQL compares half-open `[from, to + 1 ms)` so a stored
 * value with microseconds lands where the predicate's millisecond floor puts it.
 */
function dateRangesSql(ranges: readonly MsRange[], value: string, bind: Bind): string {
  const nonEmpty = ranges.filter((range) => !isEmptyRange(range));
  if (nonEmpty.length === 1 && nonEmpty[0] !== undefined) {
    const { from, to } = nonEmpty[0];
    const lower = from === null ? 'NULL' : `${bind(formatTimestamp(from))}::timestamp`;
    const upper = to === null ? 'NULL' : `${bind(formatTimestamp(to + 1))}::timestamp`;
    return coalesce(`${value} <@ tsrange(${lower}, ${upper}, '[)')`);
  }
  const from = bind(nonEmpty.map((r) => (r.from === null ? null : formatTimestamp(r.from))));
  const until = bind(nonEmpty.map((r) => (r.to === null ? null : formatTimestamp(r.to + 1))));
  return coalesce(
    `EXISTS (SELECT 1 FROM unnest(${from}::timestamp[], ${until}::timestamp[]) AS r(f, u)` +
      ` WHERE (r.f IS NULL OR ${value} >= r.f) AND (r.u IS NULL OR ${value} < r.u) AND ${value} IS NOT NULL)`,
  );
}

const isEmptyRange = (range: MsRange): boolean =>
  range.from !== null && range.to !== null && range.from > range.to;

export function rangeSql(range: MsRange, value: string, bind: Bind, asTimestamptz = false): string {
  const param = (ms: number): string =>
    asTimestamptz
      ? `(${bind(formatTimestamp(ms))}::timestamp AT TIME ZONE 'UTC')`
      : `${bind(formatTimestamp(ms))}::timestamp`;
  const parts = [`${value} IS NOT NULL`];
  if (range.from !== null) parts.push(`${value} >= ${param(range.from)}`);
  if (range.to !== null) parts.push(`${value} < ${param(range.to + 1)}`);
  return parts.join(' AND ');
}
