// Segment count through the API: a 10-condition segment counted by the query the segments API
// runs (`countRule`, the count behind GET /segments and POST /segments/preview) and by the whole
// preview request (rule check + count + 20-lead sample) over N leads — default 200,000,
// BENCH_LEADS=1000000 for a million — against a raw sequential-scan count(*) of the same
// workspace measured in the same run. Target: p95 < 300 ms at 1 M. It also prints the insert rate
// of the seeded leads against the same rows inserted, chunk by chunk in turn, into a copy of
// `leads` without the stored derived columns (folded text, date keys: what they cost a bulk
// import), and the same count compiled without `workspaceParam` (each surviving lead probes its
// events, as before the event set), which must find the same leads. Prints; never fails.
//
// BENCH_PROFILE=1 also prints each condition alone, and the same segment counted over a narrow
// typed copy of the leads (only the columns it reads, its four attributes as typed columns): a
// floor for what a typed projection of the attributes could give. BENCH_EXPLAIN=1 prints the
// count's plan; BENCH_KEEP=1 leaves the bench workspace in an external database, to try queries.
//
//   node tests/bench/segment-count.bench.ts                 (embedded PostgreSQL in a temp dir)
//   DATABASE_URL=postgres://… BENCH_LEADS=1000000 node tests/bench/segment-count.bench.ts
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDb, type EmbeddedPostgres, runMigrations, startEmbeddedPostgres } from '@rumbo/db';
import { compileSegmentSql, type SegmentRule } from '@rumbo/flow';
import { buildApp, createLogger, loadConfig } from '@rumbo/server';
import type pg from 'pg';
import {
  countRule,
  ruleWhere,
} from '../../apps/server/src/domain/segments/segment-count.queries.ts';

const LEADS = Number(process.env.BENCH_LEADS ?? 200_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20);

/** Ten conditions of the kinds a marketer builds: lead data, attributes, tags, event history. */
const TEN_RULES: SegmentRule = {
  kind: 'group',
  combinator: 'and',
  not: false,
  rules: [
    { kind: 'attribute', path: 'country', type: 'string', test: { op: 'eq', value: 'MX' } },
    { kind: 'stage', in: ['lead', 'opportunity', 'customer'] },
    { kind: 'consent', channel: 'email', granted: true },
    { kind: 'attribute', path: 'lifetimeValue', type: 'number', test: { op: 'gte', value: 100 } },
    {
      kind: 'attribute',
      path: 'plan',
      type: 'string',
      test: { op: 'in', values: ['basic', 'pro'] },
    },
    { kind: 'field', field: 'email', test: { op: 'endsWith', value: '@example.com' } },
    {
      kind: 'field',
      field: 'createdAt',
      test: { op: 'inLast', duration: { amount: 24, unit: 'months' } },
    },
    { kind: 'tag', tag: 'unsubscribed', has: false },
    { kind: 'attribute', path: 'birthday', type: 'date', test: { op: 'isSet' } },
    {
      kind: 'event',
      name: 'purchased',
      where: [{ property: 'family', type: 'string', test: { op: 'eq', value: 'suéteres' } }],
      when: { op: 'inLast', duration: { amount: 90, unit: 'days' } },
    },
  ],
};

/** The bench's leads, rows `from`..`to` of the series, as the SELECT an INSERT takes. */
const LEAD_ROWS = `SELECT $1::uuid, 'CLI-' || lpad(g::text, 7, '0'),
       (ARRAY['María','José','Ana','Jorge','Lucía','Pedro'])[1 + g % 6] || ' ' ||
         (ARRAY['Muñoz','García','López','Pérez'])[1 + g % 4],
       'lead' || g || (ARRAY['@example.com','@example.net'])[1 + g % 2],
       (ARRAY['prospect','lead','opportunity','customer','inactive'])[1 + g % 5],
       g % 7 <> 0,
       jsonb_build_object(
         'country', (ARRAY['ES','MX','ES','MX','ES'])[1 + g % 5],
         'lifetimeValue', (g::bigint * 7919) % 2000,
         'plan', (ARRAY['free','basic','pro','business'])[1 + g % 4],
         'birthday', to_char(date '1960-01-01' + (g * 37) % 15000, 'YYYY-MM-DD')),
       CASE WHEN g % 20 = 0 THEN ARRAY['unsubscribed'] ELSE ARRAY['newsletter'] END,
       now() - ((g % 1000) || ' days')::interval
     FROM generate_series($2::int, $3::int) AS g`;
