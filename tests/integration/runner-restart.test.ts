import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDb,
  type DbHandle,
  type EmbeddedPostgres,
  runMigrations,
  startEmbeddedPostgres,
} from '@rumbo/db';
import { enrollFromSegments, findStuckEnrollments } from '@rumbo/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCampaign,
  expectCountsAddUp,
  flow,
  publishAndLaunch,
  seedLeads,
  seedWorkspace,
  staticList,
} from './runner-fixtures.ts';
import {
  describeRun,
  spawnWorker,
  stopWorker,
  until,
  type WorkerProcess,
  waitReady,
} from './runner-worker-processes.ts';

/**
 * PostgreSQL restarted under load (DESIGN §5, no stuck leads): two `rumbo worker` processes are
 * moving leads when the database goes away and comes back on the same port. Without anyone
 * touching them, they reconnect (their pools and pg-boss) and finish every journey, each step
 * once. The test runs its own embedded PostgreSQL: the run's shared server is never stopped.
 */

const LEADS = 8_000;

let dir: string;
let postgres: EmbeddedPostgres;
let handle: DbHandle;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rumbo-restart-pg-'));
  // PostgreSQL runs as the `postgres` user when tests run as root: it must enter the dir.
  await chmod(dir, 0o755);
  postgres = await startEmbeddedPostgres({ dataDir: join(dir, 'pgdata') });
  handle = createDb(postgres.url, { applicationName: 'rumbo-test-restart' });
  await runMigrations(handle.pool);
}, 120_000);

afterAll(async () => {
  for (const worker of workers) await stopWorker(worker, 'SIGKILL');
  await handle?.close();
  await postgres?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A query that may meet the database down: false instead of an error. */
async function holds(check: () => Promise<boolean>): Promise<boolean> {
  try {
    return await check();
  } catch {
    return false;
  }
}

describe('PostgreSQL restarted under load', () => {
  it('the workers reconnect on their own and every lead finishes, each step once', async () => {
    const { db, pool } = handle;
    for (const n of [1, 2]) workers.push(spawnWorker(postgres.url, `restart-worker-${n}`));
    for (const worker of workers) await waitReady(worker, 120_000);

    const workspaceId = await seedWorkspace(db);
    await seedLeads(pool, workspaceId, LEADS);
    const listId = await staticList(pool, workspaceId);
    const draft = flow(
      [
        { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
        { id: 'tag', type: 'update', config: { addTags: ['restarted'] } },
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
      { code: 'RESTART', name: 'Restart', mode: 'test' },
    );
    const campaignId = await createCampaign(db, workspaceId, draft);
    const version = await publishAndLaunch(db, campaignId);
    await enrollFromSegments(db, { campaignId, version });

    const count = async (sql: string) => {
      const { rows } = await pool.query<{ n: string }>(sql, [campaignId]);
      return Number(rows[0]?.n ?? 0);
    };
    const live = () =>
      count(
        `SELECT count(*) AS n FROM enrollments WHERE campaign_id = $1 AND status IN ('active', 'waiting')`,
      );
    // Under load: the first batches have committed, most of the leads are still on their way.
    await until(
      async () => (await count('SELECT count(*) AS n FROM steps WHERE campaign_id = $1')) > 0,
      'the first committed batch',
      60_000,
      20,
    );
    const before = await live();
    expect(before).toBeGreaterThan(0);

    await postgres.stop();
    // Down until both workers have noticed (their log says a query or pg-boss failed).
    const noticed = (w: WorkerProcess) => /"level":50/.test(w.output());
    await until(() => workers.every(noticed), 'both workers to notice the outage', 60_000).catch(
      (error: unknown) => {
        const tails = workers.map(
          (w) => `${w.name} (exit ${w.child.exitCode}):\n${w.output().slice(-3000)}`,
        );
        throw new Error(`${String(error)}\n${tails.join('\n')}`);
      },
    );
    postgres = await startEmbeddedPostgres({ dataDir: join(dir, 'pgdata'), port: postgres.port });

    await until(
      () => holds(async () => (await live()) === 0),
      'every lead at the end',
      120_000,
      250,
    ).catch(async (error: unknown) => {
      throw new Error(`${String(error)}\n${await describeRun(pool, campaignId, workers)}`);
    });
    for (const worker of workers) expect(worker.child.exitCode).toBeNull();

    const { rows: repeated } = await pool.query(
      `SELECT enrollment_id, node_id, count(*) FROM steps WHERE campaign_id = $1
       GROUP BY 1, 2 HAVING count(*) > 1 LIMIT 5`,
      [campaignId],
    );
    expect(repeated).toEqual([]);
    expect(await count('SELECT count(*) AS n FROM steps WHERE campaign_id = $1')).toBe(4 * LEADS);
    expect(
      await count(
        `SELECT count(*) AS n FROM enrollments WHERE campaign_id = $1 AND status = 'exited'`,
      ),
    ).toBe(LEADS);
    expect(
      await count(
        'SELECT count(DISTINCT lead_id) AS n FROM outbox_messages WHERE campaign_id = $1',
      ),
    ).toBe(LEADS);
    expect(await count('SELECT count(*) AS n FROM outbox_messages WHERE campaign_id = $1')).toBe(
      LEADS,
    );
    await expectCountsAddUp(pool, campaignId);
    expect(await findStuckEnrollments(db, { campaignId })).toEqual([]);

    for (const worker of workers) expect(await stopWorker(worker)).toBe(0);
  }, 400_000);
});
