import type { SegmentRule } from '@rumbo/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SAMPLE_WINDOW,
  sampleRule,
} from '../../apps/server/src/domain/segments/segment-count.queries.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

// The builder's sample (first 20 matching leads by key) looks at the lowest keys first and falls
// back to the whole workspace: whichever way it goes, it must be the same 20 leads as a plain
// ORDER BY external_key over every match.
let database: TestDatabase;
let workspaceId = '';
const LEADS = 300;
const WINDOW = 100;

const tier = (value: string): SegmentRule => ({
  kind: 'attribute',
  path: 'tier',
  type: 'string',
  test: { op: 'eq', value },
});

beforeAll(async () => {
  database = await createTestDatabase('segment-sample');
  const ws = await database.pool.query<{ id: string }>(
    "INSERT INTO workspaces (name) VALUES ('sample') RETURNING id",
  );
  workspaceId = ws.rows[0]?.id ?? '';
  // Keys K-001 … K-300, inserted in reverse so heap order is not key order.
  // gold: every 7th key up to 250 (35 leads, 28 in the first 200 keys); late: only keys above 250;
  // few: 3 leads inside the first 100 keys and 25 after them.
  await database.pool.query(
    `INSERT INTO leads (workspace_id, external_key, name, stage, attributes)
     SELECT $1, 'K-' || lpad(g::text, 3, '0'), 'Lead ' || g, 'lead',
            jsonb_build_object('tier', CASE WHEN g > 250 THEN 'late'
                                            WHEN g % 7 = 0 THEN 'gold'
                                            WHEN g IN (10, 50, 90) OR (g > 120 AND g % 5 = 0) THEN 'few'
                                            ELSE 'plain' END)
     FROM generate_series($2::int, 1, -1) g`,
    [workspaceId, LEADS],
  );
});

afterAll(async () => {
  await database.close();
});

async function expectedKeys(value: string): Promise<string[]> {
  const { rows } = await database.pool.query<{ key: string }>(
    `SELECT external_key AS key FROM leads WHERE workspace_id = $1 AND attributes->>'tier' = $2
     ORDER BY external_key LIMIT 20`,
    [workspaceId, value],
  );
  return rows.map((row) => row.key);
}

async function sampleKeys(value: string, window: number): Promise<string[]> {
  const sample = await sampleRule(database.db, workspaceId, tier(value), Date.now(), window);
  return sample.map((lead) => lead.key);
}

describe('segment sample', () => {
  it('takes the first 20 matches by key from the lowest keys when they hold 20', async () => {
    const expected = await expectedKeys('gold');
    expect(expected).toHaveLength(20);
    expect(await sampleKeys('gold', 200)).toEqual(expected);
  });

  it('falls back to the whole workspace when the lowest keys hold fewer than 20 matches', async () => {
    const few = await expectedKeys('few');
    expect(few.slice(0, 3)).toEqual(['K-010', 'K-050', 'K-090']);
    expect(await sampleKeys('few', WINDOW)).toEqual(few);
    const late = await expectedKeys('late');
    expect(late[0]).toBe('K-251');
    expect(await sampleKeys('late', WINDOW)).toEqual(late);
  });

  it('answers the same with the default window, and nothing for a rule no lead matches', async () => {
    expect(SAMPLE_WINDOW).toBeGreaterThan(LEADS);
    expect(await sampleKeys('gold', SAMPLE_WINDOW)).toEqual(await expectedKeys('gold'));
    expect(await sampleKeys('nobody', WINDOW)).toEqual([]);
  });
});
