import type { NodeLeadPage, NodeLeadRow, NodeLeadState, NodeLeadsQuery } from '@rumbo/flow';
import { EnrollmentState } from '@rumbo/flow';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { HttpProblem, notFound } from '../../errors/http-problem.ts';
import { type Executor, runSql } from '../segments/positional-sql.ts';

/** Enrollment statuses behind each list of a node's drill-down. */
const STATUSES: Record<NodeLeadState, readonly string[]> = {
  live: ['active', 'waiting'],
  ended: ['completed', 'converted', 'exited', 'removed'],
  failed: ['failed'],
};

const Instant = z.union([z.date(), z.string()]).transform((v) => new Date(v).toISOString());

export const ENROLLMENT_COLUMNS = `e.id, e.lead_id, e.lead_key, l.name, l.email, e.version,
  e.status, e.entered_node_at, e.due_at, e.waiting_for->'signals' AS signals, e.ended_at, e.error,
  e.entry_number, e.node_id,
  (e.status = 'active' AND e.due_at IS NULL AND COALESCE(e.waiting_for ? 'operator', false)) AS held`;

export const EnrollmentRow = z.object({
  id: z.string(),
  lead_id: z.string(),
  lead_key: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  version: z.number(),
  status: EnrollmentState,
  entered_node_at: Instant,
  due_at: Instant.nullable(),
  signals: z.array(z.string()).nullable(),
  ended_at: Instant.nullable(),
  error: z.string().nullable(),
  entry_number: z.number(),
  node_id: z.string(),
  held: z.boolean(),
});
export type EnrollmentRow = z.infer<typeof EnrollmentRow>;

export function toNodeLeadRow(r: EnrollmentRow): NodeLeadRow {
  return {
    enrollmentId: r.id,
    leadId: r.lead_id,
    leadKey: r.lead_key,
    name: r.name,
    email: r.email,
    version: r.version,
    status: r.status,
    enteredNodeAt: r.entered_node_at,
    dueAt: r.due_at,
    waitingFor: r.status === 'waiting' ? (r.signals ?? []) : [],
    endedAt: r.ended_at,
    error: r.error,
    held: r.held,
  };
}

const badCursor = () =>
  new HttpProblem(400, 'validation_failed', {
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

const CursorValue = z.tuple([z.string().min(1), z.number().int().min(1)]);

function encodeCursor(leadKey: string, entryNumber: number): string {
  return Buffer.from(JSON.stringify([leadKey, entryNumber]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): [string, number] {
  try {
    const parsed = CursorValue.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString()));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: the same answer as any other cursor we did not hand out.
  }
  throw badCursor();
}

/** 404 unless some published version of the campaign (in this workspace) has the node. */
export async function assertCampaignNode(
  db: Executor,
  workspaceId: string,
  campaignId: string,
  nodeId: string,
): Promise<void> {
  const [row] = await runSql(
    db,
    `SELECT EXISTS (SELECT 1 FROM campaign_versions v WHERE v.campaign_id = c.id
       AND v.document->'nodes' @> jsonb_build_array(jsonb_build_object('id', $3::text))) AS has_node
     FROM campaigns c WHERE c.id = $1 AND c.workspace_id = $2`,
    [campaignId, workspaceId, nodeId],
  );
  if (row === undefined) throw notFound('campaign', campaignId);
  if (row.has_node !== true) throw notFound('node', nodeId);
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of a node's leads, ordered by lead key (keyset: the campaign's unique
 * (lead key, entry) index walks in that order, so a page never sorts the whole node).
 */
export async function nodeLeads(
  db: Database,
  workspaceId: string,
  campaignId: string,
  nodeId: string,
  query: NodeLeadsQuery,
): Promise<NodeLeadPage> {
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  await assertCampaignNode(db, workspaceId, campaignId, nodeId);
  const q = query.q === undefined || query.q === '' ? null : likePattern(query.q);
  const rows = await runSql(
    db,
    `SELECT ${ENROLLMENT_COLUMNS}
     FROM enrollments e JOIN leads l ON l.id = e.lead_id
     WHERE e.campaign_id = $1 AND e.node_id = $2 AND e.status = ANY($3::text[]) AND NOT e.is_control
       AND ($4::int IS NULL OR e.version = $4::int)
       AND ($5::text IS NULL OR e.lead_key ILIKE $5 OR l.name ILIKE $5 OR l.email ILIKE $5)
       AND ($6::text IS NULL OR (e.lead_key, e.entry_number) > ($6::text, $7::int))
     ORDER BY e.lead_key, e.entry_number
     LIMIT $8`,
    [
      campaignId,
      nodeId,
      STATUSES[query.state],
      query.version ?? null,
      q,
      after?.[0] ?? null,
      after?.[1] ?? null,
      query.limit + 1,
    ],
  );
  const parsed = rows.map((raw) => EnrollmentRow.parse(raw));
  const page = parsed.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toNodeLeadRow),
    nextCursor:
      parsed.length > query.limit && last ? encodeCursor(last.lead_key, last.entry_number) : null,
  };
}
