import { campaigns, campaignVersions, enrollments, segments } from '@rumbo/db';
import { type FlowDocument, validateFlow } from '@rumbo/flow';
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../sql/positional.ts';
import { writeAudit } from './audit.ts';
import { RunnerError } from './campaign.errors.ts';
import { type MigrationResult, migrateLeads } from './migrate-leads.ts';

async function leadsOnOlderVersions(
  tx: Executor,
  campaignId: string,
  version: number,
): Promise<MigrationResult> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.campaignId, campaignId),
        lt(enrollments.version, version),
        inArray(enrollments.status, ['active', 'waiting']),
      ),
    );
  return { migrated: 0, removed: 0, stayed: row?.n ?? 0 };
}

export interface PublishInput {
  campaignId: string;
  /** Who publishes: `user:<id>`, `api-key:<id>` or `system`; goes to the audit log. */
  actor: string;
  /** The publishing user, recorded on the version. */
  userId?: string | null;
  notes?: string;
  /** Live leads of older versions: `migrate` (default) onto the new version, or `stay`. */
  leads?: 'migrate' | 'stay';
  /** With `migrate`: deleted node → node of the new version its leads continue at. */
  nodeMap?: Readonly<Record<string, string>>;
  /** With `migrate`: nodes whose live leads on older versions leave the campaign. */
  exit?: readonly string[];
}

export interface PublishedVersion {
  campaignId: string;
  version: number;
  document: FlowDocument;
  /** Live leads moved onto this version, taken out (`exit`), and left on older ones. */
  migrated: number;
  removed: number;
  stayed: number;
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
    const moved =
      version > 1 && input.leads !== 'stay'
        ? await migrateLeads(tx, {
            campaignId: campaign.id,
            version,
            document,
            nodeMap: input.nodeMap ?? {},
            ...(input.exit === undefined ? {} : { exit: input.exit }),
          })
        : await leadsOnOlderVersions(tx, campaign.id, version);
    await writeAudit(tx, {
      workspaceId: campaign.workspaceId,
      actor: input.actor,
      action: 'campaign.published',
      subject: `campaign:${campaign.id}`,
      data: {
        version,
        draftRevision: campaign.draftRevision,
        leads: input.leads ?? 'migrate',
        migrated: moved.migrated,
        removed: moved.removed,
        stayed: moved.stayed,
      },
    });
    return { campaignId: campaign.id, version, document, ...moved };
  });
}
