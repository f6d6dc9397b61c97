import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { spawnServer } from '../support/app.ts';

// Real `rumbo worker` processes for the runner's scale-out, crash and restart tests.

export interface WorkerProcess {
  child: ChildProcess;
  /** The `application_name` its connections carry (pg-boss's and the runner's). */
  name: string;
  output(): string;
}

/**
 * Spawns `rumbo worker` on `url`. The name rides in the URL's `application_name` (node-postgres
 * lets the URL win over the pool's own name), so a test can tell this process's sessions apart
 * in `pg_stat_activity` from every other worker's.
 */
export function spawnWorker(url: string, name: string, env: Record<string, string> = {}) {
  const named = new URL(url);
  named.searchParams.set('application_name', name);
  const child = spawnServer(['worker'], {
    DATABASE_URL: named.toString(),
    LOG_LEVEL: 'info',
    // Workers are started many times per test: reuse Node's compiled code (≈40 % faster start).
    NODE_COMPILE_CACHE: join(tmpdir(), 'rumbo-test-compile-cache'),
    ...env,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const worker: WorkerProcess = { child, name, output: () => output };
  return worker;
}

/** Polls `check` until it holds; throws naming `what` after `timeoutMs`. */
export async function until(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export async function waitReady(worker: WorkerProcess, timeoutMs = 60_000): Promise<void> {
  await until(
    () => {
      if (worker.child.exitCode !== null) {
        throw new Error(`${worker.name} exited before it was ready:\n${worker.output()}`);
      }
      return worker.output().includes('worker ready');
    },
    `${worker.name} ready`,
    timeoutMs,
  );
}

/** SIGTERM (or `signal`) and the exit code once it is gone. */
export async function stopWorker(
  worker: WorkerProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | null> {
  const { child } = worker;
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = once(child, 'exit');
  child.kill(signal);
  const [code] = await exited;
  return typeof code === 'number' ? code : null;
}

/**
 * The workers among `names` that hold a row lock on `enrollments` right now: one of their node
 * batches is between its claim (`FOR UPDATE SKIP LOCKED`) and its commit.
 */
export async function workersInBatch(pool: pg.Pool, names: readonly string[]): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT DISTINCT a.application_name AS name FROM pg_locks l
     JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE a.application_name = ANY($1::text[]) AND a.datname = current_database()
       AND l.relation = 'enrollments'::regclass
       AND l.mode IN ('RowShareLock', 'RowExclusiveLock') AND l.granted`,
    [names],
  );
  return rows.map((r) => r.name);
}

/**
 * What the database and the workers look like, for a wait that timed out: leads per node and
 * status (and how many are due), pg-boss's jobs per state, sessions, each worker's last words.
 */
export async function describeRun(
  pool: pg.Pool,
  campaignId: string,
  workers: readonly WorkerProcess[],
): Promise<string> {
  const safe = async (sql: string, params: unknown[] = []) => {
    try {
      return (await pool.query(sql, params)).rows;
    } catch (error) {
      return String(error);
    }
  };
  const at = await safe(
    `SELECT node_id, status, count(*)::int AS n, count(*) FILTER (WHERE due_at <= now())::int AS due
     FROM enrollments WHERE campaign_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
    [campaignId],
  );
  const jobs = await safe(
    `SELECT name, state, count(*)::int AS n FROM pgboss.job GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const sessions = await safe(
    `SELECT application_name, state, count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const tails = workers.map(
    (w) => `--- ${w.name} (exit ${w.child.exitCode}):\n${w.output().slice(-2500)}`,
  );
  return `${JSON.stringify({ at, jobs, sessions })}\n${tails.join('\n')}`;
}
