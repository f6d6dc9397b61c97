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
import { notOpen, staleProblem, summaryOfOtherRevision } from './review.problems.ts';
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

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** What a reviewer decided, as stored on the review and told in the audit log. */
interface Decision {
  status: 'approved' | 'returned';
  publishedVersion: number | null;
  /** The audit row's data beyond the review id and the reviewer. */
  audit: { [key: string]: JsonValue };
}

/**
 * The shape approve and return share, in one transaction: lock the campaign and the review,
 * refuse one already decided, let `decide` check and act (it may throw: then nothing is
 * recorded), store the decision and audit it.
 */
async function decideReview<T>(
  db: Database,
  workspaceId: string,
  ids: { campaignId: string; reviewId: string },
  input: { reviewer: string; comments: string },
  actor: string,
  decide: (
    tx: Transaction,
    campaign: CampaignRow,
    review: ReviewRow,
  ) => Promise<{ decision: Decision; result: T }>,
): Promise<{ review: Review; result: T }> {
  return db.transaction(async (tx) => {
    const campaign = await campaignRow(tx, workspaceId, ids.campaignId, true);
    const review = await reviewRow(tx, ids.campaignId, ids.reviewId, true);
    if (review.status !== 'submitted') throw notOpen(review);
    const { decision, result } = await decide(tx, campaign, review);
    const [row] = await tx
      .update(campaignReviews)
      .set({
        status: decision.status,
        reviewer: input.reviewer,
        comments: input.comments,
        publishedVersion: decision.publishedVersion,
        decidedAt: sql`now()`,
      })
      .where(eq(campaignReviews.id, review.id))
      .returning();
    if (!row) throw new Error('update returned no row');
    await audit(tx, {
      campaign,
      actor,
      action: decision.status === 'approved' ? 'review.approved' : 'review.returned',
      data: { reviewId: review.id, reviewer: input.reviewer, ...decision.audit },
    });
    return { review: toReview(row, campaign.draftRevision), result };
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
  const { review, result } = await decideReview(
    db,
    workspaceId,
    ids,
    input,
    actor,
    async (tx, campaign, waiting) => {
      if (waiting.draftRevision !== campaign.draftRevision) throw staleProblem(waiting, campaign);
      const published = await viaRunner(() =>
        publishCampaign(tx, {
          campaignId: campaign.id,
          actor,
          notes: [waiting.note, input.comments].filter((t) => t !== '').join('\n\n'),
          ...(input.leads === undefined ? {} : { leads: input.leads }),
          ...(input.nodeMap === undefined ? {} : { nodeMap: input.nodeMap }),
          ...(input.exit === undefined ? {} : { exit: input.exit }),
        }),
      );
      return {
        decision: {
          status: 'approved',
          publishedVersion: published.version,
          audit: { version: published.version },
        },
        result: published.document,
      };
    },
  );
  const warnings = validateFlow(result).issues.filter((i) => i.severity !== 'error');
  return { review, warnings };
}

/** Sends the draft back with comments the marketer reads on the review screen and designer. */
export async function returnReview(
  db: Database,
  workspaceId: string,
  ids: { campaignId: string; reviewId: string },
  input: z.output<typeof ReviewReturn>,
  actor: string,
): Promise<Review> {
  const { review } = await decideReview(db, workspaceId, ids, input, actor, async () => ({
    decision: { status: 'returned', publishedVersion: null, audit: {} },
    result: null,
  }));
  return review;
}
