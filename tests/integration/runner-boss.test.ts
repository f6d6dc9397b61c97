import type { Db } from '@rumbo/db';
import { createBoss, enrollFromSegments, type RunningRunner, startRunner } from '@rumbo/runner';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  createCampaign,
  expectCountsAddUp,
  flow,
  nodeCounts,
  publishAndLaunch,
  seedLeads,
  seedWorkspace,
  staticList,
} from './runner-fixtures.ts';

let t: TestDatabase;
let db: Db;
let pool: pg.Pool;
let boss: ReturnType<typeof createBoss>;
let runner: RunningRunner;

const LEADS = 2_500;

beforeAll(async () => {
  t = await createTestDatabase('runner-boss');
  db = t.db;
  pool = t.pool;
  boss = createBoss(t.url);
  boss.on('error', () => undefined);
  await boss.start();
  // The ticker is driven by hand (tick()) so the job count below is the runner's own doing.
  runner = await startRunner({ pool, db, boss, tickMs: 60_000 });
});
afterAll(async () => {
  await runner?.stop();
  await boss?.stop({ graceful: false });
  await t.close();
});

async function settled(campaignId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await pool.query<{ live: string }>(
      `SELECT count(*) AS live FROM enrollments WHERE campaign_id = $1 AND status IN ('active', 'waiting')`,
      [campaignId],
    );
    if (Number(rows[0]?.live) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('leads still in the flow');
}

describe('runner on pg-boss', () => {
  it('moves every lead to its end through node jobs, at most one job per node per 1,000 leads', async () => {
    const workspaceId = await seedWorkspace(db);
    await seedLeads(pool, workspaceId, LEADS);
    const listId = await staticList(pool, workspaceId);
    const document = flow(
      [
        { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
        { id: 'tag', type: 'update', config: { addTags: ['seen'] } },
        { id: 'br', type: 'branch' },
        { id: 'won', type: 'goal', config: { value: 2 } },
        { id: 'out', type: 'exit' },
      ],
      [
        { id: 'a', source: 'in', target: 'tag', trigger: { kind: 'auto' } },
        { id: 'b', source: 'tag', target: 'br', trigger: { kind: 'auto' } },
        {
          id: 'c',
          source: 'br',
          target: 'won',
          trigger: {
            kind: 'condition',
            order: 0,
            rule: {
              kind: 'attribute',
              path: 'n',
              type: 'number',
              test: { op: 'lte', value: 1000 },
            },
          },
        },
        { id: 'e', source: 'br', target: 'out', trigger: { kind: 'else' } },
      ],
    );
    const campaignId = await createCampaign(db, workspaceId, document);
    const version = await publishAndLaunch(db, campaignId);
    await enrollFromSegments(db, { campaignId, version });
    expect(await runner.tick()).toBeGreaterThan(0);
    await settled(campaignId, 100_000);
    await expectCountsAddUp(pool, campaignId);
    const counts = await nodeCounts(pool, campaignId);
    expect(Number(counts.won?.converted)).toBe(1000);
    expect(Number(counts.out?.ended)).toBe(1500);
    const { rows } = await pool.query<{ node: string; jobs: string }>(
      `SELECT data->>'nodeId' AS node, count(*) AS jobs FROM pgboss.job WHERE name = 'rumbo-node'
       AND data->>'campaignId' = $1 GROUP BY 1`,
      [campaignId],
    );
    for (const row of rows) expect(Number(row.jobs)).toBeLessThanOrEqual(Math.ceil(LEADS / 1000));
    const { rows: twice } = await pool.query(
      `SELECT enrollment_id, node_id FROM steps WHERE campaign_id = $1 GROUP BY 1, 2 HAVING count(*) > 1`,
      [campaignId],
    );
    expect(twice).toEqual([]);
  }, 120_000);
});
