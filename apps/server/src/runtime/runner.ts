import { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';

/**
 * The job runner's lifecycle: pg-boss in its own schema (`pgboss`, so it never mixes with
 * our drizzle migrations), started with the process and stopped gracefully. The campaign
 * workers themselves come from `@rumbo/runner` in a later step; this owns the queue
 * connection they will share, and reports its state to `/api/health`.
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
}

export function createRunner(databaseUrl: string, logger: Logger): Runner {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: BOSS_SCHEMA,
    application_name: 'rumbo-runner',
    max: 4,
  });
  let state: RunnerState = 'idle';
  let lastErrorAt: string | null = null;
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
        state = 'ready';
        logger.info({ schema: BOSS_SCHEMA }, 'runner ready (pg-boss started)');
      } catch (error) {
        state = 'failed';
        throw error;
      }
    },
    async stop() {
      if (state !== 'ready' && state !== 'failed') return;
      state = 'stopping';
      // Graceful: let handlers in flight finish (bounded), then close pg-boss's own pool.
      await boss.stop({ graceful: true, close: true, timeout: 10_000 });
      state = 'stopped';
      logger.info('runner stopped');
    },
    status() {
      return { ok: state === 'ready', state, schema: BOSS_SCHEMA, lastErrorAt };
    },
  };
}
