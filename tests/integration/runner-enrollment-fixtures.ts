import type pg from 'pg';
import { flow } from './runner-fixtures.ts';

// Shared set-up of the enrollment tests: an entry → exit flow, leads, a filter segment.

type Source = Record<string, unknown>;

export const entryFlow = (
  code: string,
  sources: Source[],
  settings: Record<string, unknown> = {},
) =>
  flow(
    [
      { id: 'in', type: 'entry', config: { sources } },
      { id: 'x', type: 'exit' },
    ],
    [{ id: 'a', source: 'in', target: 'x', trigger: { kind: 'auto' } }],
    { code, name: code, ...settings },
  );

export async function addLead(
  pool: pg.Pool,
  workspaceId: string,
  key: string,
  extra: Record<string, unknown> = {},
) {
  const { stage = 'lead', timeZone = 'UTC', attributes = {} } = extra;
  await pool.query(
    `INSERT INTO leads (workspace_id, external_key, name, stage, time_zone, attributes)
     VALUES ($1, $2, $2, $3, $4, $5)`,
    [workspaceId, key, stage, timeZone, JSON.stringify(attributes)],
  );
}

export async function customers(pool: pg.Pool, workspaceId: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO segments (workspace_id, name, kind, rule)
     VALUES ($1, 'Customers', 'filter', $2) RETURNING id`,
    [workspaceId, JSON.stringify({ kind: 'stage', in: ['customer'] })],
  );
  return rows[0]?.id ?? '';
}

/** Lead key → entry numbers of its journeys, in order. */
export async function journeys(
  pool: pg.Pool,
  campaignId: string,
): Promise<Record<string, number[]>> {
  const { rows } = await pool.query<{ lead_key: string; entries: number[] }>(
    `SELECT lead_key, array_agg(entry_number ORDER BY entry_number) AS entries
     FROM enrollments WHERE campaign_id = $1 GROUP BY lead_key ORDER BY lead_key`,
    [campaignId],
  );
  return Object.fromEntries(rows.map((r) => [r.lead_key, r.entries]));
}
