import { z } from 'zod';
import { type Executor, run } from '../sql/positional.ts';
import type { NodeScope } from './apply-decisions.ts';

/** An enrollment claimed for processing at one node, with the attempt the claim gave it. */
export interface Claimed {
  id: string;
  attempt: number;
  /** `active`: it just arrived and the node must act; `waiting`: its delay or timeout fell due. */
  status: 'active' | 'waiting';
  leadId: string;
  leadKey: string;
  isControl: boolean;
  stepCount: number;
  /** Epoch ms, PostgreSQL's clock. */
  enteredNodeAt: number;
  enrolledAt: number;
  currentStepId: number | null;
  waitingFor: unknown;
}

const ClaimedRow = z.object({
  id: z.string(),
  attempt: z.number(),
  status: z.enum(['active', 'waiting']),
  lead_id: z.string(),
  lead_key: z.string(),
  is_control: z.boolean(),
  step_count: z.number(),
  entered_ms: z.coerce.number(),
  enrolled_ms: z.coerce.number(),
  current_step_id: z.coerce.number().nullable(),
  waiting_for: z.unknown(),
});

// `= ANY(ARRAY(…))` rather than `IN (SELECT …)`: the planner runs the locking subquery once and
// probes the primary key, instead of a semi-join that re-plans around the lock (≈3.5× faster).
const CLAIM = `
UPDATE enrollments SET attempt = attempt + 1
WHERE id = ANY(ARRAY(
  SELECT id FROM enrollments
  WHERE campaign_id = $1 AND version = $2 AND node_id = $3
    AND status IN ('active', 'waiting') AND due_at <= now()
  ORDER BY due_at
  LIMIT $4
  FOR UPDATE SKIP LOCKED))
RETURNING id, attempt, status, lead_id, lead_key, is_control, step_count,
  (extract(epoch from entered_node_at) * 1000)::float8 AS entered_ms,
  (extract(epoch from created_at) * 1000)::float8 AS enrolled_ms,
  current_step_id, waiting_for`;

/**
 * Claims up to `limit` due enrollments at one node, skipping rows another worker holds, and
 * bumps each one's attempt: a handler that claimed earlier (and was presumed dead) can no
 * longer commit a move for them.
 */
export async function claimBatch(
  db: Executor,
  scope: NodeScope,
  limit: number,
): Promise<Claimed[]> {
  const rows = await run(db, CLAIM, [scope.campaignId, scope.version, scope.nodeId, limit]);
  return rows.map((raw) => {
    const r = ClaimedRow.parse(raw);
    return {
      id: r.id,
      attempt: r.attempt,
      status: r.status,
      leadId: r.lead_id,
      leadKey: r.lead_key,
      isControl: r.is_control,
      stepCount: r.step_count,
      enteredNodeAt: r.entered_ms,
      enrolledAt: r.enrolled_ms,
      currentStepId: r.current_step_id,
      waitingFor: r.waiting_for,
    };
  });
}
