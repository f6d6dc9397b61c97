import { z } from 'zod';
import { writeAudit } from '../campaign/audit.ts';
import { RunnerError } from '../campaign/campaign.errors.ts';
import { type Executor, run } from '../sql/positional.ts';
import { removeJourneysSql } from './remove-journeys.ts';

// Operator actions on journeys (DESIGN §5: failed steps are visible and retryable; an
// operator can take a lead out). Counters move in the same statement as the journeys.

const Removed = z.object({
  workspace_id: z.string(),
  campaign_id: z.string(),
  node_id: z.string(),
});

/** Takes one live journey out of its campaign (`removed`), with an audit row. */
export async function removeEnrollment(
  db: Executor,
  input: { enrollmentId: string; actor: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [raw] = await run(
      tx,
      removeJourneysSql('id = $1', 'SELECT workspace_id, campaign_id, node_id FROM r'),
      [input.enrollmentId],
    );
    if (!raw) {
      throw new RunnerError('enrollment_not_live', 'the journey is not in the flow any more', {
        params: { enrollmentId: input.enrollmentId },
      });
    }
    const row = Removed.parse(raw);
    await writeAudit(tx, {
      workspaceId: row.workspace_id,
      actor: input.actor,
      action: 'enrollment.removed',
      subject: `enrollment:${input.enrollmentId}`,
      data: { campaignId: row.campaign_id, nodeId: row.node_id },
    });
  });
}

const Count = z.object({ retried: z.coerce.number(), workspace_id: z.string().nullable() });

/**
 * Puts failed journeys of a campaign (optionally at one node, or one journey) back in the flow:
 * due now at the node where they failed, with a fresh step budget. Returns how many.
 */
export async function retryFailed(
  db: Executor,
  input: { campaignId: string; nodeId?: string; enrollmentId?: string; actor: string },
): Promise<number> {
  return db.transaction(async (tx) => {
    const [raw] = await run(
      tx,
      `WITH r AS (
         UPDATE enrollments SET status = 'active', due_at = now(), error = NULL, ended_at = NULL,
           waiting_for = NULL, current_step_id = NULL, step_count = 0, attempt = attempt + 1,
           entered_node_at = now(), updated_at = now()
         WHERE campaign_id = $1 AND status = 'failed' AND ($2::text IS NULL OR node_id = $2::text)
           AND ($3::uuid IS NULL OR id = $3::uuid)
         RETURNING workspace_id, campaign_id, version, node_id
       ), g AS (
         SELECT campaign_id, version, node_id, count(*) AS n FROM r GROUP BY 1, 2, 3
       ), c AS (
         UPDATE node_counters x SET waiting = x.waiting + g.n, ended = x.ended - g.n, updated_at = now()
         FROM g WHERE x.campaign_id = g.campaign_id AND x.version = g.version AND x.node_id = g.node_id
       )
       SELECT count(*) AS retried, min(workspace_id::text) AS workspace_id FROM r`,
      [input.campaignId, input.nodeId ?? null, input.enrollmentId ?? null],
    );
    const { retried, workspace_id } = Count.parse(raw);
    if (retried > 0 && workspace_id !== null) {
      await writeAudit(tx, {
        workspaceId: workspace_id,
        actor: input.actor,
        action: 'enrollment.retried',
        subject: `campaign:${input.campaignId}`,
        data: { retried, nodeId: input.nodeId ?? null, enrollmentId: input.enrollmentId ?? null },
      });
    }
    return retried;
  });
}
