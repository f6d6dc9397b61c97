import { schema } from '@rumbo/db';
import type { CampaignDetail, CampaignListQuery, CampaignSummary } from '@rumbo/flow';
import { FlowDocument } from '@rumbo/flow';
import { and, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { HttpProblem, notFound } from '../../errors/http-problem.ts';

const { campaigns, enrollments } = schema;

/** Live = still somewhere in the flow; the list shows how many leads that is per campaign. */
const LIVE = ['active', 'waiting'] as const;

export type CampaignRow = typeof campaigns.$inferSelect;

/** Drafts are stored jsonb; read them through the one schema so a bad row is caught here. */
export function readDraft(row: CampaignRow): FlowDocument {
  const parsed = FlowDocument.safeParse(row.draft);
  if (!parsed.success) {
    throw new HttpProblem(500, 'internal_error', {
      detail: `the stored draft of campaign ${row.id} does not match the flow schema`,
    });
  }
  return parsed.data;
}

function summary(row: CampaignRow, draft: FlowDocument, activeLeads: number): CampaignSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    // Archiving is a filing decision next to the run status; the list shows it as the status.
    status: row.archivedAt === null ? row.status : 'archived',
    mode: draft.settings.mode,
    nodeCount: draft.nodes.filter((node) => node.type !== 'note').length,
    publishedVersion: row.publishedVersion,
    activeLeads,
    updatedAt: row.updatedAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
  };
}

async function activeLeadCounts(db: Database, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ campaignId: enrollments.campaignId, count: sql<number>`count(*)::int` })
    .from(enrollments)
    .where(and(inArray(enrollments.campaignId, ids), inArray(enrollments.status, [...LIVE])))
    .groupBy(enrollments.campaignId);
  return new Map(rows.map((row) => [row.campaignId, row.count]));
}

function archivedFilter(archived: CampaignListQuery['archived']): SQL | undefined {
  if (archived === 'exclude') return isNull(campaigns.archivedAt);
  if (archived === 'only') return isNotNull(campaigns.archivedAt);
  return undefined;
}

/** Campaigns of a workspace (archived ones only when asked), most recently changed first. */
export async function listCampaigns(
  db: Database,
  workspaceId: string,
  archived: CampaignListQuery['archived'] = 'exclude',
): Promise<CampaignSummary[]> {
  const rows = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, workspaceId), archivedFilter(archived)))
    // Archived ones (when asked for) after the live ones: they are there for reference.
    .orderBy(sql`${campaigns.archivedAt} is not null`, desc(campaigns.updatedAt), campaigns.code);
  const counts = await activeLeadCounts(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => summary(row, readDraft(row), counts.get(row.id) ?? 0));
}

/** The row of one campaign of the workspace; 404 when there is none. */
export async function findCampaignRow(
  db: Database,
  workspaceId: string,
  id: string,
): Promise<CampaignRow> {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, id)))
    .limit(1);
  if (row === undefined) throw notFound('campaign', id);
  return row;
}

/** One campaign with its draft; 404 when it does not exist in this workspace. */
export async function getCampaign(
  db: Database,
  workspaceId: string,
  id: string,
): Promise<CampaignDetail> {
  const row = await findCampaignRow(db, workspaceId, id);
  const draft = readDraft(row);
  const counts = await activeLeadCounts(db, [row.id]);
  return {
    ...summary(row, draft, counts.get(row.id) ?? 0),
    draftRevision: row.draftRevision,
    draft,
  };
}
