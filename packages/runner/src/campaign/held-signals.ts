import {
  lookbackStart,
  type NodeRoutes,
  nodeRoutes,
  signalMatchesRoute,
} from '@rumbo/flow/runtime';
import { z } from 'zod';
import { applyDecisions, type NodeScope } from '../advance/apply-decisions.ts';
import { type Decision, moveDecision } from '../advance/decision.ts';
import { SIGNAL_COLUMNS, type StoredSignal, toStoredSignal } from '../advance/early-signals.ts';
import { type Executor, run } from '../sql/positional.ts';
import { loadCampaignVersion } from './campaign-version.ts';

const Waiter = z.object({
  id: z.string(),
  attempt: z.number(),
  lead_id: z.string(),
  version: z.number(),
  node_id: z.string(),
  current_step_id: z.coerce.number().nullable(),
  entered_ms: z.coerce.number(),
  enrolled_ms: z.coerce.number(),
  due_ms: z.coerce.number().nullable(),
});
type Waiter = z.infer<typeof Waiter>;

// Waiters with a signal for them received after they reached their node: while the campaign was
// paused (or stopped) ingestion stored the signal but moved nobody. Signals received before the
// arrival were already weighed by the arrival's early-signal check.
const HELD = `
SELECT e.id, e.attempt, e.lead_id, e.version, e.node_id, e.current_step_id,
  (extract(epoch from e.entered_node_at) * 1000)::float8 AS entered_ms,
  (extract(epoch from e.created_at) * 1000)::float8 AS enrolled_ms,
  (extract(epoch from e.due_at) * 1000)::float8 AS due_ms
FROM enrollments e
WHERE e.campaign_id = $1 AND e.status = 'waiting'
  AND EXISTS (
    SELECT 1 FROM signals s
    WHERE s.lead_id = e.lead_id AND s.received_at >= e.entered_node_at
      AND e.waiting_for->'signals' ? s.name)
ORDER BY e.id
FOR UPDATE OF e`;

/**
 * The earliest stored signal one of the node's routes accepts (DESIGN §4: first signal wins). A
 * signal that happened after the wait's timeout fell due came too late: the timeout had won.
 */
function decide(waiter: Waiter, signals: StoredSignal[], routes: NodeRoutes): Decision | null {
  const ordered = [...signals].sort((a, b) => a.occurredAt - b.occurredAt);
  for (const signal of ordered) {
    if (signal.stepId !== null && signal.stepId !== waiter.current_step_id) continue;
    if (waiter.due_ms !== null && signal.occurredAt > waiter.due_ms) continue;
    for (const route of routes.signals) {
      const since = lookbackStart(route.lookback, waiter.entered_ms, waiter.enrolled_ms);
      if (signal.occurredAt < since || !signalMatchesRoute(route, signal)) continue;
      const t = route.transition;
      return moveDecision(
        { id: waiter.id, attempt: waiter.attempt, arrive: false },
        { id: t.id, target: t.target },
        { kind: 'signal', signal: signal.name, held: true },
      );
    }
  }
  return null;
}

async function signalsOf(db: Executor, waiters: Waiter[]): Promise<Map<string, StoredSignal[]>> {
  const earliest = Math.min(...waiters.map((w) => w.enrolled_ms));
  const rows = await run(
    db,
    `SELECT ${SIGNAL_COLUMNS} FROM signals s
     WHERE s.lead_id = ANY($1::uuid[]) AND s.occurred_at >= to_timestamp($2::float8 / 1000)`,
    [[...new Set(waiters.map((w) => w.lead_id))], earliest],
  );
  const byLead = new Map<string, StoredSignal[]>();
  for (const raw of rows) {
    const signal = toStoredSignal(raw);
    byLead.set(signal.leadId, [...(byLead.get(signal.leadId) ?? []), signal]);
  }
  return byLead;
}

/**
 * Moves the waiting leads of a campaign that is being resumed whose signals arrived while it
 * was paused, by the same rules ingestion applies (earliest signal first, look-back, machine
 * flag, step scope), in the caller's transaction. Returns the nodes that received leads.
 */
export async function routeHeldSignals(db: Executor, campaignId: string): Promise<NodeScope[]> {
  const waiters = (await run(db, HELD, [campaignId])).map((raw) => Waiter.parse(raw));
  if (waiters.length === 0) return [];
  const signals = await signalsOf(db, waiters);
  const groups = new Map<string, Waiter[]>();
  for (const w of waiters) {
    const key = `${w.version}\u0000${w.node_id}`;
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  const targets: NodeScope[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const { document } = await loadCampaignVersion(db, campaignId, first.version);
    const routes = nodeRoutes(document, first.node_id);
    if (!routes) continue;
    const decisions = group.flatMap((w) => {
      const d = decide(w, signals.get(w.lead_id) ?? [], routes);
      return d ? [d] : [];
    });
    const scope = { campaignId, version: first.version, nodeId: first.node_id };
    const applied = await applyDecisions(db, scope, decisions);
    for (const d of decisions) {
      if (d.transition && applied.stepIds.has(d.id)) {
        targets.push({ ...scope, nodeId: d.transition.target });
      }
    }
  }
  return targets;
}
