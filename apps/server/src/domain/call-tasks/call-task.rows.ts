import { CALL_PRIORITIES, type CallPriority, type CallTaskRow, JsonValue } from '@rumbo/flow';
import { z } from 'zod';
import type { Executor } from '../segments/positional-sql.ts';
import { runSql } from '../segments/positional-sql.ts';

/** Row shapes read back from SQL (node-postgres gives Date or string for timestamptz). */

export const Instant = z.union([z.date(), z.string()]).transform((v) => new Date(v).toISOString());
const NullableInstant = Instant.nullable();

/** Columns of one call-list row; `t` = call_tasks, `l` = leads, `c` = campaigns. */
export const TASK_COLUMNS = `t.id, t.campaign_id, c.code AS campaign_code, t.node_id, t.lead_id,
  l.external_key AS lead_key, l.name AS lead_name, l.phone, l.email, t.status, t.priority,
  t.remind_at, t.contact_order, t.attempts, t.outcome, t.note, t.closed_at`;

export const TASK_FROM = `call_tasks t JOIN leads l ON l.id = t.lead_id
  JOIN campaigns c ON c.id = t.campaign_id`;

const TaskSqlRow = z.object({
  id: z.string(),
  campaign_id: z.string(),
  campaign_code: z.string(),
  node_id: z.string(),
  lead_id: z.string(),
  lead_key: z.string(),
  lead_name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  priority: z.number(),
  remind_at: NullableInstant,
  contact_order: z.coerce.number(),
  attempts: z.number(),
  outcome: z.string().nullable(),
  note: z.string().nullable(),
  closed_at: NullableInstant,
  /** Only the open list with a capacity computes it. */
  queued_until: NullableInstant.optional(),
});

/** The runner stores a priority as its index in CALL_PRIORITIES (`high` = 2). */
export function priorityName(index: number): CallPriority {
  const clamped = Math.min(Math.max(Math.trunc(index), 0), CALL_PRIORITIES.length - 1);
  return CALL_PRIORITIES[clamped] ?? 'normal';
}

export function toTaskRow(raw: unknown): CallTaskRow {
  const r = TaskSqlRow.parse(raw);
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignCode: r.campaign_code,
    nodeId: r.node_id,
    leadId: r.lead_id,
    leadKey: r.lead_key,
    leadName: r.lead_name,
    phone: r.phone,
    email: r.email,
    status: r.status,
    priority: priorityName(r.priority),
    remindAt: r.remind_at,
    contactOrder: r.contact_order,
    attempts: r.attempts,
    outcome: r.outcome,
    note: r.note,
    closedAt: r.closed_at,
    queuedUntil: r.queued_until ?? null,
  };
}

const EventSqlRow = z.object({
  id: z.coerce.string(),
  name: z.string(),
  occurred_at: Instant,
  properties: z.record(z.string(), JsonValue),
});

export function toLeadEvent(raw: unknown) {
  const r = EventSqlRow.parse(raw);
  return { id: r.id, name: r.name, occurredAt: r.occurred_at, properties: r.properties };
}

/** PostgreSQL's clock: every instant of the call list comes from it, never from Node's. */
export async function databaseNow(db: Executor): Promise<string> {
  const [row] = await runSql(db, 'SELECT now() AS now');
  return Instant.parse(row?.now);
}
