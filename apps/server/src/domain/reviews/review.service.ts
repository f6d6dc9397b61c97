import { schema } from '@rumbo/db';
import {
  diffFlows,
  FlowDocument,
  type JsonValue,
  type Review,
  type ReviewApprove,
  type ReviewApproved,
  type ReviewReturn,
  type ReviewSimulationSummary,
  type ReviewSubmit,
  validateFlow,
} from '@rumbo/flow';
import { publishCampaign } from '@rumbo/runner';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { HttpProblem } from '../../errors/http-problem.ts';
import { viaRunner } from '../runs/runner-problem.ts';
import type { Executor } from '../segments/positional-sql.ts';
import {
  type CampaignRow,
  campaignRow,
  publishedDocument,
  type ReviewRow,
  reviewRow,
  toReview,
} from './review.queries.ts';

const { auditLog, campaignReviews } = schema;

type ReviewAuditAction =
  | 'review.submitted'
  | 'review.superseded'
  | 'review.simulation_attached'
  | 'review.approved'
  | 'review.returned';

async function audit(
  db: Executor,
  entry: {
    campaign: CampaignRow;
    actor: string;
    action: ReviewAuditAction;
    data: { [key: string]: JsonValue };
  },
) {
  await db.insert(auditLog).values({
    workspaceId: entry.campaign.workspaceId,
    actor: entry.actor,
    action: entry.action,
    subject: `campaign:${entry.campaign.id}`,
    data: entry.data,
  });
}

