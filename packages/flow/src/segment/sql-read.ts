import { assertNever } from '../util/assert-never.ts';
import type { MsRange } from './comparison-plan.ts';
import type { ValueType } from './rule.schema.ts';
import {
  civilFromDays,
  formatTimestamp,
  MAX_MS,
  MS_PER_DAY,
  SQL_DATE_PATTERN,
} from './segment-time.ts';

/**
 * How the SQL compiler reads a value for `positiveSql`: lead columns, jsonb attributes and
 * event properties. PostgreSQL evaluates every occurrence of a subexpression again (there is no
 * common-subexpression elimination), and each jsonb read copies and searches the document, so
 * these reads are shaped to touch the jsonb as few times as possible per row.
 */

/** Adds a parameter and returns its placeholder (`$n`). */
export type Bind = (value: unknown) => string;

/** How one value is read. Callbacks bind their parameters only when called. */
export interface ValueRead {
  /** The value as its type (text, numeric, boolean, UTC timestamp), or NULL when not set. */
  value: () => string;
  /** Text already folded (a stored `*_folded` column): compared as it is. */
  folded?: boolean;
  /**
   * A type check `value` leaves out, ANDed after the test: most rows fail the test on one
   * jsonb read and never pay for the check's second read.
   */
  guard?: () => string;
  /**
   * Whether a value of another JSON type than string could print (`->>`) as this text: when no
   * compared value could, text equality needs no guard.
   */
  otherTypePrints?: (text: string) => boolean;
  /** `isSet` without computing the value (a date's validity, without the cast). */
  isSet?: () => string;
  /** A cheaper anniversary test on the same value (never NULL). */
  monthDayIn?: (codes: readonly number[]) => string;
  /** A cheaper test that the value lies in one non-empty inclusive range (never NULL). */
  dateRange?: (range: MsRange) => string;
  /** `value` is a `timestamptz` column: ranges compare it, as it is, to bound instants. */
  zoned?: boolean;
}

/**
 * The jsonb at a path, read as `valueAt` reads it: the exact top-level key first (a present key
 * holding JSON null is not SQL NULL, so COALESCE keeps it), then one `-> $n::text` per dotted
 * segment, which enters objects only. Each key is a bound parameter.
 */
export function jsonAt(base: string, path: string | null, bind: Bind): string {
  if (path === null) return 'NULL::jsonb';
  const whole = `${base} -> ${bind(path)}::text`;
  if (!path.includes('.')) return `(${whole})`;
  const nested = path
    .split('.')
    .map((key) => ` -> ${bind(key)}::text`)
    .join('');
  return `COALESCE(${whole}, ${base}${nested})`;
}

/** The text of the jsonb at a path (`->>`: one read for a plain key), NULL for JSON null. */
export function jsonTextAt(base: string, path: string | null, bind: Bind): string {
  if (path === null) return 'NULL::text';
  if (!path.includes('.')) return `(${base} ->> ${bind(path)}::text)`;
  return `(${jsonAt(base, path, bind)} #>> '{}')`;
}

/**
 * A jsonb value read as the type, or NULL: `jsonb_typeof` guards every cast, so dirty data
 * (a word in a number attribute, an impossible date) reads as not set instead of failing the
 * whole query.
 */
export function jsonRead(
  json: () => string,
  text: () => string,
  type: ValueType,
  bind: Bind,
  /** Whether the text is a date, from a stored column (`date_attributes`) when it can. */
  validDate: () => string = () => validDateText(text()),
): ValueRead {
  switch (type) {
    case 'string':
      // `->>` prints numbers, booleans and objects too: the guard rejects them.
      return {
        value: () => `NULLIF(${text()}, '')`,
        guard: () => `jsonb_typeof(${json()}) = 'string'`,
      };
    case 'number':
      return {
        value: () => `(CASE WHEN jsonb_typeof(${json()}) = 'number' THEN (${json()})::numeric END)`,
      };
    case 'boolean':
      return {
        value: () =>
          `(CASE WHEN jsonb_typeof(${json()}) = 'boolean' THEN (${json()})::boolean END)`,
      };
    case 'date':
      // Only a JSON string's text can match the date grammar (numbers, booleans, objects and
      // arrays print otherwise), so the grammar check is the type check.
      return {
        value: () => dateFromText(text(), validDate()),
        isSet: validDate,
        monthDayIn: (codes) => monthDayIn(text(), validDate(), codes, bind),
        dateRange: (range) => dateTextInRange(text(), validDate(), range, bind),
      };
    default:
      return assertNever(type, 'value type');
  }
}

/**
 * String reads of the folded attributes (`attributes_folded`: the attributes' JSON text folded
 * as a whole, keys included, so numbers, booleans, objects and arrays print too). `->>` prints
 * a number as plain digits (numeric never uses an exponent), a boolean as true/false, objects
 * and arrays from `{` / `[`, and JSON null as SQL NULL: equality with any other text holds
 * for strings only and skips the type check.
 */
