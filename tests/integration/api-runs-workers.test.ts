import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { enrollFromSegments, findStuckEnrollments } from '@rumbo/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer } from '../support/app.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { emailFlow } from './api-runs-fixtures.ts';
import {
  createCampaign,
  expectCountsAddUp,
  flow,
  nodeCounts,
  publishAndLaunch,
  seedLeads,
  seedWorkspace,
  staticList,
  transitionCounts,
} from './runner-fixtures.ts';
import {
  describeRun,
  spawnWorker,
  stopWorker,
  until as untilHolds,
  waitReady,
} from './runner-worker-processes.ts';

/**
 * `rumbo worker` processes on one database share a campaign's work: every lead gets its email
 * exactly once, no step is taken twice, and they stop cleanly on SIGTERM.
 */

let database: TestDatabase;
const children: ChildProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase('api-runs-workers');
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await database?.close();
});

function startWorker(): { child: ChildProcess; output: () => string } {
  const child = spawnServer(['worker'], { DATABASE_URL: database.url, LOG_LEVEL: 'info' });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('rumbo worker', () => {
  it('two workers bring 400 leads to the email with one message each, then stop on SIGTERM', async () => {
    const workers = [startWorker(), startWorker()];
    for (const worker of workers) {
      await until(async () => worker.output().includes('worker ready'), 'worker ready');
    }

    const workspaceId = await seedWorkspace(database.db);
    await seedLeads(database.pool, workspaceId, 400);
    const listId = await staticList(database.pool, workspaceId);
    const campaignId = await createCampaign(database.db, workspaceId, emailFlow('WRK1', listId));
    const version = await publishAndLaunch(database.db, campaignId);
    expect(await enrollFromSegments(database.db, { campaignId, version })).toMatchObject({
      enrolled: 400,
    });

    const acted = async () => {
      const { rows } = await database.pool.query<{ acted: string }>(
        `SELECT acted FROM node_counters WHERE campaign_id = $1 AND node_id = 'mail'`,
        [campaignId],
      );
      return Number(rows[0]?.acted ?? 0);
    };
    await until(async () => (await acted()) >= 400, 'every lead at the email');
    const { rows } = await database.pool.query<{ messages: string; leads: string }>(
      `SELECT count(*) AS messages, count(DISTINCT lead_id) AS leads
       FROM outbox_messages WHERE campaign_id = $1`,
      [campaignId],
    );
    expect(rows[0]).toEqual({ messages: '400', leads: '400' });
    expect(await acted()).toBe(400);
    await expectCountsAddUp(database.pool, campaignId);

    for (const { child } of workers) child.kill('SIGTERM');
    for (const { child, output } of workers) {
      const [code] = child.exitCode === null ? await once(child, 'exit') : [child.exitCode];
      expect(code).toBe(0);
      expect(output()).toContain('runner stopped');
    }
  }, 120_000);

  it('three workers take 10,000 leads through four nodes with no step twice', async () => {
    const workers = [1, 2, 3].map((n) => spawnWorker(database.url, `scale-worker-${n}`));
    for (const worker of workers) children.push(worker.child);
    for (const worker of workers) await waitReady(worker, 120_000);

    const { db, pool } = database;
    const workspaceId = await seedWorkspace(db);
    await seedLeads(pool, workspaceId, 10_000, 'big');
    const listId = await staticList(pool, workspaceId, 'Big');
    const draft = flow(
      [
        { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
        { id: 'tag', type: 'update', config: { addTags: ['scaled'] } },
        { id: 'mail', type: 'email', config: { subject: 'Hola {{ lead.name }}', body: 'Hola' } },
        { id: 'done', type: 'exit' },
      ],
      [
        { id: 'a', source: 'in', target: 'tag', trigger: { kind: 'auto' } },
        { id: 'b', source: 'tag', target: 'mail', trigger: { kind: 'auto' } },
        {
          id: 'c',
          source: 'mail',
          target: 'done',
          trigger: { kind: 'timeout', amount: 0, unit: 'minutes' },
        },
      ],
      { code: 'WRK3', name: 'Three workers', mode: 'test' },
    );
    const campaignId = await createCampaign(db, workspaceId, draft);
    const version = await publishAndLaunch(db, campaignId);
    expect(await enrollFromSegments(db, { campaignId, version })).toMatchObject({
      enrolled: 10_000,
    });

    await untilHolds(
      async () => {
        const { rows } = await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM enrollments WHERE campaign_id = $1 AND status = 'exited'`,
          [campaignId],
        );
        return rows[0]?.n === '10000';
      },
      'all 10,000 leads at the exit',
      240_000,
      250,
    ).catch(async (error: unknown) => {
      throw new Error(`${String(error)}\n${await describeRun(pool, campaignId, workers)}`);
    });
    const { rows: repeated } = await pool.query(
      `SELECT enrollment_id, node_id, count(*) FROM steps WHERE campaign_id = $1
       GROUP BY 1, 2 HAVING count(*) > 1 LIMIT 5`,
      [campaignId],
    );
    expect(repeated).toEqual([]);
    const { rows: steps } = await pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM steps WHERE campaign_id = $1',
      [campaignId],
    );
    expect(steps[0]?.n).toBe('40000');
    const { rows: outbox } = await pool.query<{ messages: string; leads: string }>(
      `SELECT count(*) AS messages, count(DISTINCT lead_id) AS leads
       FROM outbox_messages WHERE campaign_id = $1`,
      [campaignId],
    );
    expect(outbox[0]).toEqual({ messages: '10000', leads: '10000' });
    await expectCountsAddUp(pool, campaignId);
    const counts = await nodeCounts(pool, campaignId);
    expect(['in', 'tag', 'mail', 'done'].map((n) => Number(counts[n]?.entered))).toEqual([
      10_000, 10_000, 10_000, 10_000,
    ]);
    expect(await transitionCounts(pool, campaignId)).toEqual({ a: 10_000, b: 10_000, c: 10_000 });
    expect(await findStuckEnrollments(db, { campaignId })).toEqual([]);
    for (const worker of workers) expect(await stopWorker(worker)).toBe(0);
  }, 420_000);
});
