// Runner benchmark: N leads (default 100,000; RUNNER_BENCH_LEADS=1000000 for a million) through a
// 5-node flow of non-sending steps (entry → branch → split → goal | exit) on real pg-boss, against
// one raw set-based UPDATE of the same rows, measured in the same run. Also: enrollment against a
// raw INSERT … SELECT, and pg-boss jobs per node per 1,000 leads. Prints figures; never fails on time.
//
//   node tests/bench/runner.bench.ts                 (embedded PostgreSQL in a temp dir)
//   DATABASE_URL=postgres://… node tests/bench/runner.bench.ts
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDb, type EmbeddedPostgres, runMigrations, startEmbeddedPostgres } from '@rumbo/db';
import { FlowDocument } from '@rumbo/flow';
import {
  changeCampaignStatus,
  createBoss,
  drainNode,
  enrollFromSegments,
  ingestSignals,
  publishCampaign,
  startRunner,
  syncEntries,
} from '@rumbo/runner';
import type pg from 'pg';

const LEADS = Number(process.env.RUNNER_BENCH_LEADS ?? 100_000);
const STEPS_PER_LEAD = 4; // entry, branch, split, goal|exit

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

async function setUp(pool: pg.Pool) {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO workspaces (name) VALUES ('bench') RETURNING id`,
  );
  const workspaceId = rows[0]?.id ?? '';
  await pool.query(
    `INSERT INTO leads (workspace_id, external_key, name, email, stage, consent_email, attributes)
     SELECT $1, 'lead-' || i, 'Lead ' || i, 'l' || i || '@example.com',
            CASE WHEN i % 3 = 0 THEN 'customer' ELSE 'lead' END, true,
            jsonb_build_object('n', i, 'birthday', (date '1960-01-01' + i % 20000)::text)
     FROM generate_series(1, $2::int) i`,
    [workspaceId, LEADS],
  );
  const segment = await pool.query<{ id: string }>(
    `INSERT INTO segments (workspace_id, name, kind, rule) VALUES ($1, 'all', 'filter', $2) RETURNING id`,
    [workspaceId, JSON.stringify({ kind: 'stage', in: ['lead', 'customer'] })],
  );
  const document = FlowDocument.parse({
    schemaVersion: 1,
    settings: { code: 'BENCH', name: 'Bench', mode: 'live' },
    nodes: [
      {
        id: 'in',
        type: 'entry',
        name: 'In',
        config: { sources: [{ kind: 'segment', segmentId: segment.rows[0]?.id }] },
      },
      { id: 'br', type: 'branch', name: 'Branch', config: {} },
      { id: 'sp', type: 'split', name: 'Split', config: {} },
      { id: 'won', type: 'goal', name: 'Won', config: { value: 1 } },
      { id: 'out', type: 'exit', name: 'Out', config: {} },
    ],
    transitions: [
      { id: 'a', source: 'in', target: 'br', trigger: { kind: 'auto' } },
      {
        id: 'c',
        source: 'br',
        target: 'won',
        trigger: { kind: 'condition', order: 0, rule: { kind: 'stage', in: ['customer'] } },
      },
      { id: 'e', source: 'br', target: 'sp', trigger: { kind: 'else' } },
      { id: 's1', source: 'sp', target: 'won', trigger: { kind: 'split', weight: 50 } },
      { id: 's2', source: 'sp', target: 'out', trigger: { kind: 'split', weight: 50 } },
    ],
  });
  const campaign = await pool.query<{ id: string }>(
    `INSERT INTO campaigns (workspace_id, code, name, draft) VALUES ($1, 'BENCH', 'Bench', $2) RETURNING id`,
    [workspaceId, JSON.stringify(document)],
  );
  return { workspaceId, campaignId: campaign.rows[0]?.id ?? '' };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** p95 of "signal in → lead moved" (ingestSignals moves it in the same transaction). */
async function signalLatency(
  db: Parameters<typeof drainNode>[0],
  pool: pg.Pool,
  workspaceId: string,
) {
  const count = 200;
  await pool.query(
    `INSERT INTO leads (workspace_id, external_key, email, consent_email)
     SELECT $1, 'sig-' || i, 's' || i || '@example.com', true FROM generate_series(1, $2::int) i`,
    [workspaceId, count],
  );
  const list = await pool.query<{ id: string }>(
    `INSERT INTO segments (workspace_id, name, kind) VALUES ($1, 'sig', 'static') RETURNING id`,
    [workspaceId],
  );
  const listId = list.rows[0]?.id ?? '';
  await pool.query(
    `INSERT INTO list_members (list_id, lead_id) SELECT $1, id FROM leads WHERE external_key LIKE 'sig-%'`,
    [listId],
  );
  const document = FlowDocument.parse({
    schemaVersion: 1,
    settings: { code: 'SIG', name: 'Signals', mode: 'test' },
    nodes: [
      {
        id: 'in',
        type: 'entry',
        name: 'In',
        config: { sources: [{ kind: 'segment', segmentId: listId }] },
      },
      { id: 'mail', type: 'email', name: 'Mail', config: { subject: 'Hi', body: 'x' } },
      { id: 'done', type: 'exit', name: 'Done', config: {} },
    ],
    transitions: [
      { id: 'a', source: 'in', target: 'mail', trigger: { kind: 'auto' } },
      { id: 'o', source: 'mail', target: 'done', trigger: { kind: 'signal', signal: 'opened' } },
      {
        id: 't',
        source: 'mail',
        target: 'done',
        trigger: { kind: 'timeout', amount: 1, unit: 'days' },
      },
    ],
  });
  const campaign = await pool.query<{ id: string }>(
    `INSERT INTO campaigns (workspace_id, code, name, draft, status) VALUES ($1, 'SIG', 'Signals', $2, 'draft') RETURNING id`,
    [workspaceId, JSON.stringify(document)],
  );
  const campaignId = campaign.rows[0]?.id ?? '';
  const { version } = await publishCampaign(db, { campaignId, actor: 'system' });
  await changeCampaignStatus(db, { campaignId, command: 'launch', actor: 'system' });
  await enrollFromSegments(db, { campaignId, version });
  await drainNode(db, { campaignId, version, nodeId: 'in' });
  await drainNode(db, { campaignId, version, nodeId: 'mail' });
  const latencies: number[] = [];
  let moved = 0;
  for (let i = 1; i <= count; i++) {
    const t0 = performance.now();
    const result = await ingestSignals(db, {
      workspaceId,
      signals: [{ leadKey: `sig-${i}`, name: 'opened', occurredAt: new Date().toISOString() }],
    });
    latencies.push(performance.now() - t0);
    moved += result.moved;
  }
  return { moved, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

/**
 * The minute's date-entry pass (a birthday entry, leads in several zones) against a full scan
 * of the workspace's leads evaluating the birthday rule in each lead's zone — what the pass read
 * every minute before the month-day index.
 */
async function dateEntryPass(
  db: Parameters<typeof drainNode>[0],
  pool: pg.Pool,
  workspaceId: string,
) {
  await pool.query(
    `UPDATE leads SET time_zone = (ARRAY['Europe/Madrid', 'America/Mexico_City', 'UTC'])[1 + (hashtext(external_key) & 3) % 3]
     WHERE workspace_id = $1`,
    [workspaceId],
  );
  await pool.query('VACUUM ANALYZE leads');
  const document = FlowDocument.parse({
    schemaVersion: 1,
    settings: { code: 'BDAY', name: 'Birthday', mode: 'live' },
    nodes: [
      {
        id: 'in',
        type: 'entry',
        name: 'In',
        config: { sources: [{ kind: 'date', attribute: 'birthday', offsetDays: 0, at: '00:00' }] },
      },
      { id: 'out', type: 'exit', name: 'Out', config: {} },
    ],
    transitions: [{ id: 'a', source: 'in', target: 'out', trigger: { kind: 'auto' } }],
  });
  const campaign = await pool.query<{ id: string }>(
    `INSERT INTO campaigns (workspace_id, code, name, draft) VALUES ($1, 'BDAY', 'Birthday', $2) RETURNING id`,
    [workspaceId, JSON.stringify(document)],
  );
  const campaignId = campaign.rows[0]?.id ?? '';
  await publishCampaign(db, { campaignId, actor: 'system' });
  await changeCampaignStatus(db, { campaignId, command: 'launch', actor: 'system' });
  let t0 = performance.now();
  await pool.query(
    `SELECT count(*) FROM leads WHERE workspace_id = $1 AND attributes ? 'birthday'
       AND to_char((now() AT TIME ZONE time_zone)::date, 'MM-DD') = substr(attributes->>'birthday', 6, 5)`,
    [workspaceId],
  );
  const scanMs = performance.now() - t0;
  const passes: number[] = [];
  let enrolled = 0;
  // Two days, the first pass of each enrols the day's birthdays, the second finds them done.
  for (const now of [
    '2026-03-15T12:00:00Z',
    '2026-03-15T12:01:00Z',
    '2026-07-04T12:00:00Z',
    '2026-07-04T12:01:00Z',
  ]) {
    t0 = performance.now();
    const result = await syncEntries(db, { campaignId, now: Date.parse(now) });
    passes.push(performance.now() - t0);
    enrolled += result.enrolled;
  }
  return { scanMs, passes, enrolled };
}

/** p95 of pg-boss's own send → worker latency on a notify queue (the yardstick). */
async function notifyLatency(boss: ReturnType<typeof createBoss>) {
  const queue = 'rumbo-bench-ping';
  await boss.createQueue(queue, { notify: true });
  let resolveReceived: (() => void) | null = null;
  await boss.work(
    queue,
    { notifyPollingIntervalSeconds: 30, pollingIntervalSeconds: 30 },
    async () => {
      resolveReceived?.();
    },
  );
  const latencies: number[] = [];
  for (let i = 0; i < 40; i++) {
    const received = new Promise<void>((resolve) => {
      resolveReceived = resolve;
    });
    const t0 = performance.now();
    await boss.send(queue, { i });
    await received;
    latencies.push(performance.now() - t0);
  }
  await boss.offWork(queue);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

// Polls the counters (a handful of rows, updated in each move's transaction), not the
// enrollments: counting a million live rows every 200 ms competed with the runner it measures.
async function waitUntilSettled(pool: pg.Pool, campaignId: string): Promise<void> {
  for (;;) {
    const { rows } = await pool.query<{ live: string }>(
      'SELECT COALESCE(sum(waiting), 0) AS live FROM node_counters WHERE campaign_id = $1',
      [campaignId],
    );
    if (Number(rows[0]?.live) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main() {
  let embedded: EmbeddedPostgres | null = null;
  let dir: string | null = null;
  let url = process.env.DATABASE_URL ?? '';
  if (url === '') {
    dir = await mkdtemp(join(tmpdir(), 'rumbo-runner-bench-'));
    // PostgreSQL runs as the `postgres` user when the bench runs as root: it must enter the dir.
    await chmod(dir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: join(dir, 'pgdata') });
    url = embedded.url;
  }
  const { db, pool, close } = createDb(url, { max: 6 });
  const boss = createBoss(url, { listenNotify: true });
  try {
    await runMigrations(pool);
    const { campaignId, workspaceId } = await setUp(pool);
    const { version } = await publishCampaign(db, { campaignId, actor: 'system' });

    // Enrollment vs a raw INSERT … SELECT of the same rows (then removed).
    let t0 = performance.now();
    await pool.query(
      `INSERT INTO enrollments (workspace_id, campaign_id, version, lead_id, lead_key, node_id, due_at, entry_number)
       SELECT workspace_id, $2, $3, id, external_key, 'in', now(), 99 FROM leads WHERE workspace_id = $1`,
      [workspaceId, campaignId, version],
    );
    const rawInsertMs = performance.now() - t0;
    await pool.query('DELETE FROM enrollments WHERE entry_number = 99');
    await pool.query('VACUUM ANALYZE enrollments');
    t0 = performance.now();
    const enrolled = await enrollFromSegments(db, { campaignId, version });
    const enrollMs = performance.now() - t0;
    await pool.query('ANALYZE enrollments');

    // Baseline: one raw set-based UPDATE that moves the same rows once.
    t0 = performance.now();
    await pool.query(
      `UPDATE enrollments SET node_id = 'in', step_count = step_count + 1, updated_at = now() WHERE campaign_id = $1`,
      [campaignId],
    );
    const rawUpdateMs = performance.now() - t0;
    await pool.query('UPDATE enrollments SET step_count = 0 WHERE campaign_id = $1', [campaignId]);
    await pool.query('VACUUM ANALYZE enrollments');
    // Second yardstick: an UPDATE that really moves the rows to the next node with a due time,
    // as a step does. The one above leaves every indexed column as it was, so PostgreSQL can
    // update in place (HOT) and skip the enrollments' indexes; a move cannot. Both are printed.
    t0 = performance.now();
    await pool.query(
      `UPDATE enrollments SET node_id = 'br', due_at = now(), step_count = step_count + 1, updated_at = now() WHERE campaign_id = $1`,
      [campaignId],
    );
    const rawMoveMs = performance.now() - t0;
    await pool.query(
      `UPDATE enrollments SET node_id = 'in', step_count = 0 WHERE campaign_id = $1`,
      [campaignId],
    );
    await pool.query('VACUUM ANALYZE enrollments');

    await boss.start();
    const runner = await startRunner({ pool, db, boss, tickMs: 500, concurrency: 2 });
    await changeCampaignStatus(db, { campaignId, command: 'launch', actor: 'system' });
    t0 = performance.now();
    await runner.tick();
    await waitUntilSettled(pool, campaignId);
    const runMs = performance.now() - t0;
    await runner.stop();

    const { rows: jobs } = await pool.query<{ node: string; jobs: string }>(
      `SELECT data->>'nodeId' AS node, count(*) AS jobs FROM pgboss.job WHERE name = 'rumbo-node' GROUP BY 1 ORDER BY 1`,
    );
    const leadSteps = enrolled.enrolled * STEPS_PER_LEAD;
    const rawRate = rate(enrolled.enrolled, rawUpdateMs);
    const runRate = rate(leadSteps, runMs);
    console.log(
      `runner bench: ${enrolled.enrolled.toLocaleString('en')} leads, ${STEPS_PER_LEAD} steps each`,
    );
    console.log(
      `  enrollment            ${enrollMs.toFixed(0)} ms  (${rate(enrolled.enrolled, enrollMs)} rows/s)`,
    );
    console.log(
      `  raw INSERT … SELECT   ${rawInsertMs.toFixed(0)} ms  (${rate(enrolled.enrolled, rawInsertMs)} rows/s)`,
    );
    console.log(
      `  enrollment / raw      ${((rawInsertMs / enrollMs) * 100).toFixed(0)} %  (target ≥ 50 %)`,
    );
    console.log(`  runner                ${runMs.toFixed(0)} ms  (${runRate} lead-steps/s)`);
    console.log(`  raw UPDATE            ${rawUpdateMs.toFixed(0)} ms  (${rawRate} rows/s)`);
    console.log(
      `  runner / raw UPDATE   ${((runRate / rawRate) * 100).toFixed(0)} %  (target ≥ 60 %)`,
    );
    const moveRate = rate(enrolled.enrolled, rawMoveMs);
    console.log(`  raw moving UPDATE     ${rawMoveMs.toFixed(0)} ms  (${moveRate} rows/s)`);
    console.log(`  runner / raw move     ${((runRate / moveRate) * 100).toFixed(0)} %`);
    for (const j of jobs) {
      console.log(
        `  jobs at ${j.node.padEnd(4)}          ${j.jobs}  (${((Number(j.jobs) / enrolled.enrolled) * 1000).toFixed(2)} per 1,000 leads)`,
      );
    }
    const dates = await dateEntryPass(db, pool, workspaceId);
    console.log(
      `  date-entry pass       ${dates.passes.map((ms) => ms.toFixed(0)).join(' / ')} ms  (${dates.enrolled} birthdays enrolled)`,
    );
    console.log(
      `  rule over every lead  ${dates.scanMs.toFixed(0)} ms  (slowest pass / scan ${(Math.max(...dates.passes) / dates.scanMs).toFixed(2)}×)`,
    );
    const signals = await signalLatency(db, pool, workspaceId);
    const ping = await notifyLatency(boss);
    console.log(
      `  signal → moved        p50 ${signals.p50.toFixed(1)} ms, p95 ${signals.p95.toFixed(1)} ms (${signals.moved} moved)`,
    );
    console.log(
      `  pg-boss notify        p50 ${ping.p50.toFixed(1)} ms, p95 ${ping.p95.toFixed(1)} ms`,
    );
    console.log(`  signal / notify p95   ${(signals.p95 / ping.p95).toFixed(1)}×  (target ≤ 5×)`);
  } finally {
    await boss.stop({ graceful: false }).catch(() => undefined);
    await close();
    await embedded?.stop();
    if (dir !== null) await rm(dir, { recursive: true, force: true });
  }
}

await main();
