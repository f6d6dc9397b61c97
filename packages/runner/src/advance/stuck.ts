import { z } from 'zod';
import { type Executor, run } from '../sql/positional.ts';

export interface StuckEnrollment {
  id: string;
  campaignId: string;
  leadKey: string;
  nodeId: string;
  status: string;
}

const Row = z.object({
  id: z.string(),
  campaign_id: z.string(),
  lead_key: z.string(),
  node_id: z.string(),
  status: z.string(),
});

/**
 * Live enrollments nothing can move (DESIGN §5, no stuck leads): no due time, and not parked
 * waiting for a signal or (manual mode) for an operator. The monitor lists them; a healthy run returns none.
 */
export async function findStuckEnrollments(
  db: Executor,
  options: { campaignId?: string; limit?: number } = {},
): Promise<StuckEnrollment[]> {
  const rows = await run(
    db,
    `SELECT id, campaign_id, lead_key, node_id, status FROM enrollments
     WHERE status IN ('active', 'waiting') AND due_at IS NULL
       AND ($1::uuid IS NULL OR campaign_id = $1::uuid)
       AND NOT (status = 'waiting' AND jsonb_array_length(COALESCE(waiting_for->'signals', '[]'::jsonb)) > 0)
       -- Parked in manual mode: a registered wait for an operator's go, not a stuck lead.
       AND NOT (status = 'active' AND COALESCE(waiting_for ? 'operator', false))
     ORDER BY campaign_id, node_id LIMIT $2`,
    [options.campaignId ?? null, options.limit ?? 1_000],
  );
  return rows.map((raw) => {
    const r = Row.parse(raw);
    return {
      id: r.id,
      campaignId: r.campaign_id,
      leadKey: r.lead_key,
      nodeId: r.node_id,
      status: r.status,
    };
  });
}
