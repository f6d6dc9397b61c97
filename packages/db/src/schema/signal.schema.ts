import type { JsonValue } from '@rumbo/flow';
import {
  bigint,
  boolean,
  index,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, uuidPk } from './column.helpers.ts';
import { leads } from './lead.schema.ts';
import { workspaces } from './workspace.schema.ts';

/**
 * A named fact that can move a lead (`opened`, `clicked`, `purchased`, a call outcome). Stored
 * once per idempotency key, so a duplicate delivery moves a lead at most once.
 */
export const signals = pgTable(
  'signals',
  {
    id: uuidPk(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** When it happened at the source (may be before it reached us: early and late signals). */
    occurredAt: instant('occurred_at').notNull(),
    receivedAt: instant('received_at').notNull().defaultNow(),
    /** The step that caused it (the email that was opened); null for lead-global signals. */
    stepId: bigint('step_id', { mode: 'number' }),
    properties: jsonb('properties').$type<{ [key: string]: JsonValue }>().notNull().default({}),
    /** Caller's key (`Idempotency-Key`, provider event id); unique per workspace when present. */
    idempotencyKey: text('idempotency_key'),
    /** Made by a machine (link scanner, privacy proxy); ignored by transitions unless asked for. */
    machine: boolean('machine').notNull().default(false),
    machineReason: text('machine_reason'),
  },
  (t) => [
    uniqueIndex('signals_workspace_idempotency_key_key').on(t.workspaceId, t.idempotencyKey),
    // Early-signal look-back: this lead's signals of a name since an instant.
    index('signals_lead_name_occurred_idx').on(t.leadId, t.name, t.occurredAt),
    index('signals_step_idx').on(t.stepId),
  ],
);
