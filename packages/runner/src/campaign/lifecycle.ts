import { campaigns } from '@rumbo/db';
import type { CampaignStatus } from '@rumbo/flow';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../sql/positional.ts';
import { writeAudit } from './audit.ts';
import { RunnerError } from './campaign.errors.ts';

/** Operator commands on a campaign's run, and the statuses each may start from. */
export const CAMPAIGN_COMMANDS = {
  launch: { from: ['draft', 'stopped'], to: 'active', action: 'campaign.launched' },
  pause: { from: ['active'], to: 'paused', action: 'campaign.paused' },
  resume: { from: ['paused'], to: 'active', action: 'campaign.resumed' },
  stop: { from: ['active', 'paused'], to: 'stopped', action: 'campaign.stopped' },
} as const satisfies Record<
  string,
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
    await writeAudit(tx, {
      workspaceId: campaign.workspaceId,
      actor: input.actor,
      action: rule.action,
      subject: `campaign:${campaign.id}`,
      data: { from: campaign.status, to: rule.to, version: campaign.publishedVersion },
    });
    return { status: rule.to, version: campaign.publishedVersion };
  });
}
