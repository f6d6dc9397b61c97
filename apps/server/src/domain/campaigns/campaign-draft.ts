import { schema } from '@rumbo/db';
import type { DraftSave, DraftSaved, FlowDocument } from '@rumbo/flow';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { HttpProblem } from '../../errors/http-problem.ts';
import { findCampaignRow } from './campaign.queries.ts';
import { auditCampaign, lastDraftWrite } from './campaign-audit.ts';
import { withCodeCheck } from './campaign-code.ts';
import { checkDocument } from './campaign-document.ts';

const { campaigns } = schema;

/** The 409 of a stale write: the current revision and who wrote it when, so the editor can say so. */
export async function draftConflict(
  db: Database,
  workspaceId: string,
  id: string,
  sentRevision: number,
): Promise<HttpProblem> {
  const row = await findCampaignRow(db, workspaceId, id);
  const last = await lastDraftWrite(db, id);
  const savedAt = (last?.at ?? row.updatedAt).toISOString();
  const savedBy = last?.actor ?? 'unknown';
  return new HttpProblem(409, 'draft_conflict', {
    detail: `you edited revision ${sentRevision} but the draft is at revision ${row.draftRevision} (saved by ${savedBy} at ${savedAt}); nothing was overwritten: reload the draft and apply your changes again`,
    extensions: { currentRevision: row.draftRevision, savedAt, savedBy },
  });
}

/**
 * Replaces the draft when `expectedRevision` is still current, bumping the revision; the
 * row's code, name and description follow the document's settings. Returns null when the
 * revision moved on (someone else saved first), leaving the stored draft as it was.
 */
export async function writeDraft(
  db: Database,
  entry: {
    workspaceId: string;
    id: string;
    actor: string;
    document: FlowDocument;
    expectedRevision: number;
    action: 'campaign.draft_saved' | 'campaign.settings_changed';
    data: { [key: string]: string | number };
  },
): Promise<{ revision: number; updatedAt: Date } | null> {
  const { workspaceId, id, document } = entry;
  return withCodeCheck(db, workspaceId, document.settings.code, () =>
    db.transaction(async (tx) => {
      const [next] = await tx
        .update(campaigns)
        .set({
          draft: document,
          draftRevision: sql`${campaigns.draftRevision} + 1`,
          code: document.settings.code,
          name: document.settings.name,
          description: document.settings.description,
          updatedAt: sql`now()`,
        })
        .where(
          and(
            eq(campaigns.workspaceId, workspaceId),
            eq(campaigns.id, id),
            eq(campaigns.draftRevision, entry.expectedRevision),
          ),
        )
        .returning({ revision: campaigns.draftRevision, updatedAt: campaigns.updatedAt });
      if (next === undefined) return null;
      await auditCampaign(tx, {
        workspaceId,
        campaignId: id,
        actor: entry.actor,
        action: entry.action,
        data: { ...entry.data, revision: next.revision },
      });
      return next;
    }),
  );
}

/**
 * Saves the editor's draft. Always allowed while it is a flow, errors and all (it is a
 * draft); refused with 400 when it is not a flow at all, and with 409 when `revision` is
 * stale. Either refusal leaves the stored draft untouched.
 */
export async function saveDraft(
  db: Database,
  workspaceId: string,
  id: string,
  input: DraftSave,
  actor: string,
): Promise<DraftSaved> {
  await findCampaignRow(db, workspaceId, id);
  const { document, issues } = await checkDocument(db, workspaceId, input.document, ['document']);
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const saved = await writeDraft(db, {
    workspaceId,
    id,
    actor,
    document,
    expectedRevision: input.revision,
    action: 'campaign.draft_saved',
    data: { errors },
  });
  if (saved === null) throw await draftConflict(db, workspaceId, id, input.revision);
  return { revision: saved.revision, updatedAt: saved.updatedAt.toISOString(), issues };
}
