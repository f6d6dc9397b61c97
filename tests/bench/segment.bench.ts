// Segment count benchmark: a 10-condition segment over N leads (default 200,000;
// SEGMENT_BENCH_LEADS=1000000 for a million) against a plain sequential-scan count(*) of the same
// workspace, measured in the same run. Prints figures; never fails on time.
//
//   node tests/bench/segment.bench.ts                 (embedded PostgreSQL in a temp dir)
//   DATABASE_URL=postgres://… node tests/bench/segment.bench.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDb, type EmbeddedPostgres, runMigrations, startEmbeddedPostgres } from '@rumbo/db';
import { compileSegmentCountSql, type SegmentRule } from '@rumbo/flow';
import type pg from 'pg';

const LEADS = Number(process.env.SEGMENT_BENCH_LEADS ?? 200_000);
const ITERATIONS = Number(process.env.SEGMENT_BENCH_ITERATIONS ?? 20);

/** Ten conditions across every kind the builder produces most: fields, attributes, events. */
const TEN_RULES: SegmentRule = {
  kind: 'group',
  combinator: 'and',
  not: false,
  rules: [
    { kind: 'stage', in: ['lead', 'opportunity', 'customer'] },
    { kind: 'consent', channel: 'email', granted: true },
    {
      kind: 'attribute',
      path: 'country',
      type: 'string',
      test: { op: 'in', values: ['españa', 'México'] },
    },
    { kind: 'attribute', path: 'ltv', type: 'number', test: { op: 'gte', value: 100 } },
    { kind: 'attribute', path: 'plan', type: 'string', test: { op: 'isSet' } },
    { kind: 'field', field: 'name', test: { op: 'notContains', value: 'prueba' } },
    {
      kind: 'field',
      field: 'createdAt',
      test: { op: 'inLast', duration: { amount: 18, unit: 'months' } },
    },
    { kind: 'tag', tag: 'unsubscribed', has: false },
    {
      kind: 'group',
      combinator: 'or',
      not: false,
      rules: [
        {
          kind: 'attribute',
          path: 'birthday',
          type: 'date',
          test: { op: 'anniversaryWithin', days: 60 },
        },
        { kind: 'attribute', path: 'vip', type: 'boolean', test: { op: 'eq', value: true } },
      ],
    },
    {
      kind: 'event',
      name: 'purchased',
      where: [{ property: 'family', type: 'string', test: { op: 'eq', value: 'jerseys' } }],
      when: { op: 'inLast', duration: { amount: 180, unit: 'days' } },
    },
  ],
};

async function seed(pool: pg.Pool, workspaceId: string): Promise<void> {
  await pool.query(
    `INSERT INTO leads (workspace_id, external_key, name, email, stage, consent_email, consent_sms,
                        attributes, tags, created_at, updated_at)
     SELECT $1, 'L' || g,
       (ARRAY['María','José','Ana','Jorge','Lucía','Pedro'])[1 + g % 6] || ' ' ||
         (ARRAY['Muñoz','García','López','Pérez'])[1 + g % 4],
       'lead' || g || '@example.es',
       (ARRAY['prospect','lead','opportunity','customer','inactive'])[1 + g % 5],
       g % 3 <> 0, g % 4 = 0,
       jsonb_build_object(
         'country', (ARRAY['España','México','Chile','Perú'])[1 + g % 4],
         'ltv', CASE WHEN g % 100 = 0 THEN to_jsonb('n/a'::text) ELSE to_jsonb((g * 7919) % 2000) END,
         'birthday', to_char(date '1960-01-01' + (g * 37) % 15000, 'YYYY-MM-DD'),
         'plan', CASE WHEN g % 5 = 0 THEN NULL ELSE 'pro' END,
         'vip', g % 10 = 0),
       CASE WHEN g % 20 = 0 THEN ARRAY['unsubscribed'] ELSE ARRAY['newsletter'] END,
       now() - ((g % 700) || ' days')::interval, now()
     FROM generate_series(1, $2::int) AS g`,
    [workspaceId, LEADS],
  );
  await pool.query(
    `INSERT INTO lead_events (workspace_id, lead_id, name, occurred_at, properties)
     SELECT l.workspace_id, l.id, (ARRAY['purchased','opened','clicked'])[1 + (l.h + k) % 3],
       now() - (((l.h * 13 + k * 29) % 365) || ' days')::interval,
       jsonb_build_object('family', (ARRAY['jerseys','camisetas','gorras'])[1 + (l.h / 3 + k) % 3],
                          'amount', (l.h * k) % 300)
     FROM (SELECT id, workspace_id, abs(hashtext(external_key) % 100000) AS h FROM leads WHERE workspace_id = $1) AS l,
          generate_series(1, 2) AS k`,
    [workspaceId],
  );
  await pool.query('ANALYZE leads');
  await pool.query('ANALYZE lead_events');
}

type Timing = { p50: number; p95: number; min: number; count: number };

type Query = { sql: string; params: unknown[]; seqScanOnly?: boolean };

/** The baseline: the workspace's leads counted by a plain sequential scan of the heap. */
const seqScanBaseline = (workspaceId: string): Query => ({
  sql: 'SELECT count(*) AS count FROM leads l WHERE l.workspace_id = $1',
  params: [workspaceId],
  seqScanOnly: true,
});

