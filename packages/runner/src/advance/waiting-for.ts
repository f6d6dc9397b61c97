import type { NodeRoutes, TimedRoute } from '@rumbo/flow/runtime';
import { z } from 'zod';

/**
 * What a parked enrollment waits for (the `waiting_for` column): the transition its due time
 * takes and why (delay, timeout, a wait node's date), and the signals that may move it first.
 */
export const WaitingFor = z.object({
  due: z.string().nullable(),
  dueReason: z.enum(['delay', 'timeout', 'waited']).nullable(),
  signals: z.array(z.string()),
});
export type WaitingFor = z.infer<typeof WaitingFor>;

export function waitingFor(
  due: TimedRoute | null,
  dueReason: WaitingFor['dueReason'],
  routes: NodeRoutes,
): WaitingFor {
  return {
    due: due?.transition.id ?? null,
    dueReason: due ? dueReason : null,
    signals: routes.signals.map((s) => s.signal),
  };
}
