import { segments } from '@rumbo/db';
import { compileSegmentSql, type EntryConfig, getNodeModule, SegmentRule } from '@rumbo/flow';
import { type EntryRefusal, entryRefusal, refusalMessage } from '@rumbo/flow/runtime';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { RunnerError } from '../campaign/campaign.errors.ts';
import { loadCampaignVersion } from '../campaign/campaign-version.ts';
import { type Executor, run } from '../sql/positional.ts';
import { type InsertCounts, insertEnrollments, type Membership } from './insert-enrollments.ts';
import { SYNC_WATERMARK } from './sync-watermark.ts';

export interface EnrollResult extends InsertCounts {
  /** Segment ids an entry names that no longer exist (they contribute nobody). */
  missingSegments: string[];
  /** Set when the campaign's validity period kept everyone out: nobody was looked at. */
  refused: EntryRefusal | null;
}

const NowRow = z.object({ now: z.coerce.number() });

/** PostgreSQL's clock in epoch ms: relative segment dates are measured from the database's now. */
export async function databaseNow(db: Executor): Promise<number> {
  const [row] = await run(db, 'SELECT (extract(epoch from now()) * 1000)::bigint AS now');
  return NowRow.parse(row).now;
}

/** The entry node's sources; a config the schema refuses contributes none. */
export function entrySources(config: unknown): EntryConfig['sources'] {
  const parsed = getNodeModule('entry').configSchema.safeParse(config);
  return parsed.success ? parsed.data.sources : [];
}

/**
 * OR of an entry's segment sources as SQL over `leads l`, placeholders from $7. `scan` when
 * the query reads the whole workspace (bulk enrolment): counted event rules then group the
 * workspace's events once instead of counting per lead (see packages/flow's segment SQL).
 */
export async function membershipOf(
  db: Executor,
  workspaceId: string,
  segmentIds: readonly string[],
  now: number,
  scan = false,
): Promise<Membership & { missing: string[] }> {
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
    const compiled = compileSegmentSql(rule, {
      now,
      params: { offset: 6 + params.length },
      scan,
    });
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
 * per entry node, in one transaction, as the re-entry rule allows. Marks the campaign's
 * entries as synced now, so a continuous re-sync in `new`/`modified` mode counts from here.
 */
export async function enrollFromSegments(
  db: Executor,
  input: { campaignId: string; version: number; now?: number },
): Promise<EnrollResult> {
  return db.transaction(async (tx) => {
    const target = await loadCampaignVersion(tx, input.campaignId, input.version);
    const now = input.now ?? (await databaseNow(tx));
    const refused = entryRefusal(target.document.settings, now);
    // Outside the period nobody enters, and the sync watermark stays put: a continuous source
    // then takes every match at its first pass inside the period, not only the newer ones.
    if (refused) return { enrolled: 0, control: 0, missingSegments: [], refused };
    const result: EnrollResult = { enrolled: 0, control: 0, missingSegments: [], refused: null };
    for (const node of target.document.nodes) {
      if (node.type !== 'entry') continue;
      const ids = entrySources(node.config).flatMap((s) =>
        s.kind === 'segment' ? [s.segmentId] : [],
      );
      if (ids.length === 0) continue;
      const membership = await membershipOf(tx, target.workspaceId, ids, now, true);
      const counts = await insertEnrollments(tx, target, node.id, membership);
      result.enrolled += counts.enrolled;
      result.control += counts.control;
      result.missingSegments.push(...membership.missing);
    }
    await run(tx, `UPDATE campaigns SET entries_synced_at = ${SYNC_WATERMARK} WHERE id = $1`, [
      input.campaignId,
    ]);
    return result;
  });
}

/**
 * Adds one lead by its key (manual entry or the API) at an entry node of the version (the
 * first one unless named), as the re-entry rule allows. `enrolled: 0, control: 0` means the
 * rule kept it out (already in the campaign). Outside the campaign's validity period it is
 * refused: `RunnerError('outside_validity_period')` with the period and the day judged on.
 */
export async function enrollLead(
  db: Executor,
  input: { campaignId: string; version: number; leadKey: string; nodeId?: string; now?: number },
): Promise<InsertCounts & { nodeId: string }> {
  return db.transaction(async (tx) => {
    const target = await loadCampaignVersion(tx, input.campaignId, input.version);
    const refused = entryRefusal(target.document.settings, input.now ?? (await databaseNow(tx)));
    if (refused) {
      throw new RunnerError('outside_validity_period', refusalMessage(refused, 'en'), {
        params: {
          reason: refused.code,
          validFrom: refused.validFrom ?? '',
          validTo: refused.validTo ?? '',
          today: refused.today,
        },
      });
    }
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
    const counts = await insertEnrollments(tx, target, entry.id, {
      sql: 'l.external_key = $7',
      params: [input.leadKey],
    });
    return { ...counts, nodeId: entry.id };
  });
}
