import { MS_PER_HOUR } from './sim-time.ts';

/**
 * The simulator's event queue in virtual time: each lead has at most one pending event (its
 * next move), so the queue holds lead indices keyed by integer epoch ms.
 *
 * A binary heap over a million leads spends most of its time on cache misses, so this is a
 * two-level calendar queue: one bucket per virtual hour (an intrusive linked list through
 * `next`, O(1) insert); when the clock reaches a bucket its events are sorted once by
 * (time, lead) with the native typed-array sort, and events scheduled into the bucket being
 * drained go to a small binary heap merged with the sorted run. Ties are broken by lead
 * index, so the order is fully defined and the same in every engine.
 */

const BUCKET_MS = MS_PER_HOUR;
/** Lead indices stay below 2^31, and (ms within a bucket) × 2^31 + lead stays below 2^53. */
const LEAD_SPAN = 2_147_483_648;

export class EventQueue {
  /** Time of the event `pop` last returned. */
  time = 0;
  private readonly start: number;
  private readonly heads: Int32Array;
  private readonly next: Int32Array;
  private readonly times: Float64Array;
  private current = -1;
  private currentStart = 0;
  private run: Float64Array = new Float64Array(1024);
  private runLength = 0;
  private runPos = 0;
  private heap: Float64Array = new Float64Array(256);
  private heapLength = 0;

  /** Events in [start, end]; `capacity` = number of leads. */
  constructor(start: number, end: number, capacity: number) {
    this.start = start;
    this.heads = new Int32Array(Math.floor((end - start) / BUCKET_MS) + 1).fill(-1);
    this.next = new Int32Array(capacity);
    this.times = new Float64Array(capacity);
  }

  /** Schedules `lead` at integer ms `time` (start ≤ time ≤ end, never before the current event). */
  push(lead: number, time: number): void {
    const bucket = Math.floor((time - this.start) / BUCKET_MS);
    if (bucket <= this.current) {
      this.heapPush(Math.max(0, time - this.currentStart) * LEAD_SPAN + lead);
      return;
    }
    this.times[lead] = time;
    this.next[lead] = this.heads[bucket] ?? -1;
    this.heads[bucket] = lead;
  }

  /** The lead of the earliest event (setting `time`), or -1 when the queue is empty. */
  pop(): number {
    for (;;) {
      const fromRun = this.runPos < this.runLength;
      if (fromRun || this.heapLength > 0) {
        const runKey = fromRun ? (this.run[this.runPos] ?? 0) : Number.POSITIVE_INFINITY;
        const heapKey = this.heapLength > 0 ? (this.heap[0] ?? 0) : Number.POSITIVE_INFINITY;
        let key: number;
        if (runKey <= heapKey) {
          key = runKey;
          this.runPos++;
        } else {
          key = heapKey;
          this.heapPop();
        }
        const lead = key % LEAD_SPAN;
        this.time = this.currentStart + (key - lead) / LEAD_SPAN;
        return lead;
      }
      if (!this.openNextBucket()) return -1;
    }
  }

  private openNextBucket(): boolean {
    const heads = this.heads;
    let bucket = this.current + 1;
    while (bucket < heads.length && heads[bucket] === -1) bucket++;
    if (bucket >= heads.length) {
      this.current = heads.length;
      return false;
    }
    this.current = bucket;
    this.currentStart = this.start + bucket * BUCKET_MS;
    let count = 0;
    for (let lead = heads[bucket] ?? -1; lead !== -1; lead = this.next[lead] ?? -1) count++;
    if (this.run.length < count) this.run = new Float64Array(Math.max(count, this.run.length * 2));
    const run = this.run;
    let k = 0;
    for (let lead = heads[bucket] ?? -1; lead !== -1; lead = this.next[lead] ?? -1) {
      run[k++] = ((this.times[lead] ?? 0) - this.currentStart) * LEAD_SPAN + lead;
    }
    heads[bucket] = -1;
    run.subarray(0, count).sort();
    this.runLength = count;
    this.runPos = 0;
    return true;
  }

  private heapPush(key: number): void {
    if (this.heapLength === this.heap.length) {
      const grown = new Float64Array(this.heap.length * 2);
      grown.set(this.heap);
      this.heap = grown;
    }
    const heap = this.heap;
    let i = this.heapLength++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentKey = heap[parent] ?? 0;
      if (parentKey <= key) break;
      heap[i] = parentKey;
      i = parent;
    }
    heap[i] = key;
  }

  private heapPop(): void {
    const heap = this.heap;
    const length = --this.heapLength;
    const key = heap[length] ?? 0;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= length) break;
      const right = child + 1;
      if (right < length && (heap[right] ?? 0) < (heap[child] ?? 0)) child = right;
      const childKey = heap[child] ?? 0;
      if (childKey >= key) break;
      heap[i] = childKey;
      i = child;
    }
    heap[i] = key;
  }
}
