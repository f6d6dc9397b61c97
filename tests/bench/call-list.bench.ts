// Call list: GET /api/v1/call-tasks for one campaign with N open tasks (default 10,000,
// BENCH_TASKS to change) — the first screenful the agent's screen asks for (limit 2,000) and the
// whole list (limit N) — against a raw read of the same open rows measured in the same run.
// Target: the list opens in < 500 ms with 10,000 open tasks. Prints; never fails.
//
//   node tests/bench/call-list.bench.ts                 (embedded PostgreSQL in a temp dir)
//   DATABASE_URL=postgres://… BENCH_TASKS=50000 node tests/bench/call-list.bench.ts
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { loadLine, measure, secondsSince, timingLine, withBenchWorld } from './support.ts';

const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20);

/** N leads, each enrolled and waiting at the call node with one open task; a tenth snoozed. */
async function seed(pool: pg.Pool, workspaceId: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO campaigns (workspace_id, code, name, status, draft)
     VALUES ($1, 'BENCH', 'Call list bench', 'active', '{}'::jsonb) RETURNING id`,
    [workspaceId],
  );
  const campaignId = rows[0]?.id ?? '';
  await pool.query(
    `INSERT INTO leads (workspace_id, external_key, name, email, phone, stage, consent_call)
     SELECT $1, 'CLI-' || lpad(g::text, 7, '0'),
       (ARRAY['María','José','Ana','Jorge','Lucía','Pedro'])[1 + g % 6] || ' ' ||
         (ARRAY['Muñoz','García','López','Pérez'])[1 + g % 4],
       CASE WHEN g % 5 = 0 THEN NULL ELSE 'lead' || g || '@example.com' END,
       '+34600' || lpad(g::text, 6, '0'), 'customer', true
     FROM generate_series(1, $2::int) AS g`,
    [workspaceId, TASKS],
  );
  await pool.query(
    `INSERT INTO enrollments (workspace_id, campaign_id, version, lead_id, lead_key, status, node_id)
     SELECT workspace_id, $2, 1, id, external_key, 'waiting', 'call' FROM leads WHERE workspace_id = $1`,
    [workspaceId, campaignId],
  );
  await pool.query(
    `INSERT INTO call_tasks (workspace_id, campaign_id, enrollment_id, lead_id, node_id, priority,
       contact_order, script, remind_at)
     SELECT e.workspace_id, e.campaign_id, e.id, e.lead_id, 'call', (row_number() OVER ()) % 4,
       row_number() OVER (), 'Hola', CASE WHEN random() < 0.1 THEN now() + interval '2 hours' END
     FROM enrollments e WHERE e.campaign_id = $1`,
    [campaignId],
  );
  await pool.query('ANALYZE leads');
  await pool.query('ANALYZE call_tasks');
  return campaignId;
}

await withBenchWorld('call-list', async ({ app, pool, workspaceId }) => {
  const started = performance.now();
  const campaignId = await seed(pool, workspaceId);
  console.log(`seeded ${TASKS.toLocaleString('en')} open call tasks in ${secondsSince(started)} s`);
  const get = (limit: number) => async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/call-tasks?campaignId=${campaignId}&status=open&limit=${limit}`,
    });
    if (response.statusCode !== 200)
      throw new Error(`list answered ${response.statusCode}: ${response.body}`);
  };
  const raw = () =>
    pool.query(
      `SELECT t.*, l.name, l.phone, l.email FROM call_tasks t JOIN leads l ON l.id = t.lead_id
       WHERE t.campaign_id = $1 AND t.status = 'open'`,
      [campaignId],
    );
  const [baseline, first, whole] = await measure([raw, get(2_000), get(TASKS)], ITERATIONS);
  if (!baseline || !first || !whole) return;
  console.log(loadLine());
  console.log(timingLine('baseline raw SELECT of the open rows', baseline));
  console.log(timingLine('GET /call-tasks (screen, limit 2,000)', first));
  console.log(timingLine(`GET /call-tasks (whole, ${TASKS.toLocaleString('en')})`, whole));
  console.log(
    `ratio screen/baseline p95 ${(first.p95 / baseline.p95).toFixed(2)}x, whole/baseline p95 ${(whole.p95 / baseline.p95).toFixed(2)}x (target: list opens < 500 ms with 10,000 open tasks)`,
  );
});
