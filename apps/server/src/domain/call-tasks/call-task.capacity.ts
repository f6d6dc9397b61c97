import type { CallCapacity, CallCapacityBody, CallDay } from '@rumbo/flow';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { HttpProblem, notFound } from '../../errors/http-problem.ts';
import { type Executor, runSql } from '../segments/positional-sql.ts';

/**
 * Daily call capacity per campaign (DESIGN §5 "channel capacity"): kept in the workspace's
 * settings under `callCapacity.<campaignId>` because it is a policy of the call centre, not part
 * of the flow a reviewer approves. A day runs from midnight to midnight in the call centre's time
 * zone (`settings.callTimeZone`, UTC until set); each recorded outcome uses one call.
 */

/** The call centre's time zone of workspace `w` (the settings hold only names PUT accepted). */
export const CALL_TIME_ZONE = `coalesce(w.settings->>'callTimeZone', 'UTC')`;

/** When the call centre's current day began, in zone `zone` (SQL text expression). */
export function callDayStart(zone: string): string {
  return `(date_trunc('day', now() AT TIME ZONE ${zone}) AT TIME ZONE ${zone})`;
}

/** When the call centre's next day begins: local midnight, whatever the length of today. */
export function nextCallDay(zone: string): string {
  return `((date_trunc('day', now() AT TIME ZONE ${zone}) + interval '1 day') AT TIME ZONE ${zone})`;
}

const CapacityRow = z.object({
  per_day: z.coerce.number().nullable(),
  used: z.number(),
  time_zone: z.string(),
});

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
          AND e.occurred_at >= ${callDayStart(CALL_TIME_ZONE)}) AS used,
       ${CALL_TIME_ZONE} AS time_zone
     FROM workspaces w WHERE w.id = $1`,
    [workspaceId, campaignId],
  );
  const row = CapacityRow.parse(raw);
  return {
    campaignId,
    perDay: row.per_day,
    usedToday: row.used,
    remainingToday: row.per_day === null ? null : Math.max(row.per_day - row.used, 0),
    timeZone: row.time_zone,
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

export async function readCallDay(db: Executor, workspaceId: string): Promise<CallDay> {
  const [row] = await runSql(
    db,
    `SELECT ${CALL_TIME_ZONE} AS time_zone FROM workspaces w WHERE w.id = $1`,
    [workspaceId],
  );
  return { timeZone: z.object({ time_zone: z.string() }).parse(row).time_zone };
}

/**
 * Sets the call centre's time zone. PostgreSQL, which computes the day, must know the name
 * (case aside: `europe/madrid` is stored as `Europe/Madrid`); an unknown one is refused and the
 * zone in force stays.
 */
export async function setCallDay(
  db: Database,
  workspaceId: string,
  body: CallDay,
): Promise<CallDay> {
  const [known] = await runSql(
    db,
    `SELECT name FROM pg_timezone_names WHERE lower(name) = lower($1)
     ORDER BY name = $1 DESC, name LIMIT 1`,
    [body.timeZone],
  );
  if (known === undefined) {
    const message = `${body.timeZone} is not a time zone PostgreSQL knows (an IANA name such as Europe/Madrid)`;
    throw new HttpProblem(400, 'validation_failed', {
      detail: message,
      issues: [{ location: 'body', path: ['timeZone'], code: 'unknown_time_zone', message }],
    });
  }
  const timeZone = z.object({ name: z.string() }).parse(known).name;
  await runSql(
    db,
    `UPDATE workspaces SET settings = jsonb_set(settings, '{callTimeZone}', to_jsonb($2::text)) WHERE id = $1`,
    [workspaceId, timeZone],
  );
  return readCallDay(db, workspaceId);
}
