import type { RetryResult } from '@rumbo/flow';
import { retryFailed } from '@rumbo/runner';
import type { Database } from '../../db/database.ts';
import { HttpProblem, notFound } from '../../errors/http-problem.ts';
import { viaRunner } from '../runs/runner-problem.ts';
import { runSql } from '../segments/positional-sql.ts';

/**
 * Retries one failed journey (the per-node and whole-campaign retries are the runs API's
 * `POST /campaigns/:id/retry`). A journey that is not failed is a 409, not a silent 0.
 */
export async function retryJourney(
  db: Database,
  workspaceId: string,
  campaignId: string,
  input: { enrollmentId: string; actor: string },
): Promise<RetryResult> {
  const [row] = await runSql(
    db,
    'SELECT status FROM enrollments WHERE id = $1 AND campaign_id = $2 AND workspace_id = $3',
    [input.enrollmentId, campaignId, workspaceId],
  );
  if (row === undefined) throw notFound('journey', input.enrollmentId);
  if (row.status !== 'failed') {
    throw new HttpProblem(409, 'conflict', {
      detail: `journey ${input.enrollmentId} is ${String(row.status)}, not failed`,
    });
  }
  const retried = await viaRunner(() =>
    retryFailed(db, { campaignId, enrollmentId: input.enrollmentId, actor: input.actor }),
  );
  return { retried };
}
