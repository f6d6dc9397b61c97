import { schema } from '@rumbo/db';
import type { EnrollLeadResult } from '@rumbo/flow';
import { enrollLead } from '@rumbo/runner';
import type { Database } from '../../db/database.ts';
import { HttpProblem } from '../../errors/http-problem.ts';
import { campaignInWorkspace } from '../runs/run.service.ts';
import { viaRunner } from '../runs/runner-problem.ts';
import type { Wake } from '../signals/signal.service.ts';

const { auditLog } = schema;

/**
 * Manual entry (DESIGN §5): one lead by key into the campaign's published version, as its
 * re-entry rule allows, with an audit row naming who added it; the entry node is woken so the
 * journey starts at once. A campaign never published has no version to enter, and a stopped
 * or archived one takes nobody: 409.
 */
export async function addLeadToCampaign(
  db: Database,
  workspaceId: string,
  campaignId: string,
  input: { leadKey: string; nodeId?: string | undefined; actor: string },
  wake: Wake,
): Promise<EnrollLeadResult> {
  const campaign = await campaignInWorkspace(db, workspaceId, campaignId);
  // A paused campaign takes the lead and holds it; a stopped or archived one never runs again.
  if (campaign.status === 'stopped' || campaign.status === 'archived') {
    throw new HttpProblem(409, 'conflict', {
      detail: `campaign ${campaignId} is ${campaign.status}: it takes no more leads`,
    });
  }
  const version = campaign.publishedVersion;
  if (version === null) {
    throw new HttpProblem(409, 'conflict', {
      detail: `campaign ${campaignId} has no published version to add leads to`,
    });
  }
  const counts = await viaRunner(() =>
    db.transaction(async (tx) => {
      const added = await enrollLead(tx, {
        campaignId,
        version,
        leadKey: input.leadKey,
        ...(input.nodeId === undefined ? {} : { nodeId: input.nodeId }),
      });
      if (added.enrolled + added.control > 0) {
        await tx.insert(auditLog).values({
          workspaceId,
          actor: input.actor,
          action: 'campaign.lead_added',
          subject: `campaign:${campaignId}`,
          data: { leadKey: input.leadKey, nodeId: added.nodeId, version },
        });
      }
      return added;
    }),
  );
  if (counts.enrolled > 0) await wake([{ campaignId, version, nodeId: counts.nodeId }]);
  return { campaignId, version, leadKey: input.leadKey, ...counts };
}
