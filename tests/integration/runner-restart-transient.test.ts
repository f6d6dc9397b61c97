import type { Db } from '@rumbo/db';
import { drainNode, enrollLead, processOneIsolated } from '@rumbo/runner';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  createCampaign,
  expectCountsAddUp,
  flow,
  publishAndLaunch,
  runUntilQuiet,
  seedLeads,
  seedWorkspace,
} from './runner-fixtures.ts';
import { until } from './runner-worker-processes.ts';

/**
 * A batch that fails is retried one enrollment at a time, and the one that still fails is
 * marked `failed` (bad data must not block its node). A deadlock is not bad data: the lead
 * must stay where it is, due, and move on the next try (DESIGN §5, no stuck or wrongly failed
 * leads; a restart or a lock cycle is an outage, not the lead's fault).
 */

let t: TestDatabase;
let db: Db;

beforeAll(async () => {
  t = await createTestDatabase('runner-restart-transient');
  db = t.db;
});
afterAll(async () => {
  await t.close();
});

describe('isolated retry after a transient failure', () => {
  it('a deadlock while updating the lead leaves the journey due at its node, not failed', async () => {
    const { pool } = t;
    const workspaceId = await seedWorkspace(db);
    await seedLeads(pool, workspaceId, 1, 'dl');
    const draft = flow(
      [
        { id: 'in', type: 'entry', config: { sources: [{ kind: 'manual' }] } },
        { id: 'tag', type: 'update', config: { addTags: ['touched'] } },
        { id: 'x', type: 'exit' },
      ],
      [
        { id: 'a', source: 'in', target: 'tag', trigger: { kind: 'auto' } },
        { id: 'b', source: 'tag', target: 'x', trigger: { kind: 'auto' } },
      ],
      { code: 'DEADLOCK', name: 'Deadlock' },
    );
    const campaignId = await createCampaign(db, workspaceId, draft);
    const version = await publishAndLaunch(db, campaignId);
    await enrollLead(db, { campaignId, version, leadKey: 'dl-1' });
    await drainNode(db, { campaignId, version, nodeId: 'in' });
    const { rows: at } = await pool.query<{ id: string; lead_id: string }>(
      `SELECT id, lead_id FROM enrollments WHERE campaign_id = $1 AND node_id = 'tag'`,
      [campaignId],
    );
    const journey = at[0];
    if (!journey) throw new Error('the lead did not reach the update node');

    // Another session holds the lead row, waits for the runner to queue behind it, then asks
    // for the enrollment the runner holds: a lock cycle. Only the runner's session checks for
    // deadlocks in time (this one waits a minute), so the runner's statement is the one aborted.
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query("BEGIN; SET LOCAL deadlock_timeout = '60s'");
      await other.query('UPDATE leads SET name = name WHERE id = $1', [journey.lead_id]);
      const { rows: me } = await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const otherPid = me[0]?.pid;
      const isolated = processOneIsolated(db, { campaignId, version, nodeId: 'tag' }).then(
        (result) => ({ result, error: null }),
        (error: unknown) => ({ result: null, error }),
      );
      await until(
        async () => {
          const { rows } = await pool.query(
            'SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
            [otherPid],
          );
          return rows.length > 0;
        },
        'the runner to wait for the lead row',
        20_000,
        20,
      );
      const cycle = other.query('SELECT 1 FROM enrollments WHERE id = $1 FOR UPDATE', [journey.id]);
      const outcome = await isolated;
      await cycle;
      await other.query('COMMIT');
      expect(outcome.result).toBeNull();
      // drizzle wraps pg's error; PostgreSQL's code says deadlock.
      const cause = outcome.error instanceof Error ? outcome.error.cause : outcome.error;
      expect(cause).toMatchObject({ code: '40P01' });
    } finally {
      await other.end();
    }

    const { rows: after } = await pool.query(
      'SELECT node_id, status, error FROM enrollments WHERE id = $1',
      [journey.id],
    );
    expect(after).toEqual([{ node_id: 'tag', status: 'active', error: null }]);
    await runUntilQuiet(db, pool, campaignId, version);
    const { rows: done } = await pool.query(
      'SELECT node_id, status FROM enrollments WHERE id = $1',
      [journey.id],
    );
    expect(done).toEqual([{ node_id: 'x', status: 'exited' }]);
    await expectCountsAddUp(pool, campaignId);
  }, 60_000);
});
