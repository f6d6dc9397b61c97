import type { CampaignStatus, FlowDocument } from '@rumbo/flow';
import { CAMPAIGN_STATUSES } from '@rumbo/flow';
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
import { createdAt, instant, oneOf, updatedAt, uuidPk } from './column.helpers.ts';
import { users, workspaces } from './workspace.schema.ts';

/** A campaign: one editable draft and a pointer to its latest immutable published version. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuidPk(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    /** Short team code, e.g. `RET045`; unique per workspace among campaigns not archived. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    status: text('status').$type<CampaignStatus>().notNull().default('draft'),
    /** The editable flow document; parse with `FlowDocument` (and migrate) when read. */
    draft: jsonb('draft').$type<FlowDocument>().notNull(),
    /** Bumped on every save: optimistic concurrency for editors (`If-Match`). */
    draftRevision: integer('draft_revision').notNull().default(1),
    publishedVersion: integer('published_version'),
    /** When the runner last re-synced the continuous entry segments (new/modified modes count from it). */
    entriesSyncedAt: instant('entries_synced_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: instant('archived_at'),
  },
  (t) => [
    uniqueIndex('campaigns_workspace_code_key')
      .on(t.workspaceId, t.code)
      .where(sql`archived_at is null`),
    index('campaigns_workspace_idx').on(t.workspaceId),
    check('campaigns_status_check', sql`${t.status} in (${oneOf(CAMPAIGN_STATUSES)})`),
  ],
);

/** A frozen flow document; enrollments point at (campaign_id, version) and never change version silently. */
export const campaignVersions = pgTable(
  'campaign_versions',
  {
    id: uuidPk(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    version: integer('version').notNull(),
    document: jsonb('document').$type<FlowDocument>().notNull(),
    /** The draft revision this version was frozen from. */
    draftRevision: integer('draft_revision').notNull(),
    publishedAt: instant('published_at').notNull().defaultNow(),
    publishedBy: uuid('published_by').references(() => users.id),
    /** What the publisher wrote about the change and the plan for leads in flight. */
    notes: text('notes').notNull().default(''),
  },
  (t) => [
    uniqueIndex('campaign_versions_campaign_version_key').on(t.campaignId, t.version),
    check('campaign_versions_version_check', sql`${t.version} >= 1`),
  ],
);
