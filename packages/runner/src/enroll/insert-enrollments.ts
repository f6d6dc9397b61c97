import { assertNever, hashStart, type ReentryRule } from '@rumbo/flow';
import { z } from 'zod';
import type { CampaignVersion } from '../campaign/campaign-version.ts';
import { type Executor, run } from '../sql/positional.ts';

/** Which leads an insert considers: a WHERE fragment over `leads l`, placeholders from $7. */
export interface Membership {
  sql: string;
  params: unknown[];
}

export interface InsertCounts {
  /** Leads that entered the flow. */
  enrolled: number;
  /** Leads held out as the control group (enrolled, never walk the flow). */
  control: number;
}

const Counts = z.object({ enrolled: z.coerce.number(), control: z.coerce.number() });

/** A validated duration as a PostgreSQL interval literal (amount is an integer, unit an enum). */
function interval(duration: { amount: number; unit: string }): string {
  return `interval '${Math.trunc(duration.amount)} ${duration.unit}'`;
}

/**
 * The campaign's re-entry rule (DESIGN §5) as SQL over `leads l`. `never`: entry number 1, and
 * the unique (campaign, lead key, entry number) index refuses a second one, so no join is paid
 * on the bulk path. `afterExit` / `afterCooldown`: the lead's latest journey in the campaign
 * (by key) must have ended — not removed by an operator — and, with a cooldown, have started
 * at least that long ago; the new journey takes the next entry number. Two racing inserts pick
 * the same number and the unique index keeps one.
 */
function reentrySql(rule: ReentryRule): { join: string; where: string; entryNumber: string } {
  switch (rule.kind) {
    case 'never':
      return { join: '', where: '', entryNumber: '1' };
    case 'afterExit':
    case 'afterCooldown': {
      const cooldown =
        rule.kind === 'afterCooldown'
          ? ` AND prev.created_at <= now() - ${interval(rule.duration)}`
          : '';
      return {
        join: `LEFT JOIN LATERAL (
                 SELECT e.entry_number, e.status, e.created_at FROM enrollments e
                 WHERE e.campaign_id = $1 AND e.lead_key = l.external_key
                 ORDER BY e.entry_number DESC LIMIT 1) prev ON true`,
        where: ` AND (prev.entry_number IS NULL OR (prev.status NOT IN ('active', 'waiting', 'removed')${cooldown}))`,
        entryNumber: 'COALESCE(prev.entry_number, 0) + 1',
      };
    }
    default:
      return assertNever(rule, 're-entry rule');
  }
}

/**
 * One `INSERT … SELECT` that enrolls the leads matching `membership` at `nodeId`, as the
 * campaign's re-entry rule allows (dedup by lead key per campaign, as OpenERP's unique field;
 * ON CONFLICT on the enrollments' unique keys), the control group drawn by the shared hash in
 * SQL (`rumbo_hash_fraction` = `inControlGroup`), and the entry node's counters bumped in the
 * same statement.
 */
export async function insertEnrollments(
  db: Executor,
  target: CampaignVersion,
  nodeId: string,
  membership: Membership,
): Promise<InsertCounts> {
  const { seed, controlShare, reentry } = target.document.settings;
  const prefix = hashStart('control', seed) >>> 0;
  const threshold = Math.min(Math.max(controlShare, 0), 100) / 100;
  const again = reentrySql(reentry);
  const text = `
    WITH ins AS (
      INSERT INTO enrollments (workspace_id, campaign_id, version, lead_id, lead_key, entry_number,
                               node_id, status, due_at, is_control, ended_at)
      SELECT m.workspace_id, $1, $2, m.id, m.external_key, m.entry_number, $3,
             CASE WHEN m.ctrl THEN 'completed' ELSE 'active' END,
             CASE WHEN m.ctrl THEN NULL ELSE now() END, m.ctrl,
             CASE WHEN m.ctrl THEN now() END
      FROM (SELECT l.id, l.workspace_id, l.external_key, ${again.entryNumber} AS entry_number,
                   ($5::float8 > 0 AND rumbo_hash_fraction($6::bigint, l.external_key) < $5::float8) AS ctrl
            FROM leads l ${again.join}
            WHERE l.workspace_id = $4 AND (${membership.sql})${again.where}) m
      ON CONFLICT DO NOTHING
      RETURNING is_control
    ), tally AS (
      SELECT count(*) FILTER (WHERE NOT is_control) AS enrolled,
             count(*) FILTER (WHERE is_control) AS control FROM ins
    ), counters AS (
      INSERT INTO node_counters (campaign_id, version, node_id, waiting, entered)
      SELECT $1, $2, $3, enrolled, enrolled FROM tally
      ON CONFLICT (campaign_id, version, node_id) DO UPDATE
        SET waiting = node_counters.waiting + EXCLUDED.waiting,
            entered = node_counters.entered + EXCLUDED.entered, updated_at = now()
    )
    SELECT enrolled, control FROM tally`;
  const params = [
    target.campaignId,
    target.version,
    nodeId,
    target.workspaceId,
    threshold,
    prefix,
    ...membership.params,
  ];
  const [row] = await run(db, text, params);
  return Counts.parse(row);
}
