import { campaigns } from '@rumbo/db';
import { CAMPAIGN_LIFECYCLE, type CampaignStatus, type LifecycleCommand } from '@rumbo/flow';
import { eq, sql } from 'drizzle-orm';
import { type Executor, run } from '../sql/positional.ts';
import { writeAudit } from './audit.ts';
import { RunnerError } from './campaign.errors.ts';
import { routeHeldSignals } from './held-signals.ts';

/**
 * A stopped campaign moves nobody any more: its open calls leave the call list in the same
 * transaction, so no agent calls a lead for a campaign that has ended.
 */
async function closeOpenCalls(tx: Executor, campaignId: string): Promise<void> {
  await run(
    tx,
    `UPDATE call_tasks SET status = 'closed', closed_at = now(), updated_at = now()
     WHERE campaign_id = $1 AND status = 'open' AND step_id IS NOT NULL`,
    [campaignId],
  );
}

/**
 * Operator commands on a campaign's run: the lifecycle (statuses each may start from, where it
 * leads) is packages/flow's `CAMPAIGN_LIFECYCLE`; the runner adds the audit action.
 */
export const CAMPAIGN_COMMANDS = {
  launch: { ...CAMPAIGN_LIFECYCLE.launch, action: 'campaign.launched' },
  pause: { ...CAMPAIGN_LIFECYCLE.pause, action: 'campaign.paused' },
  resume: { ...CAMPAIGN_LIFECYCLE.resume, action: 'campaign.resumed' },
  stop: { ...CAMPAIGN_LIFECYCLE.stop, action: 'campaign.stopped' },
} as const satisfies Record<
  LifecycleCommand,
  { from: readonly CampaignStatus[]; to: CampaignStatus; action: string }
>;
export type CampaignCommand = keyof typeof CAMPAIGN_COMMANDS;

export interface CommandInput {
  campaignId: string;
  command: CampaignCommand;
  actor: string;
}

/**
 * Changes a campaign's status with an audit row. The runner only advances leads of `active`
 * campaigns, so pause holds every lead where it is and resume lets due work run again.
 * Launching needs a published version.
 */
export async function changeCampaignStatus(
  db: Executor,
  input: CommandInput,
): Promise<{ status: CampaignStatus; version: number | null }> {
  const rule = CAMPAIGN_COMMANDS[input.command];
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
    const allowed: readonly CampaignStatus[] = rule.from;
    if (!allowed.includes(campaign.status)) {
      throw new RunnerError(
        'campaign_status_conflict',
        `cannot ${input.command} a campaign that is ${campaign.status}`,
        { params: { status: campaign.status, command: input.command } },
      );
    }
    if (input.command === 'launch' && campaign.publishedVersion === null) {
      throw new RunnerError('campaign_not_published', 'publish the campaign before launching it');
    }
    await tx
      .update(campaigns)
      .set({ status: rule.to, updatedAt: sql`now()` })
      .where(eq(campaigns.id, campaign.id));
    // Signals stored while the run was held moved nobody (only active campaigns move leads):
    // weigh them now, in the same transaction as the status change.
    const moved = rule.to === 'active' ? (await routeHeldSignals(tx, campaign.id)).length : 0;
    if (input.command === 'stop') await closeOpenCalls(tx, campaign.id);
    await writeAudit(tx, {
      workspaceId: campaign.workspaceId,
      actor: input.actor,
      action: rule.action,
      subject: `campaign:${campaign.id}`,
      data: {
        from: campaign.status,
        to: rule.to,
        version: campaign.publishedVersion,
        ...(moved > 0 ? { movedBySignals: moved } : {}),
      },
    });
    return { status: rule.to, version: campaign.publishedVersion };
  });
}
