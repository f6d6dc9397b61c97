import { segments } from '@rumbo/db';
import {
  compileSegmentSql,
  type EntryConfig,
  getNodeModule,
  hashStart,
  SegmentRule,
} from '@rumbo/flow';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { RunnerError } from '../campaign/campaign.errors.ts';
import { type CampaignVersion, loadCampaignVersion } from '../campaign/campaign-version.ts';
import { type Executor, run } from '../sql/positional.ts';

export interface EnrollResult {
  /** Leads that entered the flow. */
  enrolled: number;
  /** Leads held out as the control group (enrolled, never walk the flow). */
  control: number;
  /** Segment ids an entry names that no longer exist (they contribute nobody). */
  missingSegments: string[];
}

const Counts = z.object({ enrolled: z.coerce.number(), control: z.coerce.number() });
const NowRow = z.object({ now: z.coerce.number() });

/** PostgreSQL's clock in epoch ms: relative segment dates are measured from the database's now. */
export async function databaseNow(db: Executor): Promise<number> {
  const [row] = await run(db, 'SELECT (extract(epoch from now()) * 1000)::bigint AS now');
  return NowRow.parse(row).now;
}

function entrySources(config: unknown): EntryConfig['sources'] {
  const parsed = getNodeModule('entry').configSchema.safeParse(config);
  return parsed.success ? parsed.data.sources : [];
}

/**
 * One `INSERT … SELECT` that enrolls the leads matching `membership` (a WHERE fragment over
 * `leads l` whose placeholders start at $7) at `nodeId`: deduplicated by lead key per campaign
 * (ON CONFLICT on the enrollments' unique keys), the control group drawn by the shared hash in
 * SQL (`rumbo_hash_fraction` = `inControlGroup`), and the entry node's counters bumped in the
 * same statement.
 */
async function insertEnrollments(
  db: Executor,
  target: CampaignVersion,
  nodeId: string,
  membership: { sql: string; params: unknown[] },
): Promise<{ enrolled: number; control: number }> {
  const { seed, controlShare } = target.document.settings;
  const prefix = hashStart('control', seed) >>> 0;
  const threshold = Math.min(Math.max(controlShare, 0), 100) / 100;
  const text = `
    WITH ins AS (
      INSERT INTO enrollments (workspace_id, campaign_id, version, lead_id, lead_key, node_id,
                               status, due_at, is_control, ended_at)
      SELECT m.workspace_id, $1, $2, m.id, m.external_key, $3,
             CASE WHEN m.ctrl THEN 'completed' ELSE 'active' END,
             CASE WHEN m.ctrl THEN NULL ELSE now() END, m.ctrl,
             CASE WHEN m.ctrl THEN now() END
      FROM (SELECT l.id, l.workspace_id, l.external_key,
                   ($5::float8 > 0 AND rumbo_hash_fraction($6::bigint, l.external_key) < $5::float8) AS ctrl
            FROM leads l WHERE l.workspace_id = $4 AND (${membership.sql})) m
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

/** OR of an entry's segment sources as SQL over `leads l`, placeholders from $7. */
async function membershipOf(
  db: Executor,
  workspaceId: string,
  segmentIds: readonly string[],
  now: number,
): Promise<{ sql: string; params: unknown[]; missing: string[] }> {
  const rows =
    segmentIds.length === 0
      ? []
      : await db
          .select()
          .from(segments)
          .where(
            and(
              eq(segments.workspaceId, workspaceId),
              inArray(segments.id, [...segmentIds]),
              isNull(segments.archivedAt),
            ),
          );
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const segment of rows) {
    if (segment.kind === 'static') {
      params.push(segment.id);
      parts.push(
        `EXISTS (SELECT 1 FROM list_members lm WHERE lm.list_id = $${6 + params.length} AND lm.lead_id = l.id)`,
      );
      continue;
    }
    const rule = SegmentRule.parse(segment.rule);
    const compiled = compileSegmentSql(rule, { now, params: { offset: 6 + params.length } });
    params.push(...compiled.params);
    parts.push(`(${compiled.sql})`);
  }
  const found = new Set(rows.map((r) => r.id));
  const missing = segmentIds.filter((id) => !found.has(id));
  return { sql: parts.length > 0 ? parts.join(' OR ') : 'FALSE', params, missing };
}

/**
 * Enrolls every lead of the entry nodes' segments (filters through the packages/flow SQL
 * compiler, static lists through list_members) into a published version: one INSERT … SELECT
 * per entry node, in one transaction. Leads already in the campaign are skipped.
 */
export async function enrollFromSegments(
  db: Executor,
  input: { campaignId: string; version: number; now?: number },
): Promise<EnrollResult> {
  return db.transaction(async (tx) => {
    const target = await loadCampaignVersion(tx, input.campaignId, input.version);
    const now = input.now ?? (await databaseNow(tx));
    const result: EnrollResult = { enrolled: 0, control: 0, missingSegments: [] };
    for (const node of target.document.nodes) {
      if (node.type !== 'entry') continue;
      const ids = entrySources(node.config).flatMap((s) =>
        s.kind === 'segment' ? [s.segmentId] : [],
      );
      if (ids.length === 0) continue;
      const membership = await membershipOf(tx, target.workspaceId, ids, now);
      const counts = await insertEnrollments(tx, target, node.id, membership);
      result.enrolled += counts.enrolled;
      result.control += counts.control;
      result.missingSegments.push(...membership.missing);
    }
    return result;
  });
}

/**
 * Adds one lead by its key (manual entry or the API) at an entry node of the version (the
 * first one unless named). `enrolled: 0, control: 0` means it was already in the campaign.
 */
export async function enrollLead(
  db: Executor,
  input: { campaignId: string; version: number; leadKey: string; nodeId?: string },
): Promise<{ enrolled: number; control: number }> {
  return db.transaction(async (tx) => {
    const target = await loadCampaignVersion(tx, input.campaignId, input.version);
    const entry = target.document.nodes.find(
      (n) => n.type === 'entry' && (input.nodeId === undefined || n.id === input.nodeId),
    );
    if (!entry) {
      throw new RunnerError('campaign_invalid', 'the version has no such entry node', {
        params: { nodeId: input.nodeId ?? '' },
      });
    }
    const [lead] = await run(
      tx,
      'SELECT 1 AS found FROM leads WHERE workspace_id = $1 AND external_key = $2',
      [target.workspaceId, input.leadKey],
    );
    if (!lead) {
      throw new RunnerError('lead_not_found', `no lead with key ${input.leadKey}`, {
        params: { leadKey: input.leadKey },
      });
    }
    return insertEnrollments(tx, target, entry.id, {
      sql: 'l.external_key = $7',
      params: [input.leadKey],
    });
  });
}
