import type { JsonValue } from '@rumbo/flow';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
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
import { createdAt, instant, money, oneOf, updatedAt, uuidPk } from './column.helpers.ts';
import { leads } from './lead.schema.ts';
import { workspaces } from './workspace.schema.ts';

/**
 * `active`: due to be processed at `due_at`; `waiting`: parked at a node until a signal (or its
 * timeout at `due_at`); the rest are final. `removed` = taken out by an operator.
 */
export const ENROLLMENT_STATUSES = [
  'active',
  'waiting',
  'completed',
  'converted',
  'exited',
  'failed',
  'removed',
] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
/** Statuses of an enrollment still in the flow; the monitor's "waiting now" counts these. */
export const LIVE_ENROLLMENT_STATUSES = ['active', 'waiting'] as const;

const live = oneOf(LIVE_ENROLLMENT_STATUSES);

/** One lead's journey through one campaign version (OpenERP's "workitem"). */
export const enrollments = pgTable(
  'enrollments',
  {
    id: uuidPk(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    version: integer('version').notNull(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id),
    /** Copy of the lead's external key: dedup per campaign follows the key, as OpenERP's unique field. */
    leadKey: text('lead_key').notNull(),
    /** 1 for the first entry, +1 for each re-entry the campaign's re-entry rule allows. */
    entryNumber: integer('entry_number').notNull().default(1),
    status: text('status').$type<EnrollmentStatus>().notNull().default('active'),
    /** The node the lead is at now (a flow node id). */
    nodeId: text('node_id').notNull(),
    enteredNodeAt: instant('entered_node_at').notNull().defaultNow(),
    /** When the runner must look at it next (delay, timeout, retry); null while only a signal can move it. */
    dueAt: instant('due_at'),
    /**
     * When the step the lead is taking first fell due, while it moves on from node to node without
     * waiting: a move makes the lead due now at its next node (so each node's queue grows at its
     * end, where the claims' index scans do not revisit the entries of leads already gone) and
     * keeps the lateness here for the stale-step policy. Null when `due_at` is that time.
     */
    firstDueAt: instant('first_due_at'),
    /** The signals it waits for at this node; read through the runner's zod schema. */
    waitingFor: jsonb('waiting_for').$type<JsonValue>(),
    /** The step (`steps.id`) of the current visit: signals scoped to a step match against it. */
    currentStepId: bigint('current_step_id', { mode: 'number' }),
    /** Fencing token: a handler that read an older attempt cannot commit its move. */
    attempt: integer('attempt').notNull().default(0),
    /** Steps taken so far; the runtime step budget stops a flow that loops without waiting. */
    stepCount: integer('step_count').notNull().default(0),
    /** Held out as the control group: walks the flow but nothing is sent. */
    isControl: boolean('is_control').notNull().default(false),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    endedAt: instant('ended_at'),
  },
  (t) => [
    uniqueIndex('enrollments_campaign_lead_entry_key').on(t.campaignId, t.leadKey, t.entryNumber),
    // At most one live journey per lead and campaign, whatever the re-entry rule says.
    uniqueIndex('enrollments_campaign_lead_live_key')
      .on(t.campaignId, t.leadKey)
      .where(sql`status in (${live})`),
    // Live leads at a node, and the runner's claim there (due rows of one node, oldest first):
    // without `due_at` the claim walked the global due index past every other node's rows.
    index('enrollments_node_live_idx')
      .on(t.campaignId, t.nodeId, t.dueAt)
      .where(sql`status in (${live})`),
    // Signal routing: a signal names a lead; find its live journeys.
    index('enrollments_lead_live_idx').on(t.leadId).where(sql`status in (${live})`),
    // Failed journeys of a campaign (the operator's retry). Partial: the runner's moves, which
    // write every index whose predicate holds, never write this one.
    index('enrollments_campaign_failed_idx').on(t.campaignId).where(sql`status = 'failed'`),
    check('enrollments_status_check', sql`${t.status} in (${oneOf(ENROLLMENT_STATUSES)})`),
  ],
);

/**
 * One visit of one node: entered, acted (with cost), left through which transition. The audit
 * trail behind "why is this lead here?". No foreign key to enrollments on purpose: the runner
 * writes steps in bulk in the same statement as the move, and a per-row key check would cost
 * more than the insert.
 */
export const steps = pgTable(
  'steps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enrollmentId: uuid('enrollment_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    version: integer('version').notNull(),
    nodeId: text('node_id').notNull(),
    /** The enrollment's attempt this step was written under. */
    attempt: integer('attempt').notNull(),
    enteredAt: instant('entered_at').notNull().defaultNow(),
    /** When the node's action ran; null if it did not act (skipped, control group, still waiting). */
    actedAt: instant('acted_at'),
    leftAt: instant('left_at'),
    /** The transition it left through. */
    transitionId: text('transition_id'),
    /** Variable cost of the action; counts only when it acted. */
    cost: money('cost').notNull().default('0'),
    /** Goal value (revenue) counted at a goal node. */
    value: money('value'),
    /** e.g. `sent`, `skipped`, `failed`, `converted`; the runner owns the vocabulary. */
    outcome: text('outcome'),
    /** Why it acted or moved as it did (signal, condition, policy that delayed or skipped). */
    reason: jsonb('reason').$type<JsonValue>(),
  },
  // Only the timeline index: counts come from the counters, and each index slows the bulk insert.
  (t) => [index('steps_enrollment_idx').on(t.enrollmentId, t.id)],
);
