import { enrollFromSegments, findStuckEnrollments } from '@rumbo/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  createCampaign,
  expectCountsAddUp,
  flow,
  nodeCounts,
  publishAndLaunch,
  seedWorkspace,
  transitionCounts,
} from './runner-fixtures.ts';
import {
  describeRun,
  spawnWorker,
  stopWorker,
  until,
  type WorkerProcess,
  waitReady,
  workersInBatch,
} from './runner-worker-processes.ts';

/**
 * Crash safety (DESIGN §5 "exactly once, honestly"): `rumbo worker` processes are killed with
 * SIGKILL while one of their node batches holds its claim, over and over, and replaced. Every
 * lead still walks every node once: no step lost, none written twice, no message sent twice,
 * nobody stuck, counters equal to the rows.
 */

const KILLS = 20;
const WAVE = 1_500;
const NODES = ['in', 'tag', 'mail', 'done'] as const;

let database: TestDatabase;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase('runner-soak');
});

afterAll(async () => {
  for (const worker of workers) await stopWorker(worker, 'SIGKILL');
  await database?.close();
});

function soakFlow(listId: string) {
  return flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      { id: 'tag', type: 'update', config: { addTags: ['soak'], setAttributes: { soaked: true } } },
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
    { code: 'SOAK', name: 'Soak', mode: 'test' },
  );
}

describe('kill -9 of workers in the middle of batches', () => {
  it(`loses, repeats and strands no step over ${KILLS} kills mid-batch`, async () => {
    const { pool, db } = database;
    const workspaceId = await seedWorkspace(db);
    const { rows: lists } = await pool.query<{ id: string }>(
      `INSERT INTO segments (workspace_id, name, kind) VALUES ($1, 'Soak', 'static') RETURNING id`,
      [workspaceId],
    );
    const listId = lists[0]?.id ?? '';
    const campaignId = await createCampaign(db, workspaceId, soakFlow(listId));
    const version = await publishAndLaunch(db, campaignId);

    let waves = 0;
    // A wave of new leads joins the list and is enrolled, so the workers always have batches.
    const addWave = async () => {
      waves++;
      await pool.query(
        `WITH l AS (
           INSERT INTO leads (workspace_id, external_key, name, email, stage, consent_email)
           SELECT $1, 'w' || $2 || '-' || i, 'Lead ' || i, 'w' || $2 || '-' || i || '@example.com',
                  'lead', true
           FROM generate_series(1, $3::int) AS i RETURNING id)
         INSERT INTO list_members (list_id, lead_id) SELECT $4, id FROM l`,
        [workspaceId, waves, WAVE, listId],
      );
      await enrollFromSegments(db, { campaignId, version });
    };
    const live = async () => {
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM enrollments WHERE campaign_id = $1 AND status IN ('active', 'waiting')`,
        [campaignId],
      );
      return Number(rows[0]?.n ?? 0);
    };

    // Moves the workers committed: arrivals past the entry (counters move with the steps).
    const stepCount = async () => {
      const { rows } = await pool.query<{ n: string }>(
        `SELECT coalesce(sum(entered), 0) AS n FROM node_counters
         WHERE campaign_id = $1 AND node_id <> 'in'`,
        [campaignId],
      );
      return Number(rows[0]?.n ?? 0);
    };
    await addWave();
    let spawned = 0;
    const spawn = () => {
      const worker = spawnWorker(database.url, `soak-worker-${++spawned}`);
      workers.push(worker);
      return worker;
    };
    const slots: WorkerProcess[] = [];
    slots.push(spawn(), spawn(), spawn(), spawn());
    for (const worker of slots) await waitReady(worker, 120_000);

    // Each round waits for the work to move on since the last kill (a batch committed), then
    // kills whichever worker is first seen inside a batch, so a replacement still starting up
    // never holds the test back while the others work.
    let committed = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      let victim: WorkerProcess | undefined;
      await until(
        async () => {
          for (const worker of slots) {
            if (worker.child.exitCode !== null) {
              throw new Error(`${worker.name} exited on its own:\n${worker.output()}`);
            }
          }
          if ((await live()) < 300) await addWave();
          const now = await stepCount();
          if (now <= committed) return false;
          const busy = await workersInBatch(
            pool,
            slots.map((w) => w.name),
          );
          victim = slots.find((w) => busy.includes(w.name));
          return victim !== undefined;
        },
        'a worker inside a node batch',
        120_000,
        5,
      ).catch(async (error: unknown) => {
        throw new Error(
          `${String(error)} after ${kill} kills; ${await describeRun(pool, campaignId, slots)}`,
        );
      });
      if (!victim) throw new Error('no victim');
      await stopWorker(victim, 'SIGKILL');
      committed = await stepCount();
      slots[slots.indexOf(victim)] = spawn();
    }
    for (const worker of slots) await waitReady(worker, 120_000);

    await until(async () => (await live()) === 0, 'every lead at the end', 120_000, 200);

    const leads = waves * WAVE;
    const { rows: statuses } = await pool.query<{ status: string; node_id: string; n: string }>(
      'SELECT status, node_id, count(*) AS n FROM enrollments WHERE campaign_id = $1 GROUP BY 1, 2',
      [campaignId],
    );
    expect(statuses).toEqual([{ status: 'exited', node_id: 'done', n: String(leads) }]);

    const { rows: repeated } = await pool.query(
      `SELECT enrollment_id, node_id, count(*) FROM steps WHERE campaign_id = $1
       GROUP BY 1, 2 HAVING count(*) > 1 LIMIT 5`,
      [campaignId],
    );
    expect(repeated).toEqual([]);
    const { rows: stepTotals } = await pool.query<{ node_id: string; n: string }>(
      'SELECT node_id, count(*) AS n FROM steps WHERE campaign_id = $1 GROUP BY 1 ORDER BY 1',
      [campaignId],
    );
    expect(stepTotals).toEqual([...NODES].sort().map((node_id) => ({ node_id, n: String(leads) })));

    const { rows: outbox } = await pool.query<{ messages: string; leads: string }>(
      `SELECT count(*) AS messages, count(DISTINCT lead_id) AS leads
       FROM outbox_messages WHERE campaign_id = $1`,
      [campaignId],
    );
    expect(outbox[0]).toEqual({ messages: String(leads), leads: String(leads) });
    const { rows: tagged } = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM leads WHERE workspace_id = $1
       AND tags = ARRAY['soak'] AND attributes->>'soaked' = 'true'`,
      [workspaceId],
    );
    expect(Number(tagged[0]?.n)).toBe(leads);

    await expectCountsAddUp(pool, campaignId);
    const counts = await nodeCounts(pool, campaignId);
    for (const node of NODES) expect(Number(counts[node]?.entered)).toBe(leads);
    expect(await transitionCounts(pool, campaignId)).toEqual({ a: leads, b: leads, c: leads });
    expect(await findStuckEnrollments(db, { campaignId })).toEqual([]);

    for (const worker of slots) expect(await stopWorker(worker)).toBe(0);
  }, 600_000);
});
