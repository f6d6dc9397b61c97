import { unitMs } from '../labels/duration.ts';
import type { TimeUnit } from '../segment/rule.schema.ts';
import { civilFromDays, daysFromCivil, MS_PER_DAY } from '../segment/segment-time.ts';

/**
 * Calendar arithmetic in a lead's IANA time zone with `Intl` only (no tz database library,
 * no I/O): "wait 2 days" keeps the wall-clock time across a daylight-saving change, and
 * "until her birthday at 09:00" means 09:00 where she lives.
 */

export interface LocalDateTime {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter per zone, memoised: building one costs far more than using it. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone itself if `Intl` knows it, else UTC: a typo in a lead's zone must not stop the flow. */
export function safeTimeZone(timeZone: string): string {
  try {
    formatterFor(timeZone);
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** Wall-clock time straight from `Intl` (slow: a few microseconds a call). */
function intlLocal(epochMs: number, zone: string): LocalDateTime {
  const parts = formatterFor(zone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    return part ? Number(part.value) : 0;
  };
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

const OFFSET_BUCKET_MS = 15 * 60_000;
const OFFSET_CACHE_LIMIT = 50_000;
/** Per zone: the UTC offset of each 15-minute span, or null when it changes inside the span. */
const offsetCache = new Map<string, Map<number, number | null>>();

function intlOffset(epochMs: number, zone: string): number {
  const l = intlLocal(epochMs, zone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/**
 * The zone's offset at `epochMs` when it is the same at both ends of its 15-minute span
 * (offsets change at whole minutes, at most once in such a span), else null. The simulator
 * asks for local times millions of times; `Intl` answers a few thousand times instead.
 */
function spanOffset(epochMs: number, zone: string): number | null {
  let byBucket = offsetCache.get(zone);
  if (!byBucket) {
    byBucket = new Map();
    offsetCache.set(zone, byBucket);
  }
  const bucket = Math.floor(epochMs / OFFSET_BUCKET_MS);
  let offset = byBucket.get(bucket);
  if (offset === undefined) {
    if (byBucket.size >= OFFSET_CACHE_LIMIT) byBucket.clear();
    const start = bucket * OFFSET_BUCKET_MS;
    const first = intlOffset(start, zone);
    offset = first === intlOffset(start + OFFSET_BUCKET_MS - 1000, zone) ? first : null;
    byBucket.set(bucket, offset);
  }
  return offset;
}

export function toLocal(epochMs: number, timeZone: string): LocalDateTime {
  const zone = safeTimeZone(timeZone);
  const offset = spanOffset(epochMs, zone);
  if (offset === null) return intlLocal(epochMs, zone);
  const wall = epochMs + offset;
  const days = Math.floor(wall / MS_PER_DAY);
  const { y, m, d } = civilFromDays(days);
  const seconds = Math.floor((wall - days * MS_PER_DAY) / 1000);
  return {
    year: y,
    month: m,
    day: d,
    hour: Math.floor(seconds / 3600),
    minute: Math.floor(seconds / 60) % 60,
    second: seconds % 60,
  };
}

function offsetAt(epochMs: number, zone: string): number {
  return spanOffset(epochMs, zone) ?? intlOffset(epochMs, zone);
}

/**
 * The instant at which the wall clock in `timeZone` shows `local`. Two passes settle the
 * offset around a DST change; a wall time that does not exist (skipped hour) lands after it.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): number {
  const zone = safeTimeZone(timeZone);
  const guess = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
  );
  const first = guess - offsetAt(guess, zone);
  const second = guess - offsetAt(first, zone);
  return second;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds a duration: minutes and hours as elapsed time, days and longer on the local calendar. */
export function addDuration(
  epochMs: number,
  amount: number,
  unit: TimeUnit,
  timeZone: string,
): number {
  if (unit === 'minutes' || unit === 'hours') return epochMs + amount * unitMs(unit);
  const local = toLocal(epochMs, timeZone);
  if (unit === 'months') {
    const total = local.year * 12 + (local.month - 1) + amount;
    const year = Math.floor(total / 12);
    const month = (total % 12) + 1;
    const day = Math.min(local.day, daysInMonth(year, month));
    return fromLocal({ ...local, year, month, day }, timeZone);
  }
  const days = unit === 'weeks' ? amount * 7 : amount;
  // Calendar arithmetic without a Date: the simulator adds days millions of times.
  const { y, m, d } = civilFromDays(daysFromCivil(local.year, local.month, local.day) + days);
  const shifted = {
    year: y,
    month: m,
    day: d,
    hour: local.hour,
    minute: local.minute,
    second: local.second,
  };
  return fromLocal(shifted, timeZone);
}

/** Reads `YYYY-MM-DD` (or the date part of an ISO instant) as a calendar date. */
export function parseCalendarDate(
  value: unknown,
): { year: number; month: number; day: number } | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** `HH:MM` → minutes since midnight; the config schema has already checked the shape. */
export function parseClock(value: string): { hour: number; minute: number } {
  const [h = '0', m = '0'] = value.split(':');
  return { hour: Number(h), minute: Number(m) };
}
