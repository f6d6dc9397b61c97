import { bigint, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaign.schema.ts';
import { money, updatedAt } from './column.helpers.ts';

// Counts come from these rows, updated in the same transaction as each move, never from
// scanning steps. Rows are per campaign version so a new version starts its own tally.

const count = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

export const nodeCounters = pgTable(
  'node_counters',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    version: integer('version').notNull(),
    nodeId: text('node_id').notNull(),
    /** Live enrollments at the node now (active + waiting). */
    waiting: count('waiting'),
    entered: count('entered'),
    /** Visits where the action ran (sent, task created); the basis of cost. */
    acted: count('acted'),
    failed: count('failed'),
    converted: count('converted'),
    /** Journeys that ended here (goal, exit, failed, removed): waiting + ended over all nodes = leads. */
    ended: count('ended'),
    cost: money('cost').notNull().default('0'),
    revenue: money('revenue').notNull().default('0'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ name: 'node_counters_pkey', columns: [t.campaignId, t.version, t.nodeId] })],
);

export const transitionCounters = pgTable(
  'transition_counters',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    version: integer('version').notNull(),
    transitionId: text('transition_id').notNull(),
    /** Source node, so a node's outgoing flow reads without the document. */
    nodeId: text('node_id').notNull(),
    passed: count('passed'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({
      name: 'transition_counters_pkey',
      columns: [t.campaignId, t.version, t.transitionId],
    }),
  ],
);
