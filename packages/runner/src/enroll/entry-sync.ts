import { assertNever, type EntrySource, type SegmentSyncMode } from '@rumbo/flow';
import { type EntryRefusal, entryRefusal } from '@rumbo/flow/runtime';
import { z } from 'zod';
import type { NodeScope } from '../advance/apply-decisions.ts';
import { type CampaignVersion, loadCampaignVersion } from '../campaign/campaign-version.ts';
import { type Executor, run } from '../sql/positional.ts';
import { enrollDateEntries } from './date-entries.ts';
import { databaseNow, entrySources, membershipOf } from './enroll.ts';
import { type InsertCounts, insertEnrollments } from './insert-enrollments.ts';
import { SYNC_WATERMARK } from './sync-watermark.ts';

export interface EntrySyncResult {
  /** Campaigns whose scheduled entries were evaluated. */
  campaigns: number;
  enrolled: number;
  control: number;
  /** Entry nodes that received leads: wake their workers. */
  targets: NodeScope[];
  /** Campaigns whose validity period kept every lead out in this pass, and why. */
  refused: { campaignId: string; refusal: EntryRefusal }[];
}

type SegmentSource = Extract<EntrySource, { kind: 'segment' }>;

const Candidate = z.object({ id: z.string(), version: z.number() });
const Locked = z.object({ synced_ms: z.coerce.number().nullable() });

// Published versions with an entry a schedule must look at: a continuous segment or a date.
const SCHEDULED = `jsonb_path_exists(v.document, '$.nodes[*] ? (@.type == "entry").config.sources[*] ? (@.kind == "date" || (@.kind == "segment" && @.continuous == true))')`;

/** `new`: created since the last sync; `modified`: changed since it; `all`: no time filter. */
function sinceFilter(mode: SegmentSyncMode, placeholder: string, since: number | null): string {
  if (since === null) return '';
  switch (mode) {
    case 'new':
      return ` AND l.created_at > to_timestamp(${placeholder}::float8 / 1000)`;
    case 'modified':
      return ` AND l.updated_at > to_timestamp(${placeholder}::float8 / 1000)`;
    case 'all':
      return '';
    default:
      return assertNever(mode, 'sync mode');
  }
}

/** The continuous segment sources of one entry node, one insert per sync mode. */
async function syncSegments(
  db: Executor,
  target: CampaignVersion,
  nodeId: string,
  sources: readonly SegmentSource[],
  since: number | null,
  nowMs: number,
): Promise<InsertCounts> {
  const total: InsertCounts = { enrolled: 0, control: 0 };
  for (const mode of ['new', 'modified', 'all'] as const) {
    const ids = sources.filter((s) => s.syncMode === mode).map((s) => s.segmentId);
    if (ids.length === 0) continue;
    const membership = await membershipOf(db, target.workspaceId, ids, nowMs);
    const placeholder = `$${7 + membership.params.length}`;
    const counts = await insertEnrollments(db, target, nodeId, {
      sql: `(${membership.sql})${sinceFilter(mode, placeholder, since)}`,
      params: since === null ? membership.params : [...membership.params, since],
    });
    total.enrolled += counts.enrolled;
    total.control += counts.control;
  }
  return total;
}

/**
 * One campaign's scheduled entries in one transaction, under the campaign row's lock (a
 * second worker running the same pass waits, then counts from the first one's watermark).
 */
async function syncCampaign(
  db: Executor,
  campaignId: string,
  version: number,
  now: number | undefined,
): Promise<(InsertCounts & { nodes: string[]; refused: EntryRefusal | null }) | null> {
  return db.transaction(async (tx) => {
    const [row] = await run(
      tx,
      `SELECT (extract(epoch from entries_synced_at) * 1000)::float8 AS synced_ms FROM campaigns
       WHERE id = $1 AND status = 'active' AND published_version = $2 FOR UPDATE`,
      [campaignId, version],
    );
    if (!row) return null;
    const since = Locked.parse(row).synced_ms;
    const nowMs = now ?? (await databaseNow(tx));
    const target = await loadCampaignVersion(tx, campaignId, version);
    const refused = entryRefusal(target.document.settings, nowMs);
    // The watermark stays: the first pass inside the period takes what matched meanwhile.
    if (refused) return { enrolled: 0, control: 0, nodes: [], refused };
    const result = { enrolled: 0, control: 0, nodes: [] as string[], refused: null };
    // A launch before the period enrolled nobody and left no watermark: the first pass inside
    // the period enrols the plain segment sources too, as the launch would have.
    const heldLaunch = since === null && target.document.settings.validFrom !== null;
    for (const node of target.document.nodes) {
      if (node.type !== 'entry') continue;
      const sources = entrySources(node.config);
      const segments = sources.filter(
        (s): s is SegmentSource => s.kind === 'segment' && (s.continuous || heldLaunch),
      );
      const dates = sources.flatMap((s) => (s.kind === 'date' ? [s] : []));
      const a = await syncSegments(tx, target, node.id, segments, since, nowMs);
      const b = await enrollDateEntries(tx, target, node.id, dates, nowMs);
      result.enrolled += a.enrolled + b.enrolled;
      result.control += a.control + b.control;
      if (a.enrolled + b.enrolled > 0) result.nodes.push(node.id);
    }
    await run(tx, `UPDATE campaigns SET entries_synced_at = ${SYNC_WATERMARK} WHERE id = $1`, [
      campaignId,
    ]);
    return result;
  });
}

/**
 * The schedule's pass (DESIGN §5, enrollment): for every active campaign whose published
 * version has a continuous segment or a date entry, enrol the new matches — segments per their
 * sync mode since the last sync, dates that come round now in each lead's time zone — as the
 * re-entry rule allows, and only inside the campaign's validity period (a launch held back by
 * it is completed at the first pass inside). `now` (epoch ms) replaces PostgreSQL's clock for
 * the date and segment rules (tests, fast-forward); the watermark always comes from PostgreSQL.
 */
export async function syncEntries(
  db: Executor,
  input: { campaignId?: string; now?: number } = {},
): Promise<EntrySyncResult> {
  const rows = await run(
    db,
    `SELECT c.id, v.version FROM campaigns c
     JOIN campaign_versions v ON v.campaign_id = c.id AND v.version = c.published_version
     WHERE c.status = 'active' AND ($1::uuid IS NULL OR c.id = $1::uuid)
       AND (${SCHEDULED} OR (c.entries_synced_at IS NULL AND v.document->'settings'->>'validFrom' IS NOT NULL))`,
    [input.campaignId ?? null],
  );
  const result: EntrySyncResult = {
    campaigns: 0,
    enrolled: 0,
    control: 0,
    targets: [],
    refused: [],
  };
  for (const raw of rows) {
    const { id, version } = Candidate.parse(raw);
    const synced = await syncCampaign(db, id, version, input.now);
    if (synced === null) continue;
    result.campaigns++;
    if (synced.refused) result.refused.push({ campaignId: id, refusal: synced.refused });
    result.enrolled += synced.enrolled;
    result.control += synced.control;
    for (const nodeId of synced.nodes) result.targets.push({ campaignId: id, version, nodeId });
  }
  return result;
}