async function run(
  client: pg.PoolClient,
  query: Query,
): Promise<{ elapsed: number; count: number }> {
  if (query.seqScanOnly) {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_indexscan = off');
    await client.query('SET LOCAL enable_indexonlyscan = off');
    await client.query('SET LOCAL enable_bitmapscan = off');
  }
  const started = performance.now();
  const { rows } = await client.query<{ count: string }>(query.sql, query.params);
  const elapsed = performance.now() - started;
  if (query.seqScanOnly) await client.query('COMMIT');
  return { elapsed, count: Number(rows[0]?.count ?? 0) };
}

/** Runs the queries alternately, so load from other processes hits them alike. */
async function timeBoth(pool: pg.Pool, queries: Query[]): Promise<Timing[]> {
  const times = queries.map(() => [] as number[]);
  const counts = queries.map(() => 0);
  const client = await pool.connect();
  try {
    for (let i = -2; i < ITERATIONS; i += 1) {
      for (const [q, query] of queries.entries()) {
        const { elapsed, count } = await run(client, query);
        if (i >= 0) times[q]?.push(elapsed);
        counts[q] = count;
      }
    }
  } finally {
    client.release();
  }
  return times.map((list, q) => {
    list.sort((a, b) => a - b);
    const at = (p: number) => list[Math.min(list.length - 1, Math.ceil(p * list.length) - 1)] ?? 0;
    return { p50: at(0.5), p95: at(0.95), min: list[0] ?? 0, count: counts[q] ?? 0 };
  });
}

async function main(): Promise<void> {
  let embedded: EmbeddedPostgres | null = null;
  let dir: string | null = null;
  let url = process.env.DATABASE_URL ?? '';
  if (url === '') {
    dir = await mkdtemp(join(tmpdir(), 'rumbo-segment-bench-'));
    embedded = await startEmbeddedPostgres({ dataDir: join(dir, 'pgdata') });
    url = embedded.url;
  }
  const { pool, close } = createDb(url);
  try {
    await runMigrations(pool);
    const ws = await pool.query<{ id: string }>(
      `INSERT INTO workspaces (name) VALUES ('segment bench') RETURNING id`,
    );
    const workspaceId = ws.rows[0]?.id ?? '';
    const seeded = performance.now();
    await seed(pool, workspaceId);
    console.log(
      `seeded ${LEADS.toLocaleString('en')} leads, ${(2 * LEADS).toLocaleString('en')} events in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
    );

    const compiled = compileSegmentCountSql(TEN_RULES, { now: Date.now(), workspaceId });
    // The baseline is forced to a sequential scan: an index-only count would not be a raw scan.
    const [baseline, segment] = await timeBoth(pool, [seqScanBaseline(workspaceId), compiled]);
    if (baseline === undefined || segment === undefined) return;
    const rate = (ms: number) => `${(((LEADS / ms) * 1000) / 1e6).toFixed(1)} M leads/s`;
    const line = (label: string, t: Timing, what: string) =>
      `${label}: min ${t.min.toFixed(1)} ms, p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms (${rate(t.p50)} at p50), ${t.count} ${what}`;
    console.log(
      `load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores`,
    );
    console.log(line('baseline seq-scan count(*)  ', baseline, 'leads'));
    console.log(line('10-condition segment count  ', segment, 'match'));
    console.log(
      `ratio segment/baseline p95: ${(segment.p95 / baseline.p95).toFixed(2)}x; projected p95 for 1 M leads: ${((segment.p95 * 1_000_000) / LEADS).toFixed(0)} ms`,
    );
    if (process.env.SEGMENT_BENCH_PROFILE === '1' && TEN_RULES.kind === 'group') {
      // Each condition alone, to see where the time goes.
      for (const condition of TEN_RULES.rules) {
        const one = compileSegmentCountSql(condition, { now: Date.now(), workspaceId });
        const [base, alone] = await timeBoth(pool, [seqScanBaseline(workspaceId), one]);
        const label =
          condition.kind === 'attribute'
            ? `attribute ${condition.path} ${condition.test.op}`
            : condition.kind === 'field'
              ? `field ${condition.field} ${condition.test.op}`
              : condition.kind;
        console.log(
          `  ${label.padEnd(36)} p50 ${alone?.p50.toFixed(1)} ms (baseline ${base?.p50.toFixed(1)} ms)`,
        );
      }
    }
    if (process.env.SEGMENT_BENCH_EXPLAIN === '1') {
      const plan = await pool.query(
        `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${compiled.sql}`,
        compiled.params,
      );
      for (const row of plan.rows) console.log(Object.values(row).join(''));
    }
    await pool.query('DELETE FROM lead_events WHERE workspace_id = $1', [workspaceId]);
    await pool.query('DELETE FROM leads WHERE workspace_id = $1', [workspaceId]);
    await pool.query('DELETE FROM workspaces WHERE id = $1', [workspaceId]);
  } finally {
    await close();
    await embedded?.stop();
    if (dir !== null) await rm(dir, { recursive: true, force: true });
  }
}

await main();
