import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.ts';
import { createRng } from './rng.ts';

const HOUR = 3_600_000;

function drain(queue: EventQueue): [number, number][] {
  const out: [number, number][] = [];
  for (let lead = queue.pop(); lead >= 0; lead = queue.pop()) out.push([queue.time, lead]);
  return out;
}

describe('EventQueue', () => {
  it('returns events in time order, ties by lead index', () => {
    const start = 1_700_000_000_000;
    const queue = new EventQueue(start, start + 48 * HOUR, 10);
    queue.push(3, start + 5 * HOUR);
    queue.push(1, start + 5 * HOUR);
    queue.push(2, start + 1);
    queue.push(0, start + 47 * HOUR + 7);
    expect(drain(queue)).toEqual([
      [start + 1, 2],
      [start + 5 * HOUR, 1],
      [start + 5 * HOUR, 3],
      [start + 47 * HOUR + 7, 0],
    ]);
  });

  it('orders events scheduled into the hour being drained among the rest', () => {
    const start = 0;
    const queue = new EventQueue(start, 10 * HOUR, 4);
    queue.push(0, 100);
    queue.push(1, 5_000);
    expect(queue.pop()).toBe(0);
    queue.push(2, 200);
    queue.push(3, 5_000);
    queue.push(0, 9 * HOUR);
    expect(drain(queue)).toEqual([
      [200, 2],
      [5_000, 1],
      [5_000, 3],
      [9 * HOUR, 0],
    ]);
  });

  it('matches a full sort for many random events, reinserting as it goes', () => {
    const rng = createRng('queue');
    const leads = 5_000;
    const end = 30 * 24 * HOUR;
    const queue = new EventQueue(0, end, leads);
    const pending = new Map<number, number>();
    for (let lead = 0; lead < leads; lead++) {
      const time = Math.floor(rng.next() * 24 * HOUR);
      queue.push(lead, time);
      pending.set(lead, time);
    }
    let last = -1;
    let lastLead = -1;
    let popped = 0;
    for (let lead = queue.pop(); lead >= 0; lead = queue.pop()) {
      popped++;
      expect(queue.time).toBe(pending.get(lead));
      expect(queue.time > last || (queue.time === last && lead > lastLead)).toBe(true);
      last = queue.time;
      lastLead = lead;
      pending.delete(lead);
      if (rng.next() < 0.5) {
        const time = Math.min(end, queue.time + Math.floor(rng.next() * 3 * HOUR));
        queue.push(lead, time);
        pending.set(lead, time);
      }
    }
    expect(pending.size).toBe(0);
    expect(popped).toBeGreaterThan(leads);
  });
});
