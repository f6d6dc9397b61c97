import type { ReviewSimulationSummary } from '@rumbo/flow';
import { HttpProblem } from '../../errors/http-problem.ts';
import type { CampaignRow, ReviewRow } from './review.queries.ts';

/** The refusals of the review service, each a located problem the client can act on. */

export function summaryOfOtherRevision(
  summary: ReviewSimulationSummary,
  revision: number,
  at: string[],
) {
  return new HttpProblem(400, 'validation_failed', {
    detail: `the simulation is of draft revision ${summary.draftRevision}, the review is of revision ${revision}`,
    issues: [
      {
        location: 'body',
        path: [...at, 'draftRevision'],
        code: 'revision_mismatch',
        message: `expected ${revision}`,
      },
    ],
  });
}

export function notOpen(review: ReviewRow) {
  return new HttpProblem(409, 'conflict', {
    detail: `review ${review.id} is ${review.status}; only a submitted review can be decided or given a simulation`,
    extensions: { reviewStatus: review.status },
  });
}

/** A review that waited while the draft changed: approving would publish unseen edits. */
export function staleProblem(review: ReviewRow, campaign: CampaignRow) {
  return new HttpProblem(409, 'conflict', {
    detail: `the draft was saved after review ${review.id} was submitted (revision ${review.draftRevision} → ${campaign.draftRevision}); submit the current draft again`,
    extensions: { stale: true, currentRevision: campaign.draftRevision },
  });
}
