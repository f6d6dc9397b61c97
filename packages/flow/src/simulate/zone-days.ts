import { toLocal } from '../time/zoned-time.ts';
import { MS_PER_DAY } from './sim-time.ts';

/**
 * "Wait N days" on the lead's calendar (`addDuration` of `time/zoned-time.ts`) for the
 * simulator's hot loop, with the same result to the millisecond but without its objects and
 * Map lookups per call: a wait node is visited millions of times and was the simulator's
 * largest cost after per-lead setup.
 *
 * Why it is exact: with off(x) = wall clock at x (to the second, read back as if UTC) − x
 * rounded down to the second, `addDuration(t, days)` is
 *   guess = floorSecond(t) + off(t) + days · 24 h;  result = guess − off(guess − off(guess))
 * (`toLocal`, civil-date arithmetic, then `fromLocal`'s two passes). off(x) is constant over
 * each 15-minute span unless the zone changes offset inside it (zoned-time's own assumption:
 * at most one change per span, at whole minutes), so it is cached per span in a typed array;
 * a span whose two ends disagree is marked and asked of `toLocal` each time, as is any
 * instant outside the cached range.
 */

const SPAN_MS = 15 * 60_000;
const SPANS_PER_DAY = MS_PER_DAY / SPAN_MS;
/** Spans cached per zone at first (64 days) and at most (800 days; 600 KB). */
const FIRST_SPANS = 64 * SPANS_PER_DAY;
const MAX_SPANS = 800 * SPANS_PER_DAY;
/** Marks a span whose offset changes inside it. */
const VARIES = Number.POSITIVE_INFINITY;

/** zoned-time's `x - (((x % 1000) + 1000) % 1000)` without the (slow, floating) remainders. */
const floorSecond = (x: number): number => Math.floor(x / 1000) * 1000;

/** off(x) straight from `toLocal`: exact for every instant, but allocates and looks up Maps. */
function exactOffset(x: number, zone: string): number {
  const l = toLocal(x, zone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - floorSecond(x);
}

/** One zone's offsets per span from `firstSpan` on; NaN = not asked yet. */
interface ZoneTable {
  zone: string;
  offsets: Float64Array;
}

/** Where `shiftDays` reads its instant and writes its result (the simulator's `Visit`). */
export interface Moment {
  now: number;
  at: number;
}

export class ZoneDays {
  private readonly firstSpan: number;
  private readonly tables = new Map<string, ZoneTable>();
  /** The two zones asked for last: leads of one or two zones often come in runs. */
  private last: ZoneTable | null = null;
  private previous: ZoneTable | null = null;
  private readonly scratch: Moment = { now: 0, at: 0 };

  /** Caches spans from a day before `start` (the first instant the simulation asks about). */
  constructor(start: number) {
    this.firstSpan = Math.floor(start / SPAN_MS) - SPANS_PER_DAY;
  }

  /** `addDuration(t, days, 'days', zone)` for a whole number of days. */
  addDays(t: number, days: number, zone: string): number {
    this.scratch.now = t;
    this.shiftDays(this.scratch, days, zone);
    return this.scratch.at;
  }

  /**
   * `moment.at = addDays(moment.now, days, zone)`, for the hot loop: instants stay in fields,
   * since V8 boxes a double passed to or returned from a call it does not inline.
   */
  shiftDays(moment: Moment, days: number, zone: string): void {
    const table = this.tableOf(zone);
    const t = moment.now;
    const guess = floorSecond(t) + this.offset(table, t) + days * MS_PER_DAY;
    moment.at = guess - this.offset(table, guess - this.offset(table, guess));
  }

  private tableOf(zone: string): ZoneTable {
    const last = this.last;
    if (last !== null && last.zone === zone) return last;
    const previous = this.previous;
    const table =
      previous !== null && previous.zone === zone
        ? previous
        : (this.tables.get(zone) ?? this.newTable(zone));
    this.previous = last;
    this.last = table;
    return table;
  }

  private newTable(zone: string): ZoneTable {
    const table = { zone, offsets: new Float64Array(FIRST_SPANS).fill(Number.NaN) };
    this.tables.set(zone, table);
    return table;
  }

  /** The cached offset (small enough to inline: a whole number of seconds, a small integer). */
  private offset(table: ZoneTable, x: number): number {
    const slot = Math.floor(x / SPAN_MS) - this.firstSpan;
    const offsets = table.offsets;
    if (slot >= 0 && slot < offsets.length) {
      const offset = offsets[slot] ?? Number.NaN;
      if (offset !== VARIES && !Number.isNaN(offset)) return offset;
    }
    return this.slowOffset(table, x, slot);
  }

  private slowOffset(table: ZoneTable, x: number, slot: number): number {
    if (slot < 0 || slot >= MAX_SPANS) return exactOffset(x, table.zone);
    if (slot >= table.offsets.length) this.grow(table, slot);
    let offset = table.offsets[slot] ?? Number.NaN;
    if (Number.isNaN(offset)) {
      const begin = (this.firstSpan + slot) * SPAN_MS;
      const first = exactOffset(begin, table.zone);
      offset = first === exactOffset(begin + SPAN_MS - 1000, table.zone) ? first : VARIES;
      table.offsets[slot] = offset;
    }
    return offset === VARIES ? exactOffset(x, table.zone) : offset;
  }

  private grow(table: ZoneTable, slot: number): void {
    let size = table.offsets.length;
    while (size <= slot) size *= 2;
    const grown = new Float64Array(Math.min(size, MAX_SPANS)).fill(Number.NaN);
    grown.set(table.offsets);
    table.offsets = grown;
  }
}
