import { schema } from '@rumbo/db';
import {
  type SegmentCreate,
  type SegmentDetail,
  SegmentRule,
  type SegmentSaved,
  type SegmentSummary,
  type SegmentUpdate,
} from '@rumbo/flow';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { HttpProblem, notFound } from '../../errors/http-problem.ts';
import { type Executor, runSql } from './positional-sql.ts';
import { countRule } from './segment-count.queries.ts';
import { discoverAttributes } from './segment-fields.queries.ts';
import { requireValidRule } from './segment-rule.check.ts';
import { importStaticList } from './static-list.import.ts';

const { segments, listMembers } = schema;
type SegmentRow = typeof segments.$inferSelect;

/** Stored rules are jsonb: read them through the one schema so a bad row is caught here. */
function storedRule(row: SegmentRow): SegmentRule | null {
  if (row.kind === 'static') return null;
  const parsed = SegmentRule.safeParse(row.rule);
  if (!parsed.success) {
    throw new HttpProblem(500, 'internal_error', {
      detail: `the stored rule of segment ${row.id} does not match the rule schema`,
    });
  }
  return parsed.data;
}

async function memberCounts(db: Executor, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ listId: listMembers.listId, count: sql<number>`count(*)::int` })
    .from(listMembers)
    .where(inArray(listMembers.listId, ids))
    .groupBy(listMembers.listId);
  return new Map(rows.map((row) => [row.listId, row.count]));
}

function summary(row: SegmentRow, count: number): SegmentSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    count,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function detail(db: Executor, row: SegmentRow, now: number): Promise<SegmentDetail> {
  const rule = storedRule(row);
  const count =
    rule === null
      ? ((await memberCounts(db, [row.id])).get(row.id) ?? 0)
      : await countRule(db, row.workspaceId, rule, now);
  return { ...summary(row, count), rule };
}

/** Segments of the workspace, most recently changed first, each with a live count. */
export async function listSegments(
  db: Database,
  workspaceId: string,
  now: number,
): Promise<SegmentSummary[]> {
  const rows = await db
    .select()
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), isNull(segments.archivedAt)))
    .orderBy(desc(segments.updatedAt), segments.name);
  const members = await memberCounts(
    db,
    rows.filter((row) => row.kind === 'static').map((row) => row.id),
  );
  const items: SegmentSummary[] = [];
  for (const row of rows) {
    const rule = storedRule(row);
    const count =
      rule === null ? (members.get(row.id) ?? 0) : await countRule(db, workspaceId, rule, now);
    items.push(summary(row, count));
  }
  return items;
}

async function findRow(db: Executor, workspaceId: string, id: string): Promise<SegmentRow> {
  const [row] = await db
    .select()
    .from(segments)
    .where(
      and(eq(segments.workspaceId, workspaceId), eq(segments.id, id), isNull(segments.archivedAt)),
    )
    .limit(1);
  if (row === undefined) throw notFound('segment', id);
  return row;
}

export async function getSegment(
  db: Database,
  workspaceId: string,
  id: string,
  now: number,
): Promise<SegmentDetail> {
  return detail(db, await findRow(db, workspaceId, id), now);
}

/** Creates a filter (rule checked first) or a static list (members imported in the same transaction). */
export async function createSegment(
  db: Database,
  workspaceId: string,
  input: SegmentCreate,
  now: number,
): Promise<SegmentSaved> {
  if (input.kind === 'filter') {
    const { rule } = requireValidRule(input.rule, await discoverAttributes(db, workspaceId));
    const [row] = await db
      .insert(segments)
      .values({
        workspaceId,
        name: input.name,
        description: input.description,
        kind: 'filter',
        rule,
      })
      .returning();
    if (row === undefined) throw new Error('insert returned no row');
    return { segment: await detail(db, row, now), report: null };
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(segments)
      .values({
        workspaceId,
        name: input.name,
        description: input.description,
        kind: 'static',
        rule: null,
      })
      .returning();
    if (row === undefined) throw new Error('insert returned no row');
    const report = await importStaticList(tx, workspaceId, row.id, input.source.text);
    return { segment: await detail(tx, row, now), report };
  });
}

function refuse(path: string, message: string): HttpProblem {
  return new HttpProblem(400, 'validation_failed', {
    detail: message,
    issues: [{ location: 'body', path: [path], code: 'not_allowed', message }],
  });
}

/** Renames, re-describes, replaces a filter's rule or a list's members (all or nothing). */
export async function updateSegment(
  db: Database,
  workspaceId: string,
  id: string,
  input: SegmentUpdate,
  now: number,
): Promise<SegmentSaved> {
  const row = await findRow(db, workspaceId, id);
  if (row.kind === 'static' && input.rule !== undefined) {
    throw refuse('rule', 'a static list has no rule; send `source` to replace its members');
  }
  if (row.kind === 'filter' && input.source !== undefined) {
    throw refuse('source', 'a filter segment has no members to import; send `rule`');
  }
  const rule =
    input.rule === undefined
      ? undefined
      : requireValidRule(input.rule, await discoverAttributes(db, workspaceId)).rule;
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(segments)
      .set({
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.description === undefined ? {} : { description: input.description }),
        ...(rule === undefined ? {} : { rule }),
        updatedAt: sql`now()`,
      })
      .where(eq(segments.id, row.id))
      .returning();
    if (updated === undefined) throw notFound('segment', id);
    let report = null;
    if (input.source !== undefined) {
      await tx.delete(listMembers).where(eq(listMembers.listId, row.id));
      report = await importStaticList(tx, workspaceId, row.id, input.source.text);
    }
    return { segment: await detail(tx, updated, now), report };
  });
}

const UsedBy = z.object({ code: z.string(), name: z.string() });

/** Campaigns (not archived) whose draft or a published version enters leads from the segment. */
async function campaignsUsing(db: Executor, workspaceId: string, id: string) {
  const probe = JSON.stringify([
    { type: 'entry', config: { sources: [{ kind: 'segment', segmentId: id }] } },
  ]);
  const rows = await runSql(
    db,
    `SELECT c.code, c.name FROM campaigns c
     WHERE c.workspace_id = $1 AND c.archived_at IS NULL
       AND (c.draft->'nodes' @> $2::jsonb
            OR EXISTS (SELECT 1 FROM campaign_versions v
                       WHERE v.campaign_id = c.id AND v.document->'nodes' @> $2::jsonb))
     ORDER BY c.code`,
    [workspaceId, probe],
  );
  return rows.map((row) => UsedBy.parse(row));
}

/** Archives the segment; refused with 409 while a campaign's entry node uses it. */
export async function deleteSegment(db: Database, workspaceId: string, id: string): Promise<void> {
  const row = await findRow(db, workspaceId, id);
  const users = await campaignsUsing(db, workspaceId, row.id);
  if (users.length > 0) {
    const names = users.map((c) => `${c.code} (${c.name})`).join(', ');
    throw new HttpProblem(409, 'conflict', {
      detail: `segment "${row.name}" is the entry of campaign(s) ${names}; remove it from their entry node first`,
      issues: users.map((c) => ({
        path: ['campaigns', c.code],
        code: 'segment_in_use',
        message: `used by the entry node of campaign ${c.code}`,
      })),
    });
  }
  await db
    .update(segments)
    .set({ archivedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(segments.id, row.id));
}
