import { schema } from '@rumbo/db';
import {
  type CampaignDetail,
  CampaignSettings,
  type CampaignSettingsPatch,
  type ProblemIssue,
} from '@rumbo/flow';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { HttpProblem } from '../../errors/http-problem.ts';
import { findCampaignRow, getCampaign, readDraft } from './campaign.queries.ts';
import { auditCampaign } from './campaign-audit.ts';
import { withCodeCheck } from './campaign-code.ts';
import { draftConflict, writeDraft } from './campaign-draft.ts';

const { campaigns } = schema;

/** Running campaigns keep their place in the list; stop them before filing them away. */
const ARCHIVABLE = new Set(['draft', 'stopped']);

function settingsProblem(issues: ProblemIssue[]): HttpProblem {
  return new HttpProblem(400, 'validation_failed', {
    detail: 'the settings are not valid; nothing was changed',
    issues,
  });
}

/**
 * Changes some campaign settings: the patch is merged over the draft's settings and the
 * result checked by `CampaignSettings` (unknown keys refused), then stored as a new draft
 * revision so an editor holding the old one gets a conflict instead of undoing this.
 */
export async function updateSettings(
  db: Database,
  workspaceId: string,
  id: string,
  patch: CampaignSettingsPatch,
  actor: string,
): Promise<CampaignDetail> {
  const row = await findCampaignRow(db, workspaceId, id);
  const draft = readDraft(row);
  const parsed = CampaignSettings.strict().safeParse({ ...draft.settings, ...patch });
  if (!parsed.success) {
    throw settingsProblem(
      parsed.error.issues.map((issue) => ({
        location: 'body',
        path: issue.path.filter((part) => typeof part !== 'symbol'),
        code: issue.code,
        message: issue.message,
      })),
    );
  }
  const saved = await writeDraft(db, {
    workspaceId,
    id,
    actor,
    document: { ...draft, settings: parsed.data },
    expectedRevision: row.draftRevision,
    action: 'campaign.settings_changed',
    data: { fields: Object.keys(patch).sort().join(',') },
  });
  if (saved === null) throw await draftConflict(db, workspaceId, id, row.draftRevision);
  return getCampaign(db, workspaceId, id);
}

/** Archives (hides from the default list) or brings back a campaign; both are audited. */
export async function setArchived(
  db: Database,
  workspaceId: string,
  id: string,
  archived: boolean,
  actor: string,
): Promise<CampaignDetail> {
  const row = await findCampaignRow(db, workspaceId, id);
  if (archived && !ARCHIVABLE.has(row.status)) {
    throw new HttpProblem(409, 'conflict', {
      detail: `campaign ${row.code} is ${row.status}; stop it before archiving it`,
    });
  }
  if ((row.archivedAt !== null) === archived) return getCampaign(db, workspaceId, id);
  await withCodeCheck(db, workspaceId, row.code, () =>
    db.transaction(async (tx) => {
      await tx
        .update(campaigns)
        .set({ archivedAt: archived ? sql`now()` : null, updatedAt: sql`now()` })
        .where(
          and(
            eq(campaigns.id, id),
            archived ? isNull(campaigns.archivedAt) : isNotNull(campaigns.archivedAt),
          ),
        );
      await auditCampaign(tx, {
        workspaceId,
        campaignId: id,
        actor,
        action: archived ? 'campaign.archived' : 'campaign.unarchived',
      });
    }),
  );
  return getCampaign(db, workspaceId, id);
}
