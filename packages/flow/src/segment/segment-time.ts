import type { Duration } from './rule.schema.ts';

/**
 * Calendar arithmetic for segment rules, in UTC and in whole milliseconds, without `Date`:
 * `Date.UTC` maps years 0–99 to 1900–1999 and `Date.parse` reads offset-less times in the
 * process's zone, and both compilers must give the same answer on every machine.
 */

export const MS_PER_DAY = 86_400_000;
/** 0001-01-01T00:00:00.000Z: computed bounds are clamped into years 0001–9999. */
export const MIN_MS = -62_135_596_800_000;
/** 9999-12-31T23:59:59.998Z, so that `bound + 1 ms` still has a four-digit year. */
export const MAX_MS = 253_402_300_799_998;

export interface CivilDate {
  y: number;
  m: number;
  d: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * The date grammar both compilers accept (the SQL compiler has the same regular expression):
 * `YYYY-MM-DD` (midnight UTC; as a rule value it means that whole day) or
 * `YYYY-MM-DDTHH:MM[:SS[.ffffff]](Z|±HH:MM)`. Anything else, including impossible days such as
 * `2023-02-29` and times without an offset, is not a date. No backslashes (`[.]`, not `\\.`):
 * the SQL pattern goes into a jsonpath string too, where a backslash is an escape.
 */
const TIME_PATTERN =
  '(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,6})?)?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9]))?$';
export const DATE_PATTERN = `^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])${TIME_PATTERN}`;

/** Years 0001–9999 (year 0000 is no date). */
const YEAR = '([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])';
/** Every month-day but 29 February, with each month's length. */
const MONTH_DAY =
  '((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)';
/** 29 February of a leap year: divisible by 4 but not by 100 (xx04…xx96), or by 400. */
const LEAP_DAY =
  '([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)-02-29';

/**
 * The same grammar with the days of each month and the leap years spelled out, so SQL checks a
 * date with one regular expression (one read of a jsonb text): it accepts exactly what
 * `parseDate` accepts.
 */
export const SQL_DATE_PATTERN = `^(${LEAP_DAY}|${YEAR}-${MONTH_DAY})${TIME_PATTERN}`;
const DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(?:(Z)|([+-])(\d{2}):(\d{2})))?$/;
const DATE_CHECK = new RegExp(DATE_PATTERN);

export interface ParsedDate {
  /** The instant, floored to the millisecond. */
  ms: number;
  /** True for `YYYY-MM-DD`: the value names a whole UTC day. */
  dateOnly: boolean;
}

/** Parses the date grammar above; `null` for anything else. */
export function parseDate(text: string): ParsedDate | null {
  if (!DATE_CHECK.test(text)) return null;
  const m = DATE_RE.exec(text);
  if (m === null) return null;
  const num = (i: number): number => Number(m[i] ?? '0');
  const [y, mo, d] = [num(1), num(2), num(3)];
  if (y === 0 || d > daysInMonth(y, mo)) return null;
  const dayMs = daysFromCivil(y, mo, d) * MS_PER_DAY;
  if (m[4] === undefined) return { ms: dayMs, dateOnly: true };
  const fraction = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const sign = m[9] === '-' ? -1 : 1;
  const offset = m[8] === 'Z' ? 0 : sign * (num(10) * 3_600_000 + num(11) * 60_000);
  const time = num(4) * 3_600_000 + num(5) * 60_000 + num(6) * 1000 + fraction;
  return { ms: dayMs + time - offset, dateOnly: false };
}

const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses a stored instant (lead `createdAt`, event `occurredAt`) as zod's ISO check admits it:
 * the date-time grammar above with any number of fraction digits (floored to the millisecond;
 * PostgreSQL keeps microseconds, so only a value within a microsecond of a millisecond boundary
 * could land differently) and any offset up to ±23:59.
 */
export function parseInstant(text: string): number | null {
  const m = INSTANT_RE.exec(text);
  if (m === null) return null;
  const num = (i: number): number => Number(m[i] ?? '0');
  const [y, mo, d, h, mi, sec, oh, om] = [1, 2, 3, 4, 5, 6, 10, 11].map(num);
  if (y === undefined || mo === undefined || d === undefined || y === 0) return null;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if ((h ?? 0) > 23 || (mi ?? 0) > 59 || (sec ?? 0) > 59 || (oh ?? 0) > 23 || (om ?? 0) > 59) {
    return null;
  }
  const fraction = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const sign = m[9] === '-' ? -1 : 1;
  const offset = m[8] === 'Z' ? 0 : sign * ((oh ?? 0) * 3_600_000 + (om ?? 0) * 60_000);
  const time = (h ?? 0) * 3_600_000 + (mi ?? 0) * 60_000 + (sec ?? 0) * 1000 + fraction;
  return daysFromCivil(y, mo, d) * MS_PER_DAY + time - offset;
}

export const clampMs = (ms: number): number => Math.min(MAX_MS, Math.max(MIN_MS, ms));

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * `YYYY-MM-DD HH:MM:SS.mmm` (UTC, no zone), the form the SQL compiler binds as `timestamp`;
 * for instants in [MIN_MS, MAX_MS + 1].
 */
export function formatTimestamp(ms: number): string {
  const clamped = Math.min(MAX_MS + 1, Math.max(MIN_MS, ms));
  const days = Math.floor(clamped / MS_PER_DAY);
  const { y, m, d } = civilFromDays(days);
  let rest = clamped - days * MS_PER_DAY;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)} ${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(milli, 3)}`;
}

/** Adds calendar months in UTC; the day is clamped to the month's last (Mar 31 − 1 month = Feb 28/29). */
export function addMonths(ms: number, months: number): number {
  const days = Math.floor(ms / MS_PER_DAY);
  const timeOfDay = ms - days * MS_PER_DAY;
  const { y, m, d } = civilFromDays(days);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm))) * MS_PER_DAY + timeOfDay;
}

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: MS_PER_DAY, weeks: 7 * MS_PER_DAY };

/** `from` moved by `sign × duration` (calendar months, fixed-length other units). */
export function shift(from: number, duration: Duration, sign: 1 | -1): number {
  if (duration.unit === 'months') return addMonths(from, sign * duration.amount);
  return from + sign * duration.amount * UNIT_MS[duration.unit];
}

/**
 * Month-day codes (`month × 100 + day`) of the UTC days from `now`'s day to `days` days later.
 * A Feb 29 anniversary falls on Feb 28 in years without one, so 229 joins the set whenever the
 * window holds Feb 28 of a common year.
 */
export function anniversaryCodes(now: number, days: number): number[] {
  const today = Math.floor(now / MS_PER_DAY);
  const codes = new Set<number>();
  for (let i = 0; i <= days; i += 1) {
    const { y, m, d } = civilFromDays(today + i);
    codes.add(m * 100 + d);
    if (m === 2 && d === 28 && !isLeapYear(y)) codes.add(229);
  }
  return [...codes].sort((a, b) => a - b);
}

/** The month-day code of an instant's UTC day. */
export function monthDayCode(ms: number): number {
  const { m, d } = civilFromDays(Math.floor(ms / MS_PER_DAY));
  return m * 100 + d;
}
