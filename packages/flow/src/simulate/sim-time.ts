import type { Duration } from '../segment/rule.schema.ts';

/**
 * Virtual-time arithmetic of the simulator: integer epoch milliseconds, UTC. Delays and
 * timeouts count elapsed time (a day is 24 h) and months are calendar months in UTC; the
 * lead's time zone matters only where a node says so (a wait node's `waitUntil`), which the
 * node module computes itself.
 */

export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

const FIXED_UNIT_MS = {
  minutes: 60_000,
  hours: MS_PER_HOUR,
  days: MS_PER_DAY,
  weeks: 7 * MS_PER_DAY,
} as const;

/** A duration resolved once: fixed milliseconds, or a number of calendar months. */
export interface ResolvedDuration {
  ms: number;
  months: number;
}

export function resolveDuration(duration: Duration): ResolvedDuration {
  if (duration.unit === 'months') return { ms: 0, months: duration.amount };
  return { ms: duration.amount * FIXED_UNIT_MS[duration.unit], months: 0 };
}

/** `at` plus the duration, in integer milliseconds. */
export function addResolved(at: number, duration: ResolvedDuration): number {
  return addElapsed(at, duration.ms, duration.months);
}

/** `addResolved` with the duration's two parts passed apart (read from typed arrays). */
export function addElapsed(at: number, ms: number, months: number): number {
  if (months === 0) return at + ms;
  return addUtcMonths(at, months);
}

/** Same day of month `months` later (clamped to the month's last day), same time of day, UTC. */
export function addUtcMonths(at: number, months: number): number {
  const days = Math.floor(at / MS_PER_DAY);
  const timeOfDay = at - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const total = year * 12 + (month - 1) + months;
  const newYear = Math.floor(total / 12);
  const newMonth = total - newYear * 12 + 1;
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return daysFromCivil(newYear, newMonth, newDay) * MS_PER_DAY + timeOfDay;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** `YYYY-MM-DD` of an instant, UTC, without `Date` (the same string in every engine). */
export function isoDate(at: number): string {
  const { year, month, day } = civilFromDays(Math.floor(at / MS_PER_DAY));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}
