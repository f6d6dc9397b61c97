import { schema } from '@rumbo/db';
import {
  compileSegmentSql,
  JsonValue,
  type LeadDetail,
  type LeadListQuery,
  type LeadPage,
  type SegmentRule,
} from '@rumbo/flow';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { HttpProblem, notFound } from '../../errors/http-problem.ts';
import { runSql } from '../segments/positional-sql.ts';
import { getSegment } from '../segments/segment.queries.ts';
import { LEAD_SAMPLE_COLUMNS, LeadSampleRow } from '../segments/segment-count.queries.ts';

const { leads, leadEvents, listMembers, segments } = schema;
const RECENT_EVENTS = 50;

/** Search as a rule, so it folds case and accents exactly like segment rules do. */
function searchRule(q: string): SegmentRule {
  const value = q.trim();
  return {
    kind: 'group',
    combinator: 'or',
    not: false,
    rules: (['name', 'email', 'key', 'phone'] as const).map((field) => ({
      kind: 'field',
      field,
      test: { op: 'contains', value },
    })),
  };
}

async function segmentRule(
  db: Database,
  workspaceId: string,
  segmentId: string,
  now: number,
): Promise<SegmentRule> {
  const segment = await getSegment(db, workspaceId, segmentId, now);
  return segment.rule ?? { kind: 'list', listId: segment.id, member: true };
}

/** Cursors are the last key of a page, opaque to clients (base64url). */
const encodeCursor = (key: string) => Buffer.from(key, 'utf8').toString('base64url');
function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (key === '' || encodeCursor(key) !== cursor.replace(/=+$/, '')) {
    throw new HttpProblem(400, 'validation_failed', {
      detail: 'the cursor is not one this API handed out',
      issues: [
        {
          location: 'querystring',
          path: ['cursor'],
          code: 'invalid_cursor',
          message: 'unknown cursor',
        },
      ],
    });
  }
  return key;
}

const LeadListRow = LeadSampleRow.extend({
  tags: z.array(z.string()),
  updated_at: z.union([z.date(), z.string()]),
});

/**
 * One page of the workspace's leads by key (keyset pagination on the unique
 * (workspace_id, external_key) index), optionally searched and limited to a segment.
 */
export async function listLeads(
  db: Database,
  workspaceId: string,
  query: LeadListQuery,
  now: number,
): Promise<LeadPage> {
  const rules: SegmentRule[] = [];
  if (query.q !== undefined && query.q.trim() !== '') rules.push(searchRule(query.q));
  if (query.segmentId !== undefined) {
    rules.push(await segmentRule(db, workspaceId, query.segmentId, now));
  }
  const where = compileSegmentSql(
    { kind: 'group', combinator: 'and', not: false, rules },
    { now, params: { offset: 1 } },
  );
  const params: unknown[] = [workspaceId, ...where.params];
  let after = '';
  if (query.cursor !== undefined) {
    params.push(decodeCursor(query.cursor));
    after = `AND l.external_key > $${params.length}`;
  }
  const rows = await runSql(
    db,
    `SELECT ${LEAD_SAMPLE_COLUMNS}, l.tags, l.updated_at FROM leads l
     WHERE l.workspace_id = $1 AND ${where.sql} ${after}
     ORDER BY l.external_key LIMIT ${query.limit + 1}`,
    params,
  );
  const parsed = rows.map((row) => LeadListRow.parse(row));
  const page = parsed.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ updated_at, ...row }) => ({
      ...row,
      updatedAt: new Date(updated_at).toISOString(),
    })),
    nextCursor: parsed.length > query.limit && last !== undefined ? encodeCursor(last.key) : null,
  };
}

const Attributes = z.record(z.string(), JsonValue);

/** One lead with consent, attributes, static lists and the 50 most recent events. */
export async function getLead(db: Database, workspaceId: string, id: string): Promise<LeadDetail> {
  const [lead] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, id)))
    .limit(1);
  if (lead === undefined) throw notFound('lead', id);
  const lists = await db
    .select({ id: segments.id, name: segments.name })
    .from(listMembers)
    .innerJoin(segments, eq(segments.id, listMembers.listId))
    .where(and(eq(listMembers.leadId, lead.id), isNull(segments.archivedAt)))
    .orderBy(segments.name);
  const events = await db
    .select()
    .from(leadEvents)
    .where(eq(leadEvents.leadId, lead.id))
    .orderBy(desc(leadEvents.occurredAt), desc(leadEvents.id))
    .limit(RECENT_EVENTS);
  return {
    id: lead.id,
    key: lead.externalKey,
    name: lead.name,
    email: lead.email,
    phone: lead.phone,
    locale: lead.locale,
    timeZone: lead.timeZone,
    stage: lead.stage,
    consent: { email: lead.consentEmail, sms: lead.consentSms, call: lead.consentCall },
    attributes: Attributes.parse(lead.attributes),
    tags: lead.tags,
    lists,
    events: events.map((event) => ({
      id: String(event.id),
      name: event.name,
      occurredAt: event.occurredAt.toISOString(),
      properties: Attributes.parse(event.properties),
    })),
    createdAt: lead.createdAt.toISOString(),
    updatedAt: lead.updatedAt.toISOString(),
  };
}
