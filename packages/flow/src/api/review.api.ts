import { z } from 'zod';
import { FlowDocument } from '../document/flow.schema.ts';
import { NodeId, TransitionId } from '../ids.ts';
import { FlowIssue } from './campaign.api.ts';
import { Problem } from './problem.api.ts';

/**
 * Reviews of a campaign's draft (`/api/v1/campaigns/:id/reviews`, DESIGN §1 reviewer, issue 6
 * item 7): a marketer submits a draft revision with a note; a reviewer approves it (which
 * publishes it through the runner's publish path) or returns it with comments. Without
 * accounts the reviewer is a free-text name.
 */

/**
 * `submitted` waits for a reviewer; `approved` was published; `returned` went back with
 * comments; `superseded` was replaced by a later submission of a newer draft.
 */
export const REVIEW_STATUSES = ['submitted', 'approved', 'returned', 'superseded'] as const;
export const ReviewStatus = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

const Count = z.number().int().min(0);
const Money = z.number().finite();

/** Where the simulated leads came from. */
export const REVIEW_LEAD_SOURCES = ['fake', 'csv', 'segment'] as const;

/**
 * What a review keeps of a simulation: enough to read the projection again (totals, per node
 * counts) without storing every lead's path. Stored as jsonb and read back through this schema.
 */
export const ReviewSimulationSummary = z
  .object({
    /** The draft revision that was simulated; a summary of another revision is refused. */
    draftRevision: z.number().int().min(1),
    /** When it ran (the browser's clock; only shown, never compared). */
    ranAt: z.iso.datetime({ offset: true }),
    source: z.enum(REVIEW_LEAD_SOURCES),
    leads: Count,
    seed: z.string().max(200),
    start: z.number().finite(),
    horizonDays: z.number().int().min(1).max(1096),
    cost: Money,
    revenue: Money,
    roi: z.number().finite().nullable(),
    conversions: Count,
    costPerConversion: Money.nullable(),
    waitingAtHorizon: Count,
    messages: z.object({ email: Count, sms: Count, call: Count, webhook: Count }),
    nodes: z.array(z.object({ nodeId: NodeId, entered: Count, waiting: Count })).max(5000),
    /** How many leads passed each transition; absent in summaries stored before it existed. */
    transitions: z
      .array(z.object({ transitionId: TransitionId, count: Count }))
      .max(20000)
      .default([]),
  })
  .meta({ id: 'ReviewSimulationSummary' });
export type ReviewSimulationSummary = z.infer<typeof ReviewSimulationSummary>;

export const ReviewSubmit = z
  .object({
    /** The draft revision the marketer looked at; another one saved since → 409 `draft_conflict`. */
    draftRevision: z.number().int().min(1),
    note: z.string().trim().max(5000).default(''),
    simulation: ReviewSimulationSummary.optional(),
  })
  .meta({ id: 'ReviewSubmit' });
export type ReviewSubmit = z.input<typeof ReviewSubmit>;

const ReviewerName = z.string().trim().min(1).max(120);

export const ReviewApprove = z
  .object({
    reviewer: ReviewerName,
    comments: z.string().trim().max(5000).default(''),
    /**
     * Leads already in the campaign (DESIGN §5): `migrate` (default) moves those at nodes the
     * new version keeps onto it; `stay` lets every one finish on its version.
     */
    leads: z.enum(['migrate', 'stay']).optional(),
    /** With `migrate`: a node the new version deletes → the node its leads continue at. */
    nodeMap: z.record(NodeId, NodeId).optional(),
    /** With `migrate`: nodes whose leads leave the campaign instead. */
    exit: z.array(NodeId).max(5000).optional(),
  })
  .meta({ id: 'ReviewApprove' });
export type ReviewApprove = z.input<typeof ReviewApprove>;

export const ReviewReturn = z
  .object({ reviewer: ReviewerName, comments: z.string().trim().min(1).max(5000) })
  .meta({ id: 'ReviewReturn' });
export type ReviewReturn = z.input<typeof ReviewReturn>;

export const ReviewParams = z.object({ id: z.uuid(), reviewId: z.uuid() });

export const Review = z
  .object({
    id: z.uuid(),
    campaignId: z.uuid(),
    draftRevision: z.number().int().min(1),
    status: ReviewStatus,
    /** The draft was saved again after submission: what was submitted is not what would publish. */
    stale: z.boolean(),
    note: z.string(),
    reviewer: z.string().nullable(),
    comments: z.string(),
    simulation: ReviewSimulationSummary.nullable(),
    /** The version an approval published. */
    publishedVersion: z.number().int().min(1).nullable(),
    submittedAt: z.iso.datetime({ offset: true }),
    decidedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'Review' });
export type Review = z.infer<typeof Review>;

/** Leads in the campaign now (active or waiting) at one node of one published version. */
export const LiveLeads = z.object({
  version: z.number().int().min(1),
  nodeId: NodeId,
  count: z.number().int().min(1),
});
export type LiveLeads = z.infer<typeof LiveLeads>;

export const ReviewList = z
  .object({
    /** Newest first. */
    items: z.array(Review),
    draftRevision: z.number().int().min(1),
    /** The latest published version, which a review's diff compares against. */
    published: z.object({ version: z.number().int().min(1), document: FlowDocument }).nullable(),
    /** Where the campaign's leads are now, for the publish's impact (`publishImpact`). */
    liveLeads: z.array(LiveLeads).default([]),
  })
  .meta({ id: 'ReviewList' });
export type ReviewList = z.infer<typeof ReviewList>;

export const ReviewApproved = z
  .object({
    review: Review,
    /** What the validator still says after publishing; errors would have refused the approval. */
    warnings: z.array(FlowIssue),
  })
  .meta({ id: 'ReviewApproved' });
export type ReviewApproved = z.infer<typeof ReviewApproved>;

/**
 * A 409 about a review, with what the client needs to recover: the waiting review's id, the
 * draft's current revision (stale or conflicting submission), or the review's status.
 */
export const ReviewConflict = Problem.extend({
  reviewId: z.uuid().optional(),
  currentRevision: z.number().int().optional(),
  stale: z.boolean().optional(),
  reviewStatus: ReviewStatus.optional(),
  /** The draft does what the published version does: nothing to review. */
  unchanged: z.boolean().optional(),
}).meta({ id: 'ReviewConflict' });
