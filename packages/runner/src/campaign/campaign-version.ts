import { campaigns, campaignVersions } from '@rumbo/db';
import { type CampaignStatus, FlowDocument } from '@rumbo/flow';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../sql/positional.ts';
import { RunnerError } from './campaign.errors.ts';

export interface CampaignVersion {
  campaignId: string;
  workspaceId: string;
  version: number;
  status: CampaignStatus;
  document: FlowDocument;
}

/** A published version with its campaign's workspace and status; the document is parsed, never trusted. */
export async function loadCampaignVersion(
  db: Executor,
  campaignId: string,
  version: number,
): Promise<CampaignVersion> {
  const [row] = await db
    .select({
      workspaceId: campaigns.workspaceId,
      status: campaigns.status,
      document: campaignVersions.document,
    })
    .from(campaignVersions)
    .innerJoin(campaigns, eq(campaigns.id, campaignVersions.campaignId))
    .where(and(eq(campaignVersions.campaignId, campaignId), eq(campaignVersions.version, version)));
  if (!row) {
    throw new RunnerError(
      'campaign_version_not_found',
      `campaign ${campaignId} has no version ${version}`,
      { params: { campaignId, version } },
    );
  }
  const document = FlowDocument.parse(row.document);
  return { campaignId, workspaceId: row.workspaceId, version, status: row.status, document };
}