export function foldedJsonRead(json: () => string, text: () => string): ValueRead {
  return {
    value: () => `NULLIF(${text()}, '')`,
    folded: true,
    guard: () => `jsonb_typeof(${json()}) = 'string'`,
    otherTypePrints: (text) =>
      text === 'true' ||
      text === 'false' ||
      /^[{[]/.test(text) ||
      /^-?[0-9]+(\.[0-9]+)?$/.test(text),
  };
}

/**
 * Whether text is in the date grammar and names a day that exists, never NULL: one regular
 * expression checks the grammar, every month's length and the leap years.
 */
export function validDateText(s: string): string {
  return `COALESCE(${s} ~ '${SQL_DATE_PATTERN}', FALSE)`;
}

/**
 * The top-level keys of a lead's attributes whose value is a date string, as a jsonb array of
 * keys: the expression of the stored column `leads.date_attributes` (`@rumbo/db`), which
 * PostgreSQL computes when a lead is written, so a date rule on a top-level attribute asks
 * `date_attributes ? key` instead of running the date pattern on every lead it reads. `strict`
 * keeps arrays from being entered; anything but an object has no keys.
 */
export function dateAttributesSql(column: string): string {
  return (
    `jsonb_path_query_array(${column}, 'strict $.keyvalue() ? (@.value.type() == "string" && ` +
    `@.value like_regex "${SQL_DATE_PATTERN}").key', '{}'::jsonb, true)`
  );
}

/**
 * Text in the date grammar as a UTC timestamp, or NULL. The CASE fixes the order: the casts
 * run only on text found valid.
 */
function dateFromText(s: string, valid: string): string {
  return (
    `(CASE WHEN ${valid} THEN (CASE WHEN length(${s}) = 10 THEN ${s}::timestamp` +
    ` ELSE (${s}::timestamptz AT TIME ZONE 'UTC') END) END)`
  );
}

/**
 * Whether a date text's UTC month-day (`MM-DD`) is one of `codes`. A `YYYY-MM-DD` text (birthdays
 * almost always are) is answered from its characters, and only a listed month-day pays for the
 * grammar check; a date-time is checked, then converted to UTC.
 */
function monthDayIn(s: string, valid: string, codes: readonly number[], bind: Bind): string {
  const list = `${bind(codes.map(monthDayText))}::text[]`;
  const dateOnly = `(CASE WHEN substr(${s}, 6, 5) = ANY(${list}) THEN ${valid} ELSE FALSE END)`;
  const dateTime =
    `(CASE WHEN ${valid} THEN` +
    ` to_char(${s}::timestamptz AT TIME ZONE 'UTC', 'MM-DD') = ANY(${list}) END)`;
  return `COALESCE((CASE WHEN length(${s}) = 10 THEN ${dateOnly} ELSE ${dateTime} END), FALSE)`;
}

const monthDayText = (code: number): string =>
  `${String(Math.floor(code / 100)).padStart(2, '0')}-${String(code % 100).padStart(2, '0')}`;

/**
 * Whether a date text lies in an inclusive millisecond range. A `YYYY-MM-DD` text is midnight
 * UTC, so it is in range exactly when it falls between the first and last whole days the range
 * holds — a comparison of the text itself (byte order, `COLLATE "C"`, equals date order for text
 * in the grammar); only text in that span pays for the grammar check. A date-time is checked,
 * cast and compared.
 */
function dateTextInRange(s: string, valid: string, range: MsRange, bind: Bind): string {
  const firstDay = range.from === null ? null : Math.ceil(range.from / MS_PER_DAY);
  const lastDay = Math.floor((range.to ?? MAX_MS) / MS_PER_DAY);
  const dayOnly: string[] = [];
  if (firstDay !== null && firstDay > lastDay) dayOnly.push('FALSE');
  else {
    if (firstDay !== null) dayOnly.push(`${s} >= ${bind(dayText(firstDay))}::text COLLATE "C"`);
    if (range.to !== null) dayOnly.push(`${s} <= ${bind(dayText(lastDay))}::text COLLATE "C"`);
    dayOnly.push(valid);
  }
  const stamp = (ms: number) => `${bind(formatTimestamp(ms))}::timestamp`;
  const lower = range.from === null ? 'NULL' : stamp(range.from);
  const upper = range.to === null ? 'NULL' : stamp(range.to + 1);
  const dateTime = `${dateFromText(s, valid)} <@ tsrange(${lower}, ${upper}, '[)')`;
  return `COALESCE((CASE WHEN length(${s}) = 10 THEN (${dayOnly.join(' AND ')}) ELSE ${dateTime} END), FALSE)`;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function dayText(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}
