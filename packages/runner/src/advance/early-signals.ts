import type { Transition } from '@rumbo/flow';
import { lookbackStart, type NodeRoutes, signalMatchesRoute } from '@rumbo/flow/runtime';
import { z } from 'zod';
import { type Executor, run } from '../sql/positional.ts';

/** A stored signal as the routing rules read it. */
export interface StoredSignal {
  leadId: string;
  name: string;
  occurredAt: number;
  machine: boolean;
  link: string | null;
  stepId: number | null;
}

export const SignalRow = z.object({
  lead_id: z.string(),
  name: z.string(),
  occurred_ms: z.coerce.number(),
  machine: z.boolean(),
  link: z.string().nullable(),
  step_id: z.coerce.number().nullable(),
});

export function toStoredSignal(raw: unknown): StoredSignal {
  const r = SignalRow.parse(raw);
  return {
    leadId: r.lead_id,
    name: r.name,
    occurredAt: r.occurred_ms,
    machine: r.machine,
    link: r.link,
    stepId: r.step_id,
  };
}

export const SIGNAL_COLUMNS = `s.lead_id, s.name, (extract(epoch from s.occurred_at) * 1000)::float8 AS occurred_ms,
  s.machine, s.properties->>'link' AS link, s.step_id`;

/**
 * The first route (in the engine's order) whose signal is already stored for a lead arriving
 * now, inside the route's look-back (since the visit by default, since enrollment or a window
 * if the transition says so). Step-scoped signals belong to another visit and never count early.
 */
export function firstRouteHit(
  routes: NodeRoutes,
  signals: readonly StoredSignal[],
  visitStart: number,
  enrolledAt: number,
  currentStepId: number | null,
): { transition: Transition; signal: string } | null {
  for (const route of routes.signals) {
    const since = lookbackStart(route.lookback, visitStart, enrolledAt);
    const hit = signals.some(
      (s) =>
        (s.stepId === null || s.stepId === currentStepId) &&
        s.occurredAt >= since &&
        signalMatchesRoute(route, s),
    );
    if (hit) return { transition: route.transition, signal: route.signal };
  }
  return null;
}

/** Early signals for a batch of arrivals: enrollment id → the route it takes at once. */
export async function earlySignals(
  db: Executor,
  routes: NodeRoutes,
  arrivals: readonly { id: string; leadId: string; enteredNodeAt: number; enrolledAt: number }[],
): Promise<Map<string, { transition: Transition; signal: string }>> {
  const hits = new Map<string, { transition: Transition; signal: string }>();
  if (routes.signals.length === 0 || arrivals.length === 0) return hits;
  const earliest = Math.min(...arrivals.map((a) => a.enrolledAt));
  const rows = await run(
    db,
    `SELECT ${SIGNAL_COLUMNS} FROM signals s
     WHERE s.lead_id = ANY($1::uuid[]) AND s.name = ANY($2::text[])
       AND s.occurred_at >= to_timestamp($3::float8 / 1000) AND s.step_id IS NULL`,
    [arrivals.map((a) => a.leadId), routes.signals.map((s) => s.signal), earliest],
  );
  const byLead = new Map<string, StoredSignal[]>();
  for (const raw of rows) {
    const signal = toStoredSignal(raw);
    const list = byLead.get(signal.leadId) ?? [];
    list.push(signal);
    byLead.set(signal.leadId, list);
  }
  for (const a of arrivals) {
    const found = firstRouteHit(
      routes,
      byLead.get(a.leadId) ?? [],
      a.enteredNodeAt,
      a.enrolledAt,
      null,
    );
    if (found) hits.set(a.id, found);
  }
  return hits;
}
