import { assertNever } from '../util/assert-never.ts';
import type { MsRange, PositiveTest } from './comparison-plan.ts';
import { formatTimestamp } from './segment-time.ts';
import type { Bind, ValueRead } from './sql-read.ts';
import { SQL_FOLD_FROM, SQL_FOLD_TO } from './text-fold.ts';

/**
 * SQL for typed comparisons. Everything interpolated here is either a constant of this file, an
 * identifier from the compiler's allow-list, or a `$n` placeholder returned by `bind`: no rule
 * text ever reaches the SQL string.
 */

/**
 * `foldText` in SQL, for text without a stored folded column. The constants contain no quote or
 * backslash, so inlining them is safe. Pure-ASCII text (the common case) takes
 * `lower(… COLLATE "C")`, which folds exactly A–Z in every locale and costs a fraction of
 * `translate`'s per-character table scan.
 */
const FOLD = (text: string): string =>
  `(CASE WHEN octet_length(${text}) = char_length(${text}) THEN lower(${text} COLLATE "C")` +
  ` ELSE translate(${text}, '${SQL_FOLD_FROM}', '${SQL_FOLD_TO}') END)`;

/**
 * A positive test on a value, never NULL: a value that is not set fails every positive test, so
 * `NOT` of it is exactly the negative operator.
 */
export function positiveSql(test: PositiveTest, read: ValueRead, bind: Bind): string {
  if (matchesNothing(test)) return 'FALSE';
  // Each callback binds its parameters when called: a bound path nobody references would leave
  // a parameter PostgreSQL cannot type, so only the reads a test uses are made.
  const guarded = (condition: string): string =>
    coalesce(read.guard === undefined ? condition : `${condition} AND ${read.guard()}`);
  const fold = (text: string): string => (read.folded === true ? text : FOLD(text));
  switch (test.k) {
    case 'never':
      return 'FALSE';
    case 'isSet':
      if (read.isSet !== undefined) return read.isSet();
      return guarded(`${read.value()} IS NOT NULL`);
    case 'textEq':
    case 'textIn': {
      const values = test.k === 'textEq' ? [test.value] : test.values;
      const value = read.value();
      if (read.folded === true) {
        const list = `${value} = ANY(${bind(values)}::text[])`;
        const { otherTypePrints } = read;
        const unguarded = otherTypePrints !== undefined && !values.some(otherTypePrints);
        return unguarded ? coalesce(list) : guarded(list);
      }
      // Folding keeps the number of characters, so a length check first spares most rows the
      // fold (AND evaluates left to right inside one expression).
      const lengths = [...new Set(values.map((v) => [...v].length))];
      return guarded(
        `char_length(${value}) = ANY(${bind(lengths)}::int[]) AND ${FOLD(value)} = ANY(${bind(values)}::text[])`,
      );
    }
    case 'textContains':
      return guarded(`strpos(${fold(read.value())}, ${bind(test.value)}::text) > 0`);
    case 'textStartsWith':
      return guarded(`starts_with(${fold(read.value())}, ${bind(test.value)}::text)`);
    case 'textEndsWith':
      // LIKE matches the bytes from the end; `right` counted every character of every value.
      return guarded(`${fold(read.value())} LIKE ${bind(`%${escapeLike(test.value)}`)}::text`);
    case 'boolEq':
      return guarded(`${read.value()} = ${bind(test.value)}::boolean`);
    case 'numRange': {
      // One range test reads the value once (it may be a long jsonb expression).
      const { lo, loStrict, hi, hiStrict } = test.range;
      const bound = (n: number | null) => (n === null ? 'NULL' : `${bind(String(n))}::numeric`);
      const flags = `'${loStrict ? '(' : '['}${hiStrict ? ')' : ']'}'`;
      return guarded(`${read.value()} <@ numrange(${bound(lo)}, ${bound(hi)}, ${flags})`);
    }
    case 'numIn':
      return guarded(`${read.value()} = ANY(${bind(test.values.map(String))}::numeric[])`);
    case 'dateRanges':
      return dateRangesSql(test.ranges, read, bind);
    case 'monthDayIn': {
      if (read.monthDayIn !== undefined) return read.monthDayIn(test.codes);
      const value = utc(read);
      const code = `(extract(month from ${value}) * 100 + extract(day from ${value}))::int`;
      return coalesce(`${code} = ANY(${bind(test.codes)}::int[])`);
    }
    default:
      return assertNever(test, 'comparison plan');
  }
}

/** The value as a UTC `timestamp`. */
const utc = (read: ValueRead): string =>
  read.zoned === true ? `(${read.value()} AT TIME ZONE 'UTC')` : read.value();

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

/** Text as a LIKE pattern that matches only itself (backslash is LIKE's default escape). */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Ranges are inclusive in milliseconds; SQL compares half-open `[from, to + 1 ms)` so a stored
 * value with microseconds lands where the predicate's millisecond floor puts it. Bounds are
 * parameters computed once, never per-row arithmetic; the value is read once (it may be a long
 * jsonb expression), except a `timestamptz` column, compared as it is to bound instants.
 */
function dateRangesSql(ranges: readonly MsRange[], read: ValueRead, bind: Bind): string {
  const nonEmpty = ranges.filter((range) => !isEmptyRange(range));
  const only = nonEmpty.length === 1 ? nonEmpty[0] : undefined;
  if (only !== undefined && read.dateRange !== undefined) return read.dateRange(only);
  if (only !== undefined && read.zoned === true) {
    return coalesce(rangeSql(only, read.value(), bind, true));
  }
  if (only !== undefined) {
    const { from, to } = only;
    const lower = from === null ? 'NULL' : `${bind(formatTimestamp(from))}::timestamp`;
    const upper = to === null ? 'NULL' : `${bind(formatTimestamp(to + 1))}::timestamp`;
    return coalesce(`${read.value()} <@ tsrange(${lower}, ${upper}, '[)')`);
  }
  const bound = (ms: number | null): string => (ms === null ? '' : `"${formatTimestamp(ms)}"`);
  const literal = (r: MsRange): string =>
    `[${bound(r.from)},${bound(r.to === null ? null : r.to + 1)})`;
  return coalesce(`${utc(read)} <@ ANY(${bind(nonEmpty.map(literal))}::tsrange[])`);
}

const isEmptyRange = (range: MsRange): boolean =>
  range.from !== null && range.to !== null && range.from > range.to;

/** `value` within an inclusive range; a `timestamptz` value is compared to bound UTC instants. */
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
