import type { JsonValue } from '@rumbo/flow';
import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './column.helpers.ts';
import { workspaces } from './workspace.schema.ts';

/** Who did what to which thing: publishes, launches, pauses, removals, setting changes. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').references(() => workspaces.id),
    /** `user:<id>`, `api-key:<id>` or `system`. */
    actor: text('actor').notNull(),
    /** e.g. `campaign.published`, `enrollment.removed`. */
    action: text('action').notNull(),
    /** The thing acted on, e.g. `campaign:<id>`. */
    subject: text('subject').notNull(),
    data: jsonb('data').$type<{ [key: string]: JsonValue }>().notNull().default({}),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_workspace_at_idx').on(t.workspaceId, t.at),
    index('audit_log_subject_idx').on(t.subject),
  ],
);
