import type { Duration } from '@rumbo/flow';
import { z } from 'zod';
import type { NodeScope } from '../advance/apply-decisions.ts';
import { writeAudit } from '../campaign/audit.ts';
import { type Executor, run } from '../sql/positional.ts';
import { requireMode } from './run-mode.ts';

export interface FastForwardInput {
  campaignId: string;
  /** How far to move time; absent: every pending wait falls due now. */
  by?: Duration;
  nodeId?: string;
  actor: string;
}

export interface FastForwardOutcome {
  shifted: number;
  dueNow: number;
  targets: NodeScope[];
}

const Row = z.object({
  version: z.number(),
  node_id: z.string(),
  shifted: z.coerce.number(),
  due_now: z.coerce.number(),
});

// Only enrollments on versions that run in test mode move: a live version of the same
// campaign (published later or earlier) keeps its real time. A shifted due time never goes
// before now(), so fast-forwarded steps are not taken for steps left over from an outage.
const SHIFT = `
WITH r AS (
  UPDATE enrollments SET updated_at = now(),
    due_at = CASE WHEN $2::int IS NULL THEN now()
                  ELSE GREATEST(now(), due_at - make_interval(mins => $2::int, months => $3::int)) END
  WHERE campaign_id = $1 AND status IN ('active', 'waiting') AND due_at > now()
    AND ($4::text IS NULL OR node_id = $4::text)
    AND version IN (SELECT version FROM campaign_versions
                    WHERE campaign_id = $1 AND document->'settings'->>'mode' = 'test')
  RETURNING version, node_id, due_at <= now() AS due
)
SELECT version, node_id, count(*) AS shifted, count(*) FILTER (WHERE due) AS due_now
FROM r GROUP BY 1, 2`;

const MINUTES = { minutes: 1, hours: 60, days: 1_440, weeks: 10_080 } as const;

function span(by: Duration | undefined): [number | null, number | null] {
  if (!by) return [null, null];
  if (by.unit === 'months') return [0, by.amount];
  return [by.amount * MINUTES[by.unit], 0];
}

/**
 * Test mode's time machine (DESIGN §5): the pending delays, timeouts and wait-until dates of
 * the campaign's live leads fall due now (or `by` earlier), so a tester sees a five-day wait
 * pass in seconds; the runner's next pass moves them. Refused with `wrong_campaign_mode`
 * unless the published version runs in test mode. Audited.
 */
export async function fastForward(
  db: Executor,
  input: FastForwardInput,
): Promise<FastForwardOutcome> {
  return db.transaction(async (tx) => {
    const { workspaceId } = await requireMode(tx, input.campaignId, 'test');
    const [minutes, months] = span(input.by);
    const rows = (
      await run(tx, SHIFT, [input.campaignId, minutes, months, input.nodeId ?? null])
    ).map((raw) => Row.parse(raw));
    const shifted = rows.reduce((total, r) => total + r.shifted, 0);
    const dueNow = rows.reduce((total, r) => total + r.due_now, 0);
    await writeAudit(tx, {
      workspaceId,
      actor: input.actor,
      action: 'campaign.fast_forwarded',
      subject: `campaign:${input.campaignId}`,
      data: {
        shifted,
        dueNow,
        by: input.by ? `${input.by.amount} ${input.by.unit}` : null,
        nodeId: input.nodeId ?? null,
      },
    });
    const targets = rows
      .filter((r) => r.due_now > 0)
      .map((r) => ({ campaignId: input.campaignId, version: r.version, nodeId: r.node_id }));
    return { shifted, dueNow, targets };
  });
}
