import type { ReviewSimulationSummary, ReviewStatus } from '@rumbo/flow';
import { REVIEW_STATUSES } from '@rumbo/flow';
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { campaigns } from './campaign.schema.ts';
import { instant, oneOf, uuidPk } from './column.helpers.ts';
import { workspaces } from './workspace.schema.ts';

/**
 * A request to review one revision of a campaign's draft, and its outcome. At most one review
 * per campaign is `submitted` at a time (partial unique index), so two submissions racing
 * cannot both wait for a reviewer.
 */
export const campaignReviews = pgTable(
  'campaign_reviews',
  {
    id: uuidPk(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    /** The draft revision submitted; the review is stale once the draft moves past it. */
    draftRevision: integer('draft_revision').notNull(),
    status: text('status').$type<ReviewStatus>().notNull().default('submitted'),
    /** The marketer's note for the reviewer. */
    note: text('note').notNull().default(''),
    /** Free-text name until accounts exist. */
    reviewer: text('reviewer'),
    /** The reviewer's comments (required when returning). */
    comments: text('comments').notNull().default(''),
    /** The last simulation run for this review; parse with `ReviewSimulationSummary`. */
    simulation: jsonb('simulation').$type<ReviewSimulationSummary>(),
    /** The version an approval published. */
    publishedVersion: integer('published_version'),
    submittedAt: instant('submitted_at').notNull().defaultNow(),
    decidedAt: instant('decided_at'),
  },
  (t) => [
    index('campaign_reviews_campaign_idx').on(t.campaignId, t.submittedAt),
    uniqueIndex('campaign_reviews_one_open_key').on(t.campaignId).where(sql`status = 'submitted'`),
    check('campaign_reviews_status_check', sql`${t.status} in (${oneOf(REVIEW_STATUSES)})`),
  ],
);