const LEAD_COLUMNS =
  'workspace_id, external_key, name, email, stage, consent_email, attributes, tags, created_at';

/**
 * Inserts the leads in chunks, each also inserted into a copy of `leads` without the stored
 * generated (folded) columns, chunk after chunk, so both rates see the same load. Returns the
 * seconds each took.
 */
async function seedLeads(
  pool: pg.Pool,
  workspaceId: string,
): Promise<{ leads: number; plain: number }> {
  const client = await pool.connect();
  try {
    // Same columns, defaults, checks and indexes (LIKE copies no foreign key), minus the folded
    // ones; a logged table like `leads` (a temporary one would skip the WAL and flatter it).
    await client.query('DROP TABLE IF EXISTS bench_leads_plain');
    await client.query('CREATE TABLE bench_leads_plain (LIKE leads INCLUDING ALL)');
    await client.query(
      'ALTER TABLE bench_leads_plain DROP COLUMN name_folded, DROP COLUMN email_folded, DROP COLUMN attributes_folded, DROP COLUMN date_attributes',
    );
    const spent = { leads: 0, plain: 0 };
    const chunk = Math.max(1, Math.ceil(LEADS / 4));
    for (let from = 1; from <= LEADS; from += chunk) {
      const to = Math.min(LEADS, from + chunk - 1);
      for (const table of ['bench_leads_plain', 'leads'] as const) {
        const started = performance.now();
        await client.query(`INSERT INTO ${table} (${LEAD_COLUMNS}) ${LEAD_ROWS}`, [
          workspaceId,
          from,
          to,
        ]);
        spent[table === 'leads' ? 'leads' : 'plain'] += (performance.now() - started) / 1000;
      }
    }
    await client.query('DROP TABLE bench_leads_plain');
    return spent;
  } finally {
    client.release();
  }
}

async function seed(pool: pg.Pool, workspaceId: string): Promise<void> {
  const spent = await seedLeads(pool, workspaceId);
  const rate = (seconds: number) => `${Math.round(LEADS / seconds).toLocaleString('en')} rows/s`;
  console.log(
    `insert ${LEADS.toLocaleString('en')} leads: ${rate(spent.leads)} (${spent.leads.toFixed(1)} s); ` +
      `same rows without the derived columns ${rate(spent.plain)} (${spent.plain.toFixed(1)} s); ` +
      `ratio ${(spent.leads / spent.plain).toFixed(2)}x; load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}`,
  );
  await pool.query(
    `INSERT INTO lead_events (workspace_id, lead_id, name, occurred_at, properties)
     SELECT l.workspace_id, l.id, (ARRAY['purchased','signed_up','cart_abandoned'])[1 + (l.h + k) % 3],
       now() - (((l.h * 13 + k * 29) % 365) || ' days')::interval,
       jsonb_build_object('family', (ARRAY['jerseys','suéteres','camisetas'])[1 + (l.h / 3 + k) % 3],
                          'amount', (l.h * k) % 300)
     FROM (SELECT id, workspace_id, abs(hashtext(external_key) % 100000) AS h
           FROM leads WHERE workspace_id = $1) AS l, generate_series(1, 2) AS k`,
    [workspaceId],
  );
  // Vacuumed as autovacuum leaves a live workspace's tables: a freshly bulk-loaded heap has no
  // visibility map yet, so index-only scans (the event sets of `workspaceParam`) would still
  // read every event row, which no steady-state database does.
  await pool.query('VACUUM ANALYZE leads');
  await pool.query('VACUUM ANALYZE lead_events');
}

interface Timing {
  p50: number;
  p95: number;
  min: number;
}

function timing(list: number[]): Timing {
  list.sort((a, b) => a - b);
  const at = (p: number) => list[Math.min(list.length - 1, Math.ceil(p * list.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95), min: list[0] ?? 0 };
}

/** The baseline: every lead of the workspace counted by a plain sequential scan of the heap. */
async function seqScanCount(pool: pg.Pool, workspaceId: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_indexscan = off');
    await client.query('SET LOCAL enable_indexonlyscan = off');
    await client.query('SET LOCAL enable_bitmapscan = off');
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM leads l WHERE l.workspace_id = $1',
      [workspaceId],
    );
    await client.query('COMMIT');
    return Number(rows[0]?.n ?? 0);
  } finally {
    client.release();
  }
}

