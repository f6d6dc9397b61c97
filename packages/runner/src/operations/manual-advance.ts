import { z } from 'zod';
import type { NodeScope } from '../advance/apply-decisions.ts';
import { writeAudit } from '../campaign/audit.ts';
import { RunnerError } from '../campaign/campaign.errors.ts';
import { type Executor, run } from '../sql/positional.ts';
import { requireMode } from './run-mode.ts';

export interface AdvanceInput {
  campaignId: string;
  /** Only the leads parked at this node. */
  nodeId?: string;
  /** Only this lead; refused with `lead_not_held` if it is not parked. */
  leadKey?: string;
  actor: string;
}

export interface AdvanceOutcome {
  released: number;
  nodes: { nodeId: string; released: number }[];
  /** Nodes whose workers should wake (the ticker finds them within a second anyway). */
  targets: NodeScope[];
}

const Row = z.object({ version: z.number(), node_id: z.string(), n: z.coerce.number() });

// Manual mode parks a lead that reaches a node as `active` with no due time and
// `waiting_for = {"operator": true}` (see applyDecisions); releasing it makes it due now, and
// the node's ordinary batch then takes the step.
const RELEASE = `
WITH r AS (
  UPDATE enrollments SET due_at = now(), waiting_for = NULL, updated_at = now()
  WHERE campaign_id = $1 AND status = 'active' AND due_at IS NULL AND waiting_for ? 'operator'
    AND ($2::text IS NULL OR node_id = $2::text) AND ($3::text IS NULL OR lead_key = $3::text)
  RETURNING version, node_id
)
SELECT version, node_id, count(*) AS n FROM r GROUP BY 1, 2 ORDER BY 2, 1`;

/**
 * Manual mode's operator go (DESIGN §5): releases the leads parked at their next step — all of
 * the campaign's, those at one node, or one lead — with an audit row. Refused with
 * `wrong_campaign_mode` unless the published version runs in manual mode.
 */
export async function advanceManual(db: Executor, input: AdvanceInput): Promise<AdvanceOutcome> {
  return db.transaction(async (tx) => {
    const { workspaceId } = await requireMode(tx, input.campaignId, 'manual');
    const rows = (
      await run(tx, RELEASE, [input.campaignId, input.nodeId ?? null, input.leadKey ?? null])
    ).map((raw) => Row.parse(raw));
    const released = rows.reduce((total, r) => total + r.n, 0);
    if (input.leadKey !== undefined && released === 0) {
      throw new RunnerError('lead_not_held', `lead ${input.leadKey} is not waiting for a go`, {
        params: { leadKey: input.leadKey },
      });
    }
    const perNode = new Map<string, number>();
    for (const r of rows) perNode.set(r.node_id, (perNode.get(r.node_id) ?? 0) + r.n);
    const nodes = [...perNode].map(([nodeId, n]) => ({ nodeId, released: n }));
    await writeAudit(tx, {
      workspaceId,
      actor: input.actor,
      action: 'campaign.advanced',
      subject: `campaign:${input.campaignId}`,
      data: {
        released,
        nodeId: input.nodeId ?? null,
        leadKey: input.leadKey ?? null,
      },
    });
    const targets = rows.map((r) => ({
      campaignId: input.campaignId,
      version: r.version,
      nodeId: r.node_id,
    }));
    return { released, nodes, targets };
  });
}
