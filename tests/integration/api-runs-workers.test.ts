import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { enrollFromSegments } from '@rumbo/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer } from '../support/app.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { emailFlow } from './api-runs-fixtures.ts';
import {
  createCampaign,
  expectCountsAddUp,
  publishAndLaunch,
  seedLeads,
  seedWorkspace,
  staticList,
} from './runner-fixtures.ts';

/**
 * Two `rumbo worker` processes on one database share a campaign's work: every lead gets its
 * email exactly once, and both stop cleanly on SIGTERM.
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
});
