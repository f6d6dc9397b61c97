// What the API benchmarks (call list, monitor) share: a database of their own with the server's
// HTTP app over it, and timing that measures every action round after round.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDb, type EmbeddedPostgres, runMigrations, startEmbeddedPostgres } from '@rumbo/db';
import { buildApp, createLogger, loadConfig } from '@rumbo/server';

export interface Timing {
  p50: number;
  p95: number;
  min: number;
}

export function timing(list: number[]): Timing {
  list.sort((a, b) => a - b);
  const at = (p: number) => list[Math.min(list.length - 1, Math.ceil(p * list.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95), min: list[0] ?? 0 };
}

/**
 * Runs the measured actions in turn, round after round (two warm-up rounds not counted), so
 * load from other processes on a shared machine hits all of them alike.
 */
export async function measure(
  actions: (() => Promise<unknown>)[],
  iterations: number,
): Promise<Timing[]> {
  const times = actions.map((): number[] => []);
  for (let round = -2; round < iterations; round += 1) {
    for (const [index, action] of actions.entries()) {
      const started = performance.now();
      await action();
      if (round >= 0) times[index]?.push(performance.now() - started);
    }
  }
  return times.map(timing);
}

export const timingLine = (label: string, t: Timing) =>
  `${label.padEnd(44)} min ${t.min.toFixed(1)} ms, p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`;

/** The machine's load, printed beside the figures: on a shared box they mean little without it. */
export const loadLine = () =>
  `load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores`;

export const secondsSince = (started: number) => ((performance.now() - started) / 1000).toFixed(1);

export interface BenchWorld {
  db: ReturnType<typeof createDb>['db'];
  pool: ReturnType<typeof createDb>['pool'];
  app: Awaited<ReturnType<typeof buildApp>>;
  /** The oldest workspace of a fresh database, so the API acts on it. */
  workspaceId: string;
}

/**
 * Runs `bench` on a migrated database — `DATABASE_URL`, or an embedded PostgreSQL in a temp
 * dir that is deleted afterwards — with the HTTP app (no runner) and one workspace; everything
 * is stopped whatever happens.
 */
export async function withBenchWorld(
  name: string,
  bench: (world: BenchWorld) => Promise<void>,
): Promise<void> {
  let embedded: EmbeddedPostgres | null = null;
  let dir: string | null = null;
  let url = process.env.DATABASE_URL ?? '';
  if (url === '') {
    dir = await mkdtemp(join(tmpdir(), `rumbo-${name}-bench-`));
    // PostgreSQL runs as the `postgres` user when the bench runs as root: it must enter the dir.
    await chmod(dir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: join(dir, 'pgdata') });
    url = embedded.url;
  }
  const { db, pool, close } = createDb(url);
  const loaded = loadConfig({ DATABASE_URL: url }, { cwd: tmpdir(), webDistDir: tmpdir() });
  if (!loaded.ok) throw new Error(loaded.error);
  const app = await buildApp({ config: loaded.config, db, logger: createLogger('silent') });
  try {
    await runMigrations(pool);
    const ws = await pool.query<{ id: string }>(
      "INSERT INTO workspaces (name, created_at) VALUES ($1, '1970-01-01') RETURNING id",
      [`${name} bench`],
    );
    await bench({ db, pool, app, workspaceId: ws.rows[0]?.id ?? '' });
  } finally {
    await app.close();
    await close();
    await embedded?.stop();
    if (dir !== null) await rm(dir, { recursive: true, force: true });
  }
}
