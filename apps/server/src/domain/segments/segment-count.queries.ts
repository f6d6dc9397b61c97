import { compileSegmentSql, type LeadSample, type SegmentRule } from '@rumbo/flow';
import { z } from 'zod';
import { type Executor, runSql } from './positional-sql.ts';

const SAMPLE_SIZE = 20;

/**
 * The WHERE fragment of a rule for `leads l`, placeholders after the workspace id ($1). Counts
 * and samples read the whole workspace, so counted event rules are grouped once (`scan`) and
 * "has an event" rules read the workspace's events once (`workspaceParam`: `$1`).
 */
export function ruleWhere(rule: SegmentRule, now: number): { sql: string; params: unknown[] } {
  return compileSegmentSql(rule, { now, params: { offset: 1 }, scan: true, workspaceParam: 1 });
}

/**
 * How many leads of the workspace a rule selects now. This is the query the benchmark
 * measures; `now` comes from the server so both compilers would agree on relative dates.
 */
export async function countRule(
  db: Executor,
  workspaceId: string,
  rule: SegmentRule,
  now: number,
): Promise<number> {
  const where = ruleWhere(rule, now);
  const rows = await runSql(
    db,
    `SELECT count(*) AS count FROM leads l WHERE l.workspace_id = $1 AND ${where.sql}`,
    [workspaceId, ...where.params],
  );
  return z.coerce.number().parse(rows[0]?.count ?? 0);
}

export const LeadSampleRow = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  stage: z.enum(['prospect', 'lead', 'opportunity', 'customer', 'inactive']),
  city: z.string().nullable(),
  country: z.string().nullable(),
});

/** The columns the sample table and the leads list show, from `leads l`. */
export const LEAD_SAMPLE_COLUMNS = `l.id, l.external_key AS key, l.name, l.email, l.phone, l.stage,
  CASE WHEN jsonb_typeof(l.attributes->'city') = 'string' THEN l.attributes->>'city' END AS city,
  CASE WHEN jsonb_typeof(l.attributes->'countryName') = 'string' THEN l.attributes->>'countryName'
       WHEN jsonb_typeof(l.attributes->'country') = 'string' THEN l.attributes->>'country' END AS country`;

/**
 * How many leads (by key) the sample looks at first. A rule matching one lead in a thousand or
 * more finds its 20 there, read in key order through the `(workspace_id, external_key)` index,
 * instead of scanning and sorting the whole workspace beside the count.
 */
export const SAMPLE_WINDOW = 20_000;

/**
 * The first matching leads by key, for the builder's sample table. The leads with the lowest
 * keys are tried first: if the window holds a full sample, those are the first matches of the
 * whole workspace too (every lead before them was looked at); otherwise the whole workspace is.
 */
export async function sampleRule(
  db: Executor,
  workspaceId: string,
  rule: SegmentRule,
  now: number,
  window: number = SAMPLE_WINDOW,
): Promise<LeadSample[]> {
  const where = ruleWhere(rule, now);
  const params = [workspaceId, ...where.params];
  const first = await runSql(
    db,
    `SELECT ${LEAD_SAMPLE_COLUMNS}
     FROM (SELECT * FROM leads WHERE workspace_id = $1 ORDER BY external_key
           LIMIT ${Math.max(SAMPLE_SIZE, Math.floor(window))}) l
     WHERE ${where.sql} ORDER BY l.external_key LIMIT ${SAMPLE_SIZE}`,
    params,
  );
  const rows =
    first.length === SAMPLE_SIZE
      ? first
      : await runSql(
          db,
          `SELECT ${LEAD_SAMPLE_COLUMNS} FROM leads l WHERE l.workspace_id = $1 AND ${where.sql}
           ORDER BY l.external_key LIMIT ${SAMPLE_SIZE}`,
          params,
        );
  return rows.map((row) => LeadSampleRow.parse(row));
}
