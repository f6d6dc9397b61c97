import type { MonitorCounts, MonitorOverview, VersionCounts } from '@rumbo/flow';
import { CampaignMode, CampaignStatus, FlowDocument } from '@rumbo/flow';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { HttpProblem, notFound } from '../../errors/http-problem.ts';
import { type Executor, runSql } from '../segments/positional-sql.ts';

// The monitor reads the runner's counter tables only (DESIGN §7: counts come from counters
// maintained with each move, never from scanning steps), so a 1 M-lead campaign answers in
// the time of a few dozen primary-key rows.

const Instant = z.union([z.date(), z.string()]).transform((v) => new Date(v).toISOString());
const Count = z.coerce.number();

const NodeRow = z.object({
  version: z.number(),
  node_id: z.string(),
  waiting: Count,
  entered: Count,
  acted: Count,
  failed: Count,
  converted: Count,
  ended: Count,
});
const TransitionRow = z.object({
  version: z.number(),
  transition_id: z.string(),
  node_id: z.string(),
  passed: Count,
});
const Head = z.object({ status: CampaignStatus, at: Instant });

/** Counters of every version of a campaign in one round trip; null when it does not exist. */
export async function readCounts(db: Executor, campaignId: string): Promise<MonitorCounts | null> {
  const rows = await runSql(
    db,
    `SELECT 'n' AS kind, to_jsonb(c) AS row FROM node_counters c WHERE c.campaign_id = $1
     UNION ALL
     SELECT 't', to_jsonb(t) FROM transition_counters t WHERE t.campaign_id = $1
     UNION ALL
     SELECT 'h', jsonb_build_object('status', status, 'at', now()) FROM campaigns WHERE id = $1`,
    [campaignId],
  );
  const versions = new Map<number, VersionCounts>();
  const versionOf = (version: number) => {
    const found = versions.get(version) ?? { version, nodes: [], transitions: [] };
    versions.set(version, found);
    return found;
  };
  let head: z.infer<typeof Head> | null = null;
  for (const raw of rows) {
    const row = z.object({ kind: z.string(), row: z.unknown() }).parse(raw);
    if (row.kind === 'h') head = Head.parse(row.row);
    else if (row.kind === 'n') {
      const n = NodeRow.parse(row.row);
      versionOf(n.version).nodes.push({
        nodeId: n.node_id,
        waiting: n.waiting,
        entered: n.entered,
        acted: n.acted,
        failed: n.failed,
        converted: n.converted,
        ended: n.ended,
      });
    } else {
      const t = TransitionRow.parse(row.row);
      versionOf(t.version).transitions.push({
        transitionId: t.transition_id,
        nodeId: t.node_id,
        passed: t.passed,
      });
    }
  }
  if (head === null) return null;
  const sorted = [...versions.values()].sort((a, b) => a.version - b.version);
  for (const v of sorted) {
    v.nodes.sort((a, b) => a.nodeId.localeCompare(b.nodeId));
    v.transitions.sort((a, b) => a.transitionId.localeCompare(b.transitionId));
  }
  return { campaignId, status: head.status, versions: sorted, at: head.at };
}

const CampaignRow = z.object({
  code: z.string(),
  name: z.string(),
  status: CampaignStatus,
  published_version: z.number().nullable(),
  draft: z.unknown(),
});
const DraftSettings = z.object({ settings: z.object({ mode: z.unknown() }) });
const VersionRow = z.object({
  version: z.number(),
  published_at: Instant,
  enrolled: Count,
});

/** The campaign, its versions with how many leads entered each, and one version's document. */
export async function monitorOverview(
  db: Database,
  workspaceId: string,
  campaignId: string,
  requested: number | undefined,
): Promise<MonitorOverview> {
  const [raw] = await runSql(
    db,
    `SELECT code, name, status, published_version, draft FROM campaigns
     WHERE id = $1 AND workspace_id = $2`,
    [campaignId, workspaceId],
  );
  if (raw === undefined) throw notFound('campaign', campaignId);
  const campaign = CampaignRow.parse(raw);
  const versionRows = await runSql(
    db,
    `SELECT v.version, v.published_at,
       COALESCE((SELECT sum(c.waiting + c.ended) FROM node_counters c
                 WHERE c.campaign_id = v.campaign_id AND c.version = v.version), 0) AS enrolled
     FROM campaign_versions v WHERE v.campaign_id = $1 ORDER BY v.version DESC`,
    [campaignId],
  );
  const versions = versionRows.map((r) => {
    const v = VersionRow.parse(r);
    return { version: v.version, publishedAt: v.published_at, enrolled: v.enrolled };
  });
  const version =
    requested ?? versions.find((v) => v.enrolled > 0)?.version ?? versions[0]?.version;
  if (requested !== undefined && !versions.some((v) => v.version === requested)) {
    throw new HttpProblem(404, 'not_found', {
      detail: `campaign ${campaignId} has no version ${requested}`,
    });
  }
  const [doc] =
    version === undefined
      ? []
      : await runSql(
          db,
          'SELECT document FROM campaign_versions WHERE campaign_id = $1 AND version = $2',
          [campaignId, version],
        );
  const document = doc === undefined ? null : FlowDocument.parse(doc.document);
  // The published version's mode decides what the run bar offers (manual steps, test
  // fast-forward) even when the version shown is an older one still holding leads; before a
  // publish, the draft's.
  const published = campaign.published_version;
  const [publishedRow] =
    published === null || published === version
      ? []
      : await runSql(
          db,
          `SELECT document->'settings'->>'mode' AS mode FROM campaign_versions
           WHERE campaign_id = $1 AND version = $2`,
          [campaignId, published],
        );
  const publishedMode = CampaignMode.safeParse(publishedRow?.mode);
  const draftMode = CampaignMode.safeParse(
    DraftSettings.safeParse(campaign.draft).data?.settings.mode,
  );
  const mode = publishedMode.success
    ? publishedMode.data
    : (document?.settings.mode ?? (draftMode.success ? draftMode.data : 'test'));
  return {
    campaignId,
    code: campaign.code,
    name: campaign.name,
    status: campaign.status,
    mode,
    publishedVersion: campaign.published_version,
    versions,
    version: version ?? null,
    document,
  };
}
