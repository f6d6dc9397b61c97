import { sql } from 'drizzle-orm';
import { check, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, oneOf, uuidPk } from './column.helpers.ts';
import { workspaces } from './workspace.schema.ts';

/** `all` blocks every channel (e.g. by lead key); the others block one channel. */
export const SUPPRESSION_CHANNELS = ['email', 'sms', 'call', 'all'] as const;
export type SuppressionChannel = (typeof SUPPRESSION_CHANNELS)[number];

/**
 * Who must not be contacted: opt-outs, hard bounces, imported exclusion lists (Robinson).
 * Checked again inside the send transaction.
 */
export const suppressions = pgTable(
  'suppressions',
  {
    id: uuidPk(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    channel: text('channel').$type<SuppressionChannel>().notNull(),
    /** Normalised email (lower case), E.164 phone, or lead key for `all`. */
    value: text('value').notNull(),
    /** e.g. `unsubscribed`, `bounced`, `complaint`, `robinson`, `manual`. */
    reason: text('reason').notNull(),
    /** Where it came from: a signal id, an import file name, a user. */
    source: text('source'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('suppressions_workspace_channel_value_key').on(t.workspaceId, t.channel, t.value),
    check('suppressions_channel_check', sql`${t.channel} in (${oneOf(SUPPRESSION_CHANNELS)})`),
  ],
);
