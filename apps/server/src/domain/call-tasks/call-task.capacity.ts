import type { CallCapacity, CallCapacityBody } from '@rumbo/flow';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { notFound } from '../../errors/http-problem.ts';
import { type Executor, runSql } from '../segments/positional-sql.ts';

/**
 * Daily call capacity per campaign (DESIGN §5 "channel capacity"): kept in the workspace's
 * settings under `callCapacity.<campaignId>` because it is a policy of the call centre, not part
 * of the flow a reviewer approves. A day is a UTC day; each recorded outcome uses one call.
 */

const CapacityRow = z.object({ per_day: z.coerce.number().nullable(), used: z.number() });

export async function readCapacity(
  db: Executor,
  workspaceId: string,
  campaignId: string,
): Promise<CallCapacity> {
  const [raw] = await runSql(
    db,
    `SELECT (w.settings->'callCapacity'->>$2::text)::int AS per_day,
       (SELECT count(*)::int FROM lead_events e
        WHERE e.workspace_id = w.id AND e.name = 'call_outcome'
          AND e.properties->>'campaignId' = $2::text
          AND e.occurred_at >= date_trunc('day', now(), 'UTC')) AS used
     FROM workspaces w WHERE w.id = $1`,
    [workspaceId, campaignId],
  );
  const row = CapacityRow.parse(raw);
  return {
    campaignId,
    perDay: row.per_day,
    usedToday: row.used,
    remainingToday: row.per_day === null ? null : Math.max(row.per_day - row.used, 0),
  };
}

export async function setCapacity(
  db: Database,
  workspaceId: string,
  body: CallCapacityBody,
): Promise<CallCapacity> {
  const [campaign] = await runSql(
    db,
    'SELECT 1 AS found FROM campaigns WHERE id = $1 AND workspace_id = $2',
    [body.campaignId, workspaceId],
  );
  if (campaign === undefined) throw notFound('campaign', body.campaignId);
  await runSql(
    db,
    `UPDATE workspaces SET settings = jsonb_set(settings, '{callCapacity}',
       CASE WHEN $3::int IS NULL THEN coalesce(settings->'callCapacity', '{}') - $2::text
            ELSE coalesce(settings->'callCapacity', '{}') || jsonb_build_object($2::text, $3::int) END)
     WHERE id = $1`,
    [workspaceId, body.campaignId, body.perDay],
  );
  return readCapacity(db, workspaceId, body.campaignId);
}
