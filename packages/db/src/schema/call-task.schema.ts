import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { campaigns } from './campaign.schema.ts';
import { createdAt, instant, oneOf, updatedAt, uuidPk } from './column.helpers.ts';
import { leads } from './lead.schema.ts';
import { users, workspaces } from './workspace.schema.ts';

export const CALL_TASK_STATUSES = ['open', 'closed'] as const;
export type CallTaskStatus = (typeof CALL_TASK_STATUSES)[number];

/** An entry on the call list, created by a `call` node; its outcome becomes a flow signal. */
export const callTasks = pgTable(
  'call_tasks',
  {
    id: uuidPk(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    enrollmentId: uuid('enrollment_id').notNull(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id),
    nodeId: text('node_id').notNull(),
    /** The step that created it: one task per step, however often the handler runs. */
    stepId: bigint('step_id', { mode: 'number' }),
    status: text('status').$type<CallTaskStatus>().notNull().default('open'),
    /** Higher first. */
    priority: integer('priority').notNull().default(0),
    /** Snoozed until (+2 h, +1 day, …); null = callable now. */
    remindAt: instant('remind_at'),
    /** Tie-breaker in the list after priority: the order leads arrived at the node. */
    contactOrder: bigint('contact_order', { mode: 'number' }).notNull().default(0),
    /** Call script rendered for this lead. */
    script: text('script').notNull().default(''),
    /** Outcome code the node defines (`objective_achieved`, `no_answer`, …). */
    outcome: text('outcome'),
    note: text('note'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    closedAt: instant('closed_at'),
  },
  (t) => [
    uniqueIndex('call_tasks_step_key').on(t.stepId),
    index('call_tasks_open_list_idx')
      .on(t.workspaceId, t.priority.desc(), t.contactOrder)
      .where(sql`status = 'open'`),
    index('call_tasks_enrollment_idx').on(t.enrollmentId),
    check('call_tasks_status_check', sql`${t.status} in (${oneOf(CALL_TASK_STATUSES)})`),
    check('call_tasks_closed_check', sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
  ],
);
