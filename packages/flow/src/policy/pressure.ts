import type { Channel } from '../catalogue/node-module.ts';
import { unitMs } from '../labels/duration.ts';
import type { PressureCap } from './policy.schema.ts';

/** One earlier contact of a lead (any campaign): when and on which channel. */
export interface Contact {
  atMs: number;
  channel: Channel;
}

export type PressureVerdict =
  | { kind: 'ok' }
  | { kind: 'defer'; untilMs: number; cap: PressureCap; count: number }
  | { kind: 'skip'; cap: PressureCap; count: number };

/** The period of a cap in milliseconds (months as 30 days: a window, not a calendar). */
export function capPeriodMs(cap: PressureCap): number {
  return cap.period.amount * unitMs(cap.period.unit);
}

/**
 * Whether one more contact on `channel` at `nowMs` stays within every cap that governs the
 * channel. The first cap reached decides; `defer` waits until enough earlier contacts have
 * left the period for one more to fit.
 */
export function pressureVerdict(
  caps: readonly PressureCap[],
  channel: Channel,
  contacts: readonly Contact[],
  nowMs: number,
): PressureVerdict {
  for (const cap of caps) {
    if (channel === 'webhook' || !cap.channels.some((c) => c === channel)) continue;
    const since = nowMs - capPeriodMs(cap);
    const counted = contacts
      .filter((c) => c.atMs > since && c.atMs <= nowMs && cap.channels.some((k) => k === c.channel))
      .map((c) => c.atMs)
      .sort((a, b) => a - b);
    if (counted.length < cap.max) continue;
    if (cap.onLimit === 'skip') return { kind: 'skip', cap, count: counted.length };
    // One more fits once count − max + 1 of them have left the period.
    const leaving = counted[counted.length - cap.max] ?? nowMs;
    return { kind: 'defer', untilMs: leaving + capPeriodMs(cap) + 1, cap, count: counted.length };
  }
  return { kind: 'ok' };
}
