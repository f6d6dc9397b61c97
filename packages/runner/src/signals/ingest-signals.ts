import { JsonValue } from '@rumbo/flow';
import { lookbackStart, nodeRoutes, signalMatchesRoute } from '@rumbo/flow/runtime';
import { z } from 'zod';
import { applyDecisions } from '../advance/apply-decisions.ts';
import { type Decision, moveDecision } from '../advance/decision.ts';
import { SIGNAL_COLUMNS, type StoredSignal, toStoredSignal } from '../advance/early-signals.ts';
import { loadCampaignVersion } from '../campaign/campaign-version.ts';
import { type Executor, run } from '../sql/positional.ts';

/** One signal as callers send it (`POST /api/v1/signals`). */
export const SignalInput = z.object({
  leadKey: z.string().min(1).max(200),
  name: z.string().min(1).max(100),
  occurredAt: z.iso.datetime({ offset: true }),
  properties: z.record(z.string(), JsonValue).default({}),
  /** The step that caused it (the email opened); absent for lead-global signals. */
  stepId: z.number().int().positive().optional(),
  /** Absent: derived from (lead, name, instant, step), so a verbatim repeat is still a duplicate. */
  idempotencyKey: z.string().min(1).max(200).optional(),
  /** Made by a machine (link scanner, privacy proxy), with why. */
  machine: z.boolean().default(false),
  machineReason: z.string().max(200).optional(),
});
export type SignalInput = z.input<typeof SignalInput>;

export interface IngestResult {
  stored: number;
  duplicates: number;
  /** Input positions refused, with a stable code; the others are stored regardless. */
  rejected: { index: number; code: 'invalid_signal' | 'lead_not_found'; issues?: string[] }[];
  /** Enrollments a signal moved. */
  moved: number;
  /** Nodes that received leads: wake their workers. */
  targets: { campaignId: string; version: number; nodeId: string }[];
}

const Waiter = z.object({
  id: z.string(),
  attempt: z.number(),
  lead_id: z.string(),
  campaign_id: z.string(),
  version: z.number(),
  node_id: z.string(),
  current_step_id: z.coerce.number().nullable(),
  entered_ms: z.coerce.number(),
  enrolled_ms: z.coerce.number(),
});
type Waiter = z.infer<typeof Waiter>;
const StoreRow = z.object({ pos: z.number(), idempotency_key: z.string().nullable() });

async function storeSignals(
  db: Executor,
  workspaceId: string,
  valid: { index: number; signal: z.output<typeof SignalInput> }[],
) {
  const rows = await run(
    db,
    `WITH input AS (
       SELECT * FROM unnest($2::int[], $3::text[], $4::text[], $5::timestamptz[], $6::text[],
                            $7::bigint[], $8::text[], $9::bool[], $10::text[])
         AS i(pos, lead_key, name, occurred_at, properties, step_id, key, machine, machine_reason)
     ), matched AS (
       SELECT i.*, l.id AS lead_id FROM input i
       JOIN leads l ON l.workspace_id = $1 AND l.external_key = i.lead_key
     ), ins AS (
       INSERT INTO signals AS s (workspace_id, lead_id, name, occurred_at, step_id, properties,
                                 idempotency_key, machine, machine_reason)
       SELECT $1, lead_id, name, occurred_at, step_id, properties::jsonb, key, machine, machine_reason
       FROM matched ON CONFLICT (workspace_id, idempotency_key) DO NOTHING
       RETURNING ${SIGNAL_COLUMNS}, s.idempotency_key
     )
     SELECT m.pos, ins.* FROM matched m LEFT JOIN ins ON ins.idempotency_key = m.key`,
    [
      workspaceId,
      valid.map((v) => v.index),
      valid.map((v) => v.signal.leadKey),
      valid.map((v) => v.signal.name),
      valid.map((v) => v.signal.occurredAt),
      valid.map((v) => JSON.stringify(v.signal.properties)),
      valid.map((v) => v.signal.stepId ?? null),
      valid.map(
        (v) =>
          v.signal.idempotencyKey ??
          `auto:${v.signal.leadKey}|${v.signal.name}|${new Date(v.signal.occurredAt).toISOString()}|${v.signal.stepId ?? ''}`,
      ),
      valid.map((v) => v.signal.machine),
      valid.map((v) => v.signal.machineReason ?? null),
    ],
  );
  const matchedPositions = new Set<number>();
  const stored: StoredSignal[] = [];
  const seen = new Set<string>();
  for (const raw of rows) {
    const row = StoreRow.parse(raw);
    matchedPositions.add(row.pos);
    // Two copies in one batch share the one inserted row: count it once.
    if (row.idempotency_key === null || seen.has(row.idempotency_key)) continue;
    seen.add(row.idempotency_key);
    stored.push(toStoredSignal(raw));
  }
  return { stored, matchedPositions };
}

