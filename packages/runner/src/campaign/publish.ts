import { campaigns, campaignVersions, segments } from '@rumbo/db';
import { type FlowDocument, validateFlow } from '@rumbo/flow';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../sql/positional.ts';
import { writeAudit } from './audit.ts';
import { RunnerError } from './campaign.errors.ts';

export interface PublishInput {
  campaignId: string;
  /** Who publishes: `user:<id>`, `api-key:<id>` or `system`; goes to the audit log. */
  actor: string;
  /** The publishing user, recorded on the version. */
  userId?: string | null;
  notes?: string;
}

export interface PublishedVersion {
  campaignId: string;
  version: number;
  document: FlowDocument;
}

/**
 * Freezes the campaign's draft as its next immutable version. Refused with
 * `campaign_invalid` (and the validator's issues) while the validator reports any error; the
 * campaign row is locked so two publishers cannot take the same number.
 */
export async function publishCampaign(
  db: Executor,
  input: PublishInput,
): Promise<PublishedVersion> {
  return db.transaction(async (tx) => {
    const [campaign] = await tx
      .select()
      .from(campaigns)
      .where(eq(campaigns.id, input.campaignId))
      .for('update');
    if (!campaign) {
      throw new RunnerError('campaign_not_found', `campaign ${input.campaignId} does not exist`, {
        params: { campaignId: input.campaignId },
      });
    }
    const known = await tx
      .select({ id: segments.id })
      .from(segments)
      .where(and(eq(segments.workspaceId, campaign.workspaceId), isNull(segments.archivedAt)));
    const { document, issues } = validateFlow(campaign.draft, {
      knownSegments: known.map((s) => s.id),
    });
    if (!document || issues.some((issue) => issue.severity === 'error')) {
      throw new RunnerError('campaign_invalid', 'the draft has errors and cannot be published', {
        issues,
      });
    }
    const version = (campaign.publishedVersion ?? 0) + 1;
    await tx.insert(campaignVersions).values({
      campaignId: campaign.id,
      version,
      document,
      draftRevision: campaign.draftRevision,
      publishedBy: input.userId ?? null,
      notes: input.notes ?? '',
    });
    await tx
      .update(campaigns)
      .set({ publishedVersion: version, updatedAt: sql`now()` })
      .where(eq(campaigns.id, campaign.id));
    await writeAudit(tx, {
      workspaceId: campaign.workspaceId,
      actor: input.actor,
      action: 'campaign.published',
      subject: `campaign:${campaign.id}`,
      data: { version, draftRevision: campaign.draftRevision },
    });
    return { campaignId: campaign.id, version, document };
  });
}
