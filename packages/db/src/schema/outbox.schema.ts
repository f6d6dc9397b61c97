import type { JsonValue } from '@rumbo/flow';
import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { workspaces } from './workspace.schema.ts';

export const OUTBOX_CHANNELS = ['email', 'sms', 'webhook'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/**
 * `pending` → `sending` → `sent` | `failed`; `indeterminate` when a send was interrupted after
 * the provider may have taken it (never resent automatically); `captured` when test mode or a
 * missing provider kept it in the outbox viewer instead of sending.
 */
export const OUTBOX_STATUSES = [
  'pending',
  'sending',
  'sent',
  'failed',
  'indeterminate',
  'captured',
  'suppressed',
] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * What a step must send, written in the same transaction as the move; a sender drains it.
 * `idempotency_key` is one per step and effect, and travels to the provider.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuidPk(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    campaignId: uuid('campaign_id'),
    enrollmentId: uuid('enrollment_id'),
    stepId: bigint('step_id', { mode: 'number' }),
    leadId: uuid('lead_id'),
    nodeId: text('node_id'),
    channel: text('channel').$type<OutboxChannel>().notNull(),
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    /** Address, phone number or URL. */
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    /** Rendered content and headers, as the channel adapter needs them. */
    payload: jsonb('payload').$type<{ [key: string]: JsonValue }>().notNull().default({}),
    idempotencyKey: text('idempotency_key').notNull(),
    /** The provider's id (SMTP `Message-ID`, SMS id, HTTP response id). */
    providerId: text('provider_id'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at'),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    sentAt: instant('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_messages_idempotency_key_key').on(t.idempotencyKey),
    index('outbox_messages_pending_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('outbox_messages_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('outbox_messages_lead_idx').on(t.leadId),
    check('outbox_messages_channel_check', sql`${t.channel} in (${oneOf(OUTBOX_CHANNELS)})`),
    check('outbox_messages_status_check', sql`${t.status} in (${oneOf(OUTBOX_STATUSES)})`),
  ],
);

export const EFFECT_STATUSES = ['started', 'succeeded', 'failed', 'indeterminate'] as const;
export type EffectStatus = (typeof EFFECT_STATUSES)[number];

/**
 * Every external effect, inserted with its unique key *before* the call: a second handler run
 * for the same step hits the key and does not call the outside world again.
 */
export const effectLedger = pgTable(
  'effect_ledger',
  {
    id: uuidPk(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    idempotencyKey: text('idempotency_key').notNull(),
    /** e.g. `email`, `sms`, `webhook`, `crm-update`. */
    kind: text('kind').notNull(),
    enrollmentId: uuid('enrollment_id'),
    stepId: bigint('step_id', { mode: 'number' }),
    status: text('status').$type<EffectStatus>().notNull().default('started'),
    request: jsonb('request').$type<JsonValue>(),
    response: jsonb('response').$type<JsonValue>(),
    error: text('error'),
    createdAt: createdAt(),
    completedAt: instant('completed_at'),
  },
  (t) => [
    uniqueIndex('effect_ledger_idempotency_key_key').on(t.idempotencyKey),
    check('effect_ledger_status_check', sql`${t.status} in (${oneOf(EFFECT_STATUSES)})`),
  ],
);