/** The first stored signal (earliest) that one of the node's routes accepts moves the lead. */
function decideFor(
  waiter: Waiter,
  signals: readonly StoredSignal[],
  routes: NonNullable<ReturnType<typeof nodeRoutes>>,
): Decision | null {
  const ordered = [...signals].sort((a, b) => a.occurredAt - b.occurredAt);
  for (const signal of ordered) {
    if (signal.stepId !== null && signal.stepId !== waiter.current_step_id) continue;
    for (const route of routes.signals) {
      const since = lookbackStart(route.lookback, waiter.entered_ms, waiter.enrolled_ms);
      if (signal.occurredAt < since || !signalMatchesRoute(route, signal)) continue;
      const base = { id: waiter.id, attempt: waiter.attempt, arrive: false };
      const t = route.transition;
      return moveDecision(
        base,
        { id: t.id, target: t.target },
        { kind: 'signal', signal: signal.name },
      );
    }
  }
  return null;
}

/**
 * Stores signals once each (duplicates by idempotency key are ignored) and moves the leads
 * waiting for them, in one transaction: the first matching signal wins, machine-made signals
 * count only where the transition includes them, and step-scoped signals only for their step.
 */
export async function ingestSignals(
  db: Executor,
  input: { workspaceId: string; signals: readonly unknown[] },
): Promise<IngestResult> {
  const result: IngestResult = { stored: 0, duplicates: 0, rejected: [], moved: 0, targets: [] };
  const valid: { index: number; signal: z.output<typeof SignalInput> }[] = [];
  input.signals.forEach((raw, index) => {
    const parsed = SignalInput.safeParse(raw);
    if (parsed.success) valid.push({ index, signal: parsed.data });
    else {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`);
      result.rejected.push({ index, code: 'invalid_signal', issues });
    }
  });
  if (valid.length === 0) return result;
  return db.transaction(async (tx) => {
    const { stored, matchedPositions } = await storeSignals(tx, input.workspaceId, valid);
    for (const v of valid) {
      if (!matchedPositions.has(v.index))
        result.rejected.push({ index: v.index, code: 'lead_not_found' });
    }
    result.stored = stored.length;
    result.duplicates = matchedPositions.size - stored.length;
    if (stored.length === 0) return result;
    await routeSignals(tx, stored, result);
    return result;
  });
}

async function routeSignals(db: Executor, stored: StoredSignal[], result: IngestResult) {
  const leadIds = [...new Set(stored.map((s) => s.leadId))];
  const names = [...new Set(stored.map((s) => s.name))];
  // Locking the waiters orders this against a timeout job racing the signal: either the job
  // moved the lead first (no longer waiting) or it waits for this transaction and finds it moved.
  const rows = await run(
    db,
    `SELECT e.id, e.attempt, e.lead_id, e.campaign_id, e.version, e.node_id, e.current_step_id,
       (extract(epoch from e.entered_node_at) * 1000)::float8 AS entered_ms,
       (extract(epoch from e.created_at) * 1000)::float8 AS enrolled_ms
     FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id AND c.status = 'active'
     WHERE e.lead_id = ANY($1::uuid[]) AND e.status = 'waiting'
       AND e.waiting_for->'signals' ?| $2::text[]
     ORDER BY e.id
     FOR UPDATE OF e`,
    [leadIds, names],
  );
  const groups = new Map<string, Waiter[]>();
  for (const raw of rows) {
    const w = Waiter.parse(raw);
    const key = JSON.stringify([w.campaign_id, w.version, w.node_id]);
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  for (const waiters of groups.values()) {
    const first = waiters[0];
    if (!first) continue;
    const target = await loadCampaignVersion(db, first.campaign_id, first.version);
    const routes = nodeRoutes(target.document, first.node_id);
    if (!routes) continue;
    const decisions = waiters.flatMap((w) => {
      const d = decideFor(
        w,
        stored.filter((s) => s.leadId === w.lead_id),
        routes,
      );
      return d ? [d] : [];
    });
    const scope = { campaignId: first.campaign_id, version: first.version, nodeId: first.node_id };
    const applied = await applyDecisions(db, scope, decisions);
    result.moved += applied.applied;
    for (const d of decisions) {
      if (d.transition && applied.stepIds.has(d.id)) {
        result.targets.push({
          campaignId: scope.campaignId,
          version: scope.version,
          nodeId: d.transition.target,
        });
      }
    }
  }
}
