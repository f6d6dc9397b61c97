// Run monitor: (1) the counts of a campaign with N leads (default 1,000,000, BENCH_LEADS) read
// from the counter tables — GET /stats and the stream's per-version read — against the
// baseline a monitor without counters would run, a count over the campaign's enrollments,
// in the same run (target < 50 ms); (2) signal → server-sent event: a real HTTP client on
// /stats/stream, a signal POSTed to /api/v1/signals moves one lead, time until the event
// that shows it arrives (BENCH_SIGNALS moves; target < 1 s). Prints; never fails.
//
//   node tests/bench/monitor.bench.ts                  (embedded PostgreSQL in a temp dir)
//   DATABASE_URL=postgres://… BENCH_LEADS=200000 node tests/bench/monitor.bench.ts
import { performance } from 'node:perf_hooks';
import { campaigns, type createDb } from '@rumbo/db';
import { FlowDocument, type MonitorCounts } from '@rumbo/flow';
import { changeCampaignStatus, publishCampaign } from '@rumbo/runner';
import type pg from 'pg';
import { openSse } from '../integration/api-monitor-sse.ts';
import { loadLine, measure, secondsSince, timing, timingLine, withBenchWorld } from './support.ts';

const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20);
const SIGNALS = Number(process.env.BENCH_SIGNALS ?? 40);

function document(listId: string): FlowDocument {
  return FlowDocument.parse({
    schemaVersion: 1,
    settings: { code: 'MONB', name: 'Monitor bench', mode: 'test' },
    nodes: [
      {
        id: 'in',
        type: 'entry',
        name: 'Entrada',
        config: { sources: [{ kind: 'segment', segmentId: listId }] },
      },
      { id: 'mail', type: 'email', name: 'Correo', config: { subject: 'Hola', body: 'Hola' } },
      { id: 'opened', type: 'exit', name: 'Abrió', config: {} },
      { id: 'late', type: 'exit', name: 'Tarde', config: {} },
    ],
    transitions: [
      { id: 'a', source: 'in', target: 'mail', trigger: { kind: 'auto' } },
      { id: 'o', source: 'mail', target: 'opened', trigger: { kind: 'signal', signal: 'opened' } },
      {
        id: 't',
        source: 'mail',
        target: 'late',
        trigger: { kind: 'timeout', amount: 3, unit: 'days' },
      },
    ],
  });
}

/**
 * A published, active campaign whose N leads all wait at the email for `opened` (as the runner
 * leaves them), with one step each and counters that add up; written set-based for speed.
 */
async function seed(db: ReturnType<typeof createDb>['db'], pool: pg.Pool, workspaceId: string) {
  const { rows: list } = await pool.query<{ id: string }>(
    `INSERT INTO segments (workspace_id, name, kind) VALUES ($1, 'Bench', 'static') RETURNING id`,
    [workspaceId],
  );
  const draft = document(list[0]?.id ?? '');
  const [campaign] = await db
    .insert(campaigns)
    .values({ workspaceId, code: 'MONB', name: 'Monitor bench', draft })
    .returning();
  const campaignId = campaign?.id ?? '';
  await publishCampaign(db, { campaignId, actor: 'bench' });
  await changeCampaignStatus(db, { campaignId, command: 'launch', actor: 'bench' });
  await pool.query(
    `INSERT INTO leads (workspace_id, external_key, name, email, stage, consent_email)
     SELECT $1, 'B-' || lpad(g::text, 7, '0'), 'Lead ' || g, 'b' || g || '@example.com', 'lead', true
     FROM generate_series(1, $2::int) AS g`,
    [workspaceId, LEADS],
  );
  await pool.query(
    `INSERT INTO enrollments (workspace_id, campaign_id, version, lead_id, lead_key, status, node_id,
       due_at, waiting_for)
     SELECT workspace_id, $2, 1, id, external_key, 'waiting', 'mail', now() + interval '3 days',
       '{"due":"t","dueReason":"timeout","signals":["opened"]}'::jsonb
     FROM leads WHERE workspace_id = $1`,
    [workspaceId, campaignId],
  );
  await pool.query(
    `INSERT INTO steps (enrollment_id, campaign_id, version, node_id, attempt, acted_at, outcome)
     SELECT id, campaign_id, 1, 'mail', 1, now(), 'sent' FROM enrollments WHERE campaign_id = $1`,
    [campaignId],
  );
  await pool.query(
    `INSERT INTO node_counters (campaign_id, version, node_id, waiting, entered, acted, ended)
     VALUES ($1, 1, 'in', 0, $2, 0, 0), ($1, 1, 'mail', $2, $2, $2, 0)`,
    [campaignId, LEADS],
  );
  await pool.query(
    `INSERT INTO transition_counters (campaign_id, version, transition_id, node_id, passed)
     VALUES ($1, 1, 'a', 'in', $2)`,
    [campaignId, LEADS],
  );
  await pool.query('ANALYZE');
  return campaignId;
}

const passed = (c: MonitorCounts) =>
  c.versions[0]?.transitions.find((t) => t.transitionId === 'o')?.passed ?? 0;

await withBenchWorld('monitor', async ({ app, db, pool, workspaceId }) => {
  const started = performance.now();
  const campaignId = await seed(db, pool, workspaceId);
  console.log(
    `seeded ${LEADS.toLocaleString('en')} leads waiting at the email in ${secondsSince(started)} s`,
  );
  const stats = async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/campaigns/${campaignId}/stats`,
    });
    if (response.statusCode !== 200) throw new Error(`stats answered ${response.statusCode}`);
  };
  const baseline = () =>
    pool.query(
      `SELECT node_id, status, count(*) FROM enrollments WHERE campaign_id = $1 GROUP BY 1, 2`,
      [campaignId],
    );
  const [scan, api] = await measure([baseline, stats], ITERATIONS);
  console.log(loadLine());
  if (scan && api) {
    console.log(timingLine('baseline count(*) over enrollments', scan));
    console.log(timingLine('GET /stats (counter rows)', api));
    console.log(
      `ratio counters/baseline p95 ${(api.p95 / scan.p95).toFixed(4)}x (target: counts < 50 ms with ${LEADS.toLocaleString('en')} leads)`,
    );
  }

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const stream = await openSse(`${base}/api/v1/campaigns/${campaignId}/stats/stream`);
  await stream.next((e) => e.event === 'counts', 30_000);
  const latencies: number[] = [];
  for (let i = 1; i <= SIGNALS; i += 1) {
    const key = `B-${String(i).padStart(7, '0')}`;
    // Sending right after an event would always land just after a poll (the worst case):
    // a spread pause puts the signals at every phase of the 250 ms poll.
    await new Promise((resolve) => setTimeout(resolve, (i * 97) % 250));
    const sent = performance.now();
    const response = await fetch(`${base}/api/v1/signals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        signals: [{ leadKey: key, name: 'opened', occurredAt: new Date().toISOString() }],
      }),
    });
    if (!response.ok) throw new Error(`signal answered ${response.status}`);
    const event = await stream.next(
      (e) => e.event === 'counts' && passed(JSON.parse(e.data)) >= i,
      10_000,
    );
    latencies.push(event.receivedAt - sent);
  }
  stream.close();
  const sse = timing(latencies);
  console.log(timingLine(`signal POST -> SSE event (${SIGNALS} moves)`, sse));
  console.log(
    `p95 ${(sse.p95 / 1000).toFixed(3)} s of the 1 s target (a move waits at most one 250 ms poll of the counters, plus the POST itself)`,
  );
});
