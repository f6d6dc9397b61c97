import { schema } from '@rumbo/db';
import {
  FlowDocument,
  LiveLeads,
  type Review,
  type ReviewList,
  ReviewSimulationSummary,
} from '@rumbo/flow';
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { HttpProblem, notFound } from '../../errors/http-problem.ts';
import type { Executor } from '../segments/positional-sql.ts';

const { campaigns, campaignReviews, campaignVersions, nodeCounters } = schema;

export type ReviewRow = typeof campaignReviews.$inferSelect;
export type CampaignRow = typeof campaigns.$inferSelect;

/** A stored summary that no longer parses is shown as "no simulation", not a 500 for the list. */
function readSummary(value: unknown): Review['simulation'] {
  if (value === null || value === undefined) return null;
  const parsed = ReviewSimulationSummary.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The row as the API shows it. Stale: still waiting, but the draft was saved after it was
 * submitted, so approving it now would publish something the reviewer has not seen.
 */
export function toReview(row: ReviewRow, currentRevision: number): Review {
  return {
    id: row.id,
    campaignId: row.campaignId,
    draftRevision: row.draftRevision,
    status: row.status,
    stale: row.status === 'submitted' && row.draftRevision !== currentRevision,
    note: row.note,
    reviewer: row.reviewer,
    comments: row.comments,
    simulation: readSummary(row.simulation),
    publishedVersion: row.publishedVersion,
    submittedAt: row.submittedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

/** The campaign in the request's workspace (locked when `forUpdate`); another workspace's is a 404. */
export async function campaignRow(
  db: Executor,
  workspaceId: string,
  campaignId: string,
  forUpdate = false,
): Promise<CampaignRow> {
  const query = db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, workspaceId)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('campaign', campaignId);
  return row;
}

export async function reviewRow(
  db: Executor,
  campaignId: string,
  reviewId: string,
  forUpdate = false,
): Promise<ReviewRow> {
  const query = db
    .select()
    .from(campaignReviews)
    .where(and(eq(campaignReviews.id, reviewId), eq(campaignReviews.campaignId, campaignId)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('review', reviewId);
  return row;
}

/** The campaign's latest published version and its document, or null when never published. */
export async function publishedDocument(db: Executor, campaign: CampaignRow) {
  if (campaign.publishedVersion === null) return null;
  const [row] = await db
    .select({ document: campaignVersions.document })
    .from(campaignVersions)
    .where(
      and(
        eq(campaignVersions.campaignId, campaign.id),
        eq(campaignVersions.version, campaign.publishedVersion),
      ),
    );
  const parsed = FlowDocument.safeParse(row?.document);
  if (!parsed.success) {
    throw new HttpProblem(500, 'internal_error', {
      detail: `version ${campaign.publishedVersion} of campaign ${campaign.id} is missing or does not match the flow schema`,
    });
  }
  return { version: campaign.publishedVersion, document: parsed.data };
}

/** Every review of the campaign, newest first, with the published version to diff against. */
export async function listReviews(
  db: Database,
  workspaceId: string,
  campaignId: string,
): Promise<ReviewList> {
  const campaign = await campaignRow(db, workspaceId, campaignId);
  const rows = await db
    .select()
    .from(campaignReviews)
    .where(eq(campaignReviews.campaignId, campaignId))
    .orderBy(desc(campaignReviews.submittedAt), desc(campaignReviews.id));
  return {
    items: rows.map((row) => toReview(row, campaign.draftRevision)),
    draftRevision: campaign.draftRevision,
    published: await publishedDocument(db, campaign),
    liveLeads: await liveLeads(db, campaignId),
  };
}

/** Where the campaign's leads are now, per version and node: the counters, not the enrollments. */
async function liveLeads(db: Database, campaignId: string): Promise<LiveLeads[]> {
  const rows = await db
    .select({
      version: nodeCounters.version,
      nodeId: nodeCounters.nodeId,
      count: nodeCounters.waiting,
    })
    .from(nodeCounters)
    .where(and(eq(nodeCounters.campaignId, campaignId), gt(nodeCounters.waiting, 0)))
    .orderBy(asc(nodeCounters.version), asc(nodeCounters.nodeId));
  return rows.map((row) => LiveLeads.parse(row));
}
