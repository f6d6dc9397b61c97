import { schema } from '@rumbo/db';
import {
  compileSegmentSql,
  LeadEvent,
  type LeadSnapshot,
  SegmentRule,
  type SegmentSample,
  type SegmentSampleRequest,
} from '@rumbo/flow';
import { loadLeads } from '@rumbo/runner';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { HttpProblem, notFound } from '../../errors/http-problem.ts';
import { runSql } from '../segments/positional-sql.ts';

const { segments } = schema;

/** Recent history per lead, enough for "opened in the last 30 days" style branch conditions. */
const EVENTS_PER_LEAD = 50;

const SampledRow = z.object({ id: z.string(), total: z.coerce.number() });
const EventRow = z.object({
  lead_id: z.string(),
  name: z.string(),
  occurred_at: z.string(),
  properties: z.record(z.string(), z.unknown()),
});

async function segmentRow(db: Database, workspaceId: string, segmentId: string) {
  const [row] = await db
    .select()
    .from(segments)
    .where(
      and(
        eq(segments.id, segmentId),
        eq(segments.workspaceId, workspaceId),
        isNull(segments.archivedAt),
      ),
    );
  if (!row) throw notFound('segment', segmentId);
  return row;
}

/** Membership of `leads l` as a WHERE fragment; $1 = workspace, $2 = seed, $3 = count. */
function membership(row: Awaited<ReturnType<typeof segmentRow>>, now: number) {
  if (row.kind === 'static') {
    return {
      sql: 'EXISTS (SELECT 1 FROM list_members m WHERE m.list_id = $4 AND m.lead_id = l.id)',
      params: [row.id],
    };
  }
  const rule = SegmentRule.safeParse(row.rule);
  if (!rule.success) {
    throw new HttpProblem(409, 'conflict', {
      detail: `segment ${row.id} has no valid rule to sample from; open it in the segment builder`,
    });
  }
  return compileSegmentSql(rule.data, { now, params: { offset: 3 } });
}

async function recentEvents(db: Database, leadIds: string[]): Promise<Map<string, LeadEvent[]>> {
  const rows = await runSql(
    db,
    `SELECT e.lead_id, e.name, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at, e.properties
     FROM unnest($1::uuid[]) AS s(id)
     CROSS JOIN LATERAL (SELECT * FROM lead_events le WHERE le.lead_id = s.id
       ORDER BY le.occurred_at DESC LIMIT ${EVENTS_PER_LEAD}) e
     ORDER BY e.lead_id, e.occurred_at`,
    [leadIds],
  );
  const byLead = new Map<string, LeadEvent[]>();
  for (const raw of rows) {
    const row = EventRow.parse(raw);
    const events = byLead.get(row.lead_id) ?? [];
    events.push(
      LeadEvent.parse({ name: row.name, occurredAt: row.occurred_at, properties: row.properties }),
    );
    byLead.set(row.lead_id, events);
  }
  return byLead;
}

/**
 * `count` leads of the segment drawn without replacement by the order of md5(seed, lead id):
 * random-looking, repeatable for the same seed and data, one indexed scan of the segment.
 */
export async function sampleSegment(
  db: Database,
  workspaceId: string,
  request: SegmentSampleRequest,
  now: number,
): Promise<SegmentSample> {
  const row = await segmentRow(db, workspaceId, request.segmentId);
  const where = membership(row, now);
  const sampled = (
    await runSql(
      db,
      `SELECT l.id, count(*) OVER () AS total FROM leads l
       WHERE l.workspace_id = $1 AND ${where.sql}
       ORDER BY md5($2::text || ':' || l.id::text) LIMIT $3`,
      [workspaceId, request.seed, request.count, ...where.params],
    )
  ).map((r) => SampledRow.parse(r));
  const ids = sampled.map((r) => r.id);
  const records = await loadLeads(db, ids, { lock: false });
  const events = await recentEvents(db, ids);
  const leads: LeadSnapshot[] = [];
  for (const id of ids) {
    const record = records.get(id);
    if (record) leads.push({ ...record.snapshot, events: events.get(id) ?? [] });
  }
  return {
    segmentId: row.id,
    segmentName: row.name,
    total: sampled[0]?.total ?? 0,
    leads,
  };
}
