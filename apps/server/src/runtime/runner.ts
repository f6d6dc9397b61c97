import type { Db } from '@rumbo/db';
import { type NodeScope, type RunningRunner, startRunner, wakeTargets } from '@rumbo/runner';
import type pg from 'pg';
import { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';

/**
 * The job runner's lifecycle: pg-boss in its own schema (`pgboss`, so it never mixes with
 * our drizzle migrations), started with the process and stopped gracefully, and — when the
 * process executes campaigns (`serve`, `worker`) — `@rumbo/runner`'s node workers and ticker
 * on that same pg-boss. Reports its state to `/api/health`.
 *
 * Many processes on one database: the runner registers no cron schedules; each process's
 * ticker asks for node jobs with pg-boss singleton keys (one slot per node and batch), so a
 * second worker adds hands, never duplicate jobs.
 */

export const BOSS_SCHEMA = 'pgboss';

/** `disabled`: this process runs no runner (an API built without one, e.g. in tests). */
export const RUNNER_STATES = [
  'disabled',
  'idle',
  'starting',
  'ready',
  'stopping',
  'stopped',
  'failed',
] as const;
export type RunnerState = (typeof RUNNER_STATES)[number];

export interface RunnerStatus {
  ok: boolean;
  state: RunnerState;
  schema: string;
  /** ISO instant of the last pg-boss error, if any since start. */
  lastErrorAt: string | null;
}

export const DISABLED_RUNNER: RunnerStatus = {
  ok: false,
  state: 'disabled',
  schema: BOSS_SCHEMA,
  lastErrorAt: null,
};

export interface Runner {
  readonly boss: PgBoss;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): RunnerStatus;
  /** Asks for jobs on the nodes that just received leads (after signals); 0 when not ready. */
  wake(targets: readonly NodeScope[]): Promise<number>;
  /** One ticker pass now (tests); 0 when this process executes no campaigns. */
  tick(): Promise<number>;
}

/** What the process needs to execute campaigns; without it only pg-boss runs (tests, tools). */
export interface RunnerExecution {
  db: Db;
  pool: pg.Pool;
  smtpUrl?: string | null;
  smsUrl?: string | null;
  allowPrivateWebhooks?: boolean;
  tickMs?: number;
}

export function createRunner(
  databaseUrl: string,
  logger: Logger,
  execution: RunnerExecution | null = null,
): Runner {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: BOSS_SCHEMA,
    application_name: 'rumbo-runner',
    max: 4,
  });
  let state: RunnerState = 'idle';
  let lastErrorAt: string | null = null;
  let running: RunningRunner | null = null;
  boss.on('error', (error) => {
    lastErrorAt = new Date().toISOString();
    logger.error({ err: error }, 'pg-boss reported an error');
  });

  return {
    boss,
    async start() {
      if (state === 'ready' || state === 'starting') return;
      state = 'starting';
      try {
        await boss.start();
        if (execution !== null) {
          running = await startRunner({
            db: execution.db,
            pool: execution.pool,
            boss,
            logger,
            smtpUrl: execution.smtpUrl ?? null,
            smsUrl: execution.smsUrl ?? null,
            allowPrivateWebhooks: execution.allowPrivateWebhooks ?? false,
            ...(execution.tickMs === undefined ? {} : { tickMs: execution.tickMs }),
          });
        }
        state = 'ready';
        logger.info(
          { schema: BOSS_SCHEMA, executing: execution !== null },
          'runner ready (pg-boss started)',
        );
      } catch (error) {
        state = 'failed';
        throw error;
      }
    },
    async stop() {
      if (state !== 'ready' && state !== 'failed') return;
      state = 'stopping';
      // Stop asking for and taking node jobs first, so no batch starts while pg-boss closes.
      await running?.stop();
      running = null;
      // Graceful: let handlers in flight finish (bounded), then close pg-boss's own pool.
      await boss.stop({ graceful: true, close: true, timeout: 10_000 });
      state = 'stopped';
      logger.info('runner stopped');
    },
    async wake(targets) {
      if (state !== 'ready' || targets.length === 0) return 0;
      return wakeTargets(boss, targets);
    },
    async tick() {
      return running === null ? 0 : running.tick();
    },
    status() {
      return { ok: state === 'ready', state, schema: BOSS_SCHEMA, lastErrorAt };
    },
  };
}