/** The count compiled without `workspaceParam`: "has an event" probes per surviving lead. */
async function countPerLeadProbes(pool: pg.Pool, workspaceId: string, now: number) {
  const where = compileSegmentSql(TEN_RULES, { now, params: { offset: 1 }, scan: true });
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM leads l WHERE l.workspace_id = $1 AND ${where.sql}`,
    [workspaceId, ...where.params],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Runs the measured actions in turn, round after round, so load from other processes hits all alike. */
async function measure(actions: (() => Promise<unknown>)[]): Promise<Timing[]> {
  const times = actions.map((): number[] => []);
  for (let round = -2; round < ITERATIONS; round += 1) {
    for (const [index, action] of actions.entries()) {
      const started = performance.now();
      await action();
      if (round >= 0) times[index]?.push(performance.now() - started);
    }
  }
  return times.map(timing);
}

/**
 * The same ten conditions over a narrow copy of the workspace's leads in which the four
 * attributes the segment reads are typed columns, against the baseline: what no jsonb read, no
 * date check and a row a third as wide would give. Lead columns and the event keep the compiled
 * SQL; the copy is a plain table (a temporary one gets no parallel workers) and is dropped.
 */
async function typedFloor(pool: pg.Pool, workspaceId: string, now: number, matched: number) {
  if (TEN_RULES.kind !== 'group') return;
  await pool.query('DROP TABLE IF EXISTS bench_typed_leads');
  await pool.query(
    `CREATE TABLE bench_typed_leads AS
     SELECT id, workspace_id, stage, consent_email, created_at, tags, email_folded,
            attributes_folded ->> 'country' AS country, attributes_folded ->> 'plan' AS plan,
            (attributes ->> 'lifetimeValue')::numeric AS lifetime_value,
            (attributes ->> 'birthday')::date AS birthday
     FROM leads WHERE workspace_id = $1`,
    [workspaceId],
  );
  try {
    await pool.query('VACUUM ANALYZE bench_typed_leads');
    const size = await pool.query<{ size: string }>(
      "SELECT pg_size_pretty(pg_relation_size('bench_typed_leads')) AS size",
    );
    const compiled = compileSegmentSql(
      { ...TEN_RULES, rules: TEN_RULES.rules.filter((rule) => rule.kind !== 'attribute') },
      { now, params: { offset: 1 }, scan: true, workspaceParam: 1 },
    );
    const sql = `SELECT count(*) AS n FROM bench_typed_leads l WHERE l.workspace_id = $1
      AND l.country = 'mx' AND l.plan = ANY('{basic,pro}') AND l.lifetime_value >= 100
      AND l.birthday IS NOT NULL AND ${compiled.sql}`;
    const typed = async () => {
      const { rows } = await pool.query<{ n: string }>(sql, [workspaceId, ...compiled.params]);
      return Number(rows[0]?.n ?? 0);
    };
    const found = await typed();
    if (found !== matched) console.log(`TYPED COPY COUNTS ${found}, the segment ${matched}`);
    const [base, copy] = await measure([() => seqScanCount(pool, workspaceId), typed]);
    console.log(
      `  typed copy (${size.rows[0]?.size}) p50 ${copy?.p50.toFixed(1)} ms, p95 ${copy?.p95.toFixed(1)} ms (baseline p50 ${base?.p50.toFixed(1)} ms)`,
    );
  } finally {
    await pool.query('DROP TABLE bench_typed_leads');
  }
}

async function main(): Promise<void> {
  let embedded: EmbeddedPostgres | null = null;
  let dir: string | null = null;
  let url = process.env.DATABASE_URL ?? '';
  if (url === '') {
    dir = await mkdtemp(join(tmpdir(), 'rumbo-segment-count-bench-'));
    // PostgreSQL runs as the `postgres` user when the bench runs as root: it must enter the dir.
    await chmod(dir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: join(dir, 'pgdata') });
    url = embedded.url;
  }
  const { db, pool, close } = createDb(url);
  const loaded = loadConfig({ DATABASE_URL: url }, { cwd: tmpdir(), webDistDir: tmpdir() });
  if (!loaded.ok) throw new Error(loaded.error);
  const app = await buildApp({ config: loaded.config, db, logger: createLogger('silent') });
  let workspaceId = '';
  try {
    await runMigrations(pool);
    const ws = await pool.query<{ id: string }>(
      "INSERT INTO workspaces (name, created_at) VALUES ('segment count bench', '1970-01-01') RETURNING id",
    );
    workspaceId = ws.rows[0]?.id ?? '';
    const started = performance.now();
    await seed(pool, workspaceId);
    console.log(
      `seeded ${LEADS.toLocaleString('en')} leads, ${(2 * LEADS).toLocaleString('en')} events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const now = Date.now();
    const matched = await countRule(db, workspaceId, TEN_RULES, now);
    const probed = await countPerLeadProbes(pool, workspaceId, now);
    if (probed !== matched)
      console.log(`COUNTS DIFFER: ${matched} with the event set, ${probed} without`);
    const preview = async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/segments/preview',
        payload: { rule: TEN_RULES },
      });
      if (response.statusCode !== 200)
        throw new Error(`preview answered ${response.statusCode}: ${response.body}`);
    };
    const [baseline, count, whole, perLead] = await measure([
      () => seqScanCount(pool, workspaceId),
      () => countRule(db, workspaceId, TEN_RULES, now),
      preview,
      () => countPerLeadProbes(pool, workspaceId, now),
    ]);
    if (!baseline || !count || !whole || !perLead) return;
    const rate = (ms: number) => `${(((LEADS / ms) * 1000) / 1e6).toFixed(1)} M leads/s`;
    const line = (label: string, t: Timing) =>
      `${label} min ${t.min.toFixed(1)} ms, p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms (${rate(t.p50)} at p50)`;
    console.log(
      `load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores`,
    );
    console.log(line('baseline seq-scan count(*)          ', baseline));
    console.log(line(`API segment count (${matched} match)`.padEnd(37), count));
    console.log(line('POST /segments/preview (count+sample)', whole));
    console.log(line(`count, per-lead event probes (${probed})`.padEnd(37), perLead));
    console.log(
      `ratio count/baseline p95 ${(count.p95 / baseline.p95).toFixed(2)}x, preview/baseline p95 ${(whole.p95 / baseline.p95).toFixed(2)}x, ` +
        `count/per-lead-probes p50 ${(count.p50 / perLead.p50).toFixed(2)}x p95 ${(count.p95 / perLead.p95).toFixed(2)}x; ` +
        `projected count p95 at 1 M leads ≈ ${((count.p95 * 1_000_000) / LEADS).toFixed(0)} ms (target < 300 ms)`,
    );
    if (process.env.BENCH_PROFILE === '1' && TEN_RULES.kind === 'group') {
      // Each condition alone against the baseline, to show which ones the time goes to.
      for (const condition of TEN_RULES.rules) {
        const [base, alone] = await measure([
          () => seqScanCount(pool, workspaceId),
          () => countRule(db, workspaceId, condition, now),
        ]);
        const label =
          condition.kind === 'attribute'
            ? `attribute ${condition.path}`
            : condition.kind === 'field'
              ? `field ${condition.field}`
              : condition.kind;
        console.log(
          `  ${label.padEnd(24)} p50 ${alone?.p50.toFixed(1)} ms (baseline ${base?.p50.toFixed(1)} ms)`,
        );
      }
    }
    if (process.env.BENCH_PROFILE === '1') await typedFloor(pool, workspaceId, now, matched);
    if (process.env.BENCH_EXPLAIN === '1') {
      const where = ruleWhere(TEN_RULES, now);
      const plan = await pool.query(
        `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT count(*) FROM leads l WHERE l.workspace_id = $1 AND ${where.sql}`,
        [workspaceId, ...where.params],
      );
      for (const row of plan.rows) console.log(Object.values(row).join(''));
    }
  } finally {
    await app.close();
    // A server of our own is deleted with its directory; row by row, a million leads took
    // minutes to delete (every foreign key into leads is checked per row).
    if (workspaceId !== '' && embedded === null && process.env.BENCH_KEEP !== '1') {
      await pool.query('DELETE FROM lead_events WHERE workspace_id = $1', [workspaceId]);
      await pool.query('DELETE FROM leads WHERE workspace_id = $1', [workspaceId]);
      await pool.query('DELETE FROM workspaces WHERE id = $1', [workspaceId]);
    }
    await close();
    await embedded?.stop();
    if (dir !== null) await rm(dir, { recursive: true, force: true });
  }
}

await main();