function summaryOfOtherRevision(summary: ReviewSimulationSummary, revision: number, at: string[]) {
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

function notOpen(review: ReviewRow) {
  return new HttpProblem(409, 'conflict', {
    detail: `review ${review.id} is ${review.status}; only a submitted review can be decided or given a simulation`,
    extensions: { reviewStatus: review.status },
  });
}

/** A draft that does what the published version does has nothing to review (the same diff the screen shows). */
async function refuseUnchanged(db: Executor, campaign: CampaignRow) {
  const published = await publishedDocument(db, campaign);
  if (!published) return;
  const draft = FlowDocument.safeParse(campaign.draft);
  if (draft.success && diffFlows(published.document, draft.data).empty) {
    throw new HttpProblem(409, 'conflict', {
      detail: `the draft does what version ${published.version} does; change it before asking for a review`,
      extensions: { unchanged: true },
    });
  }
}

/**
 * Marks the draft revision the marketer looked at as ready for review. A waiting review of an
 * older revision is superseded by it; one of the same revision already waits → 409.
 */
export async function submitReview(
  db: Database,
  workspaceId: string,
  campaignId: string,
  input: z.output<typeof ReviewSubmit>,
  actor: string,
): Promise<Review> {
  return db.transaction(async (tx) => {
    const campaign = await campaignRow(tx, workspaceId, campaignId, true);
    if (campaign.archivedAt !== null) {
      throw new HttpProblem(409, 'conflict', { detail: 'an archived campaign cannot be reviewed' });
    }
    if (input.draftRevision !== campaign.draftRevision) {
      throw new HttpProblem(409, 'draft_conflict', {
        detail: `you submitted revision ${input.draftRevision} but the draft is at revision ${campaign.draftRevision}; reload it and submit again`,
        extensions: { currentRevision: campaign.draftRevision },
      });
    }
    if (input.simulation && input.simulation.draftRevision !== input.draftRevision) {
      throw summaryOfOtherRevision(input.simulation, input.draftRevision, ['simulation']);
    }
    await refuseUnchanged(tx, campaign);
    const [open] = await tx
      .select()
      .from(campaignReviews)
      .where(
        and(eq(campaignReviews.campaignId, campaignId), eq(campaignReviews.status, 'submitted')),
      )
      .for('update');
    if (open && open.draftRevision === campaign.draftRevision) {
      throw new HttpProblem(409, 'conflict', {
        detail: `revision ${open.draftRevision} already waits for review (${open.id})`,
        extensions: { reviewId: open.id },
      });
    }
    if (open) {
      await tx
        .update(campaignReviews)
        .set({ status: 'superseded', decidedAt: sql`now()` })
        .where(eq(campaignReviews.id, open.id));
      await audit(tx, {
        campaign,
        actor,
        action: 'review.superseded',
        data: { reviewId: open.id },
      });
    }
    const [row] = await tx
      .insert(campaignReviews)
      .values({
        workspaceId,
        campaignId,
        draftRevision: campaign.draftRevision,
        note: input.note,
        simulation: input.simulation ?? null,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await audit(tx, {
      campaign,
      actor,
      action: 'review.submitted',
      data: { reviewId: row.id, draftRevision: row.draftRevision },
    });
    return toReview(row, campaign.draftRevision);
  });
}

/** Stores the summary of a simulation run for a waiting review (the last one wins). */
export async function attachSimulation(
  db: Database,
  workspaceId: string,
  ids: { campaignId: string; reviewId: string },
  summary: ReviewSimulationSummary,
  actor: string,
): Promise<Review> {
  return db.transaction(async (tx) => {
    const campaign = await campaignRow(tx, workspaceId, ids.campaignId, true);
    const review = await reviewRow(tx, ids.campaignId, ids.reviewId, true);
    if (review.status !== 'submitted') throw notOpen(review);
    if (summary.draftRevision !== review.draftRevision) {
      throw summaryOfOtherRevision(summary, review.draftRevision, []);
    }
    const [row] = await tx
      .update(campaignReviews)
      .set({ simulation: summary })
      .where(eq(campaignReviews.id, review.id))
      .returning();
    if (!row) throw new Error('update returned no row');
    await audit(tx, {
      campaign,
      actor,
      action: 'review.simulation_attached',
      data: { reviewId: review.id, leads: summary.leads, seed: summary.seed },
    });
    return toReview(row, campaign.draftRevision);
  });
}

/** A review that waited while the draft changed: approving would publish unseen edits. */
function staleProblem(review: ReviewRow, campaign: CampaignRow) {
  return new HttpProblem(409, 'conflict', {
    detail: `the draft was saved after review ${review.id} was submitted (revision ${review.draftRevision} → ${campaign.draftRevision}); submit the current draft again`,
    extensions: { stale: true, currentRevision: campaign.draftRevision },
  });
}

/**
 * Approves and publishes in one transaction through the runner's publish path, which refuses a
 * draft with validator errors (422, issues located in the draft) — then nothing is recorded.
 */
export async function approveReview(
  db: Database,
  workspaceId: string,
  ids: { campaignId: string; reviewId: string },
  input: z.output<typeof ReviewApprove>,
  actor: string,
): Promise<ReviewApproved> {
  return db.transaction(async (tx) => {
    const campaign = await campaignRow(tx, workspaceId, ids.campaignId, true);
    const review = await reviewRow(tx, ids.campaignId, ids.reviewId, true);
    if (review.status !== 'submitted') throw notOpen(review);
    if (review.draftRevision !== campaign.draftRevision) throw staleProblem(review, campaign);
    const published = await viaRunner(() =>
      publishCampaign(tx, {
        campaignId: campaign.id,
        actor,
        notes: [review.note, input.comments].filter((t) => t !== '').join('\n\n'),
      }),
    );
    const [row] = await tx
      .update(campaignReviews)
      .set({
        status: 'approved',
        reviewer: input.reviewer,
        comments: input.comments,
        publishedVersion: published.version,
        decidedAt: sql`now()`,
      })
      .where(eq(campaignReviews.id, review.id))
      .returning();
    if (!row) throw new Error('update returned no row');
    await audit(tx, {
      campaign,
      actor,
      action: 'review.approved',
      data: { reviewId: review.id, reviewer: input.reviewer, version: published.version },
    });
    const warnings = validateFlow(published.document).issues.filter((i) => i.severity !== 'error');
    return { review: toReview(row, campaign.draftRevision), warnings };
  });
}

/** Sends the draft back with comments the marketer reads on the review screen and designer. */
export async function returnReview(
  db: Database,
  workspaceId: string,
  ids: { campaignId: string; reviewId: string },
  input: z.output<typeof ReviewReturn>,
  actor: string,
): Promise<Review> {
  return db.transaction(async (tx) => {
    const campaign = await campaignRow(tx, workspaceId, ids.campaignId, true);
    const review = await reviewRow(tx, ids.campaignId, ids.reviewId, true);
    if (review.status !== 'submitted') throw notOpen(review);
    const [row] = await tx
      .update(campaignReviews)
      .set({
        status: 'returned',
        reviewer: input.reviewer,
        comments: input.comments,
        decidedAt: sql`now()`,
      })
      .where(eq(campaignReviews.id, review.id))
      .returning();
    if (!row) throw new Error('update returned no row');
    await audit(tx, {
      campaign,
      actor,
      action: 'review.returned',
      data: { reviewId: review.id, reviewer: input.reviewer },
    });
    return toReview(row, campaign.draftRevision);
  });
}
