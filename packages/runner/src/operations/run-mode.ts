import type { CampaignMode } from '@rumbo/flow';
import { z } from 'zod';
import { RunnerError } from '../campaign/campaign.errors.ts';
import { type Executor, run } from '../sql/positional.ts';

const Row = z.object({
  workspace_id: z.string(),
  published_version: z.number().nullable(),
  mode: z.string().nullable(),
});

/**
 * The campaign's workspace and its published version's mode, refusing with
 * `wrong_campaign_mode` unless the mode is `expected` (advance needs `manual`, fast-forward
 * `test`): an operation meant for testing must never touch a live campaign.
 */
export async function requireMode(
  db: Executor,
  campaignId: string,
  expected: CampaignMode,
): Promise<{ workspaceId: string; version: number }> {
  const [raw] = await run(
    db,
    `SELECT c.workspace_id, c.published_version, v.document->'settings'->>'mode' AS mode
     FROM campaigns c
     LEFT JOIN campaign_versions v ON v.campaign_id = c.id AND v.version = c.published_version
     WHERE c.id = $1`,
    [campaignId],
  );
  if (!raw) {
    throw new RunnerError('campaign_not_found', `campaign ${campaignId} does not exist`, {
      params: { campaignId },
    });
  }
  const row = Row.parse(raw);
  if (row.published_version === null) {
    throw new RunnerError('campaign_not_published', 'publish the campaign first');
  }
  const mode = row.mode ?? 'test';
  if (mode !== expected) {
    throw new RunnerError(
      'wrong_campaign_mode',
      `this needs a campaign in ${expected} mode; version ${row.published_version} runs in ${mode} mode`,
      { params: { expected, mode } },
    );
  }
  return { workspaceId: row.workspace_id, version: row.published_version };
}
