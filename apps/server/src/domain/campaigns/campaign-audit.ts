import { schema } from '@rumbo/db';
import type { JsonValue } from '@rumbo/flow';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';

const { auditLog } = schema;

/** The actor of a change made while the API is open (no user and no API key exist yet). */
export const ANONYMOUS_ACTOR = 'anonymous';

export type CampaignAuditAction =
  | 'campaign.created'
  | 'campaign.draft_saved'
  | 'campaign.settings_changed'
  | 'campaign.archived'
  | 'campaign.unarchived'
  | 'campaign.imported';

/** Writes one audit row about a campaign; call it inside the transaction of the change. */
export async function auditCampaign(
  db: Database,
  entry: {
    workspaceId: string;
    campaignId: string;
    actor: string;
    action: CampaignAuditAction;
    data?: { [key: string]: JsonValue };
  },
): Promise<void> {
  await db.insert(auditLog).values({
    workspaceId: entry.workspaceId,
    actor: entry.actor,
    action: entry.action,
    subject: `campaign:${entry.campaignId}`,
    data: entry.data ?? {},
  });
}

/** Who wrote the current draft and when: the latest create, save or import of the campaign. */
export async function lastDraftWrite(
  db: Database,
  campaignId: string,
): Promise<{ actor: string; at: Date } | null> {
  const [row] = await db
    .select({ actor: auditLog.actor, at: auditLog.at })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.subject, `campaign:${campaignId}`),
        inArray(auditLog.action, [
          'campaign.created',
          'campaign.draft_saved',
          'campaign.settings_changed',
          'campaign.imported',
        ]),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(1);
  return row ?? null;
}
