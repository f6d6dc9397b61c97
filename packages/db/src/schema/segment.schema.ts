import type { SegmentRule } from '@rumbo/flow';
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, oneOf, updatedAt, uuidPk } from './column.helpers.ts';
import { leads } from './lead.schema.ts';
import { workspaces } from './workspace.schema.ts';

export const SEGMENT_KINDS = ['filter', 'static'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/**
 * A saved audience: a `filter` (a rule, compiled to SQL by packages/flow) or a `static` list
 * whose members live in `list_members`.
 */
export const segments = pgTable(
  'segments',
  {
    id: uuidPk(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind').$type<SegmentKind>().notNull(),
    /** The filter rule (kind `filter`); null for static lists. */
    rule: jsonb('rule').$type<SegmentRule>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: instant('archived_at'),
  },
  (t) => [
    index('segments_workspace_idx').on(t.workspaceId),
    check('segments_kind_check', sql`${t.kind} in (${oneOf(SEGMENT_KINDS)})`),
    check(
      'segments_rule_check',
      sql`(${t.kind} = 'filter' and ${t.rule} is not null) or (${t.kind} = 'static' and ${t.rule} is null)`,
    ),
  ],
);

/** Members of a static list (a segment of kind `static`). */
export const listMembers = pgTable(
  'list_members',
  {
    listId: uuid('list_id')
      .notNull()
      .references(() => segments.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    addedAt: instant('added_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'list_members_pkey', columns: [t.listId, t.leadId] }),
    index('list_members_lead_idx').on(t.leadId),
  ],
);
