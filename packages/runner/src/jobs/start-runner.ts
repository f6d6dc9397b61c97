import type { Db } from '@rumbo/db';
import type pg from 'pg';
import type { PgBoss } from 'pg-boss';
import { type BatchOptions, DEFAULT_BATCH_SIZE, drainNode } from '../advance/process-batch.ts';
import { createEmailAdapter, createSmtpTransport } from '../effects/email-sender.ts';
import { createSmsAdapter, createWebhookAdapter } from '../effects/http-adapters.ts';
import { sendPendingMessages } from '../effects/outbox-sender.ts';
import { syncEntries } from '../enroll/entry-sync.ts';
import { ENTRY_SYNC_QUEUE, registerEntrySchedule } from './entry-schedule.ts';
import {
  createNodeQueue,
  createTickWindow,
  NODE_QUEUE,
  NodeJob,
  tick,
  wakeNode,
  wakeTargets,
} from './node-queue.ts';

/** The subset of a pino-style logger the runner uses. */
export interface RunnerLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface StartRunnerOptions {
  pool: pg.Pool;
  db: Db;
  /** A started pg-boss (schema `pgboss`); the runner adds its queue and workers. */
  boss: PgBoss;
  logger?: RunnerLogger;
  /** How often the ticker looks for due enrollments. Default 1 s. */
  tickMs?: number;
  batch?: BatchOptions;
  /** Node jobs this process works on at once. Default 2. */
  concurrency?: number;
  /** `SMTP_URL`: emails are sent over it; unset, they stay in the outbox viewer (`captured`). */
  smtpUrl?: string | null;
  /** `SMS_URL`: SMS go to this HTTP gateway; unset, they stay in the outbox viewer (`captured`). */
  smsUrl?: string | null;
  /** Webhooks may call loopback and private addresses (development); off, they are refused (SSRF). */
  allowPrivateWebhooks?: boolean;
}

export interface RunningRunner {
  /** Runs one ticker pass now (tests, fast-forward). */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts execution in this process (`serve` and `worker` modes): a worker on the node queue
 * that drains each node it is asked for, waking the nodes its leads move to, a ticker that
 * turns due times into jobs, and a worker on the scheduled entries pass (continuous segments,
 * date entries; its cron schedule is stored once however many processes register it). Any
 * number of processes can run it on one database.
 */
export async function startRunner(options: StartRunnerOptions): Promise<RunningRunner> {
  const { db, boss, logger } = options;
  const batchSize = options.batch?.batchSize ?? DEFAULT_BATCH_SIZE;
  await createNodeQueue(boss);
  await boss.work<NodeJob>(
    NODE_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 0.5, localConcurrency: options.concurrency ?? 2 },
    async (jobs) => {
      for (const job of jobs) {
        const scope = NodeJob.parse(job.data);
        const result = await drainNode(db, scope, options.batch);
        for (const nodeId of result.targets) {
          await wakeNode(boss, { campaignId: scope.campaignId, version: scope.version, nodeId });
        }
      }
    },
  );
  await registerEntrySchedule(boss);
  await boss.work(ENTRY_SYNC_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async () => {
    const synced = await syncEntries(db);
    await wakeTargets(boss, synced.targets);
    if (synced.enrolled + synced.control > 0) {
      logger?.info({ enrolled: synced.enrolled, control: synced.control }, 'scheduled entries');
    }
  });
  let stopped = false;
  let running: Promise<number> | null = null;
  const adapters = {
    email: options.smtpUrl ? createEmailAdapter(createSmtpTransport(options.smtpUrl)) : null,
    sms: options.smsUrl ? createSmsAdapter(options.smsUrl) : null,
    webhook: createWebhookAdapter({ allowPrivateNetworks: options.allowPrivateWebhooks ?? false }),
  };
  // Delivery runs beside the ticker, not inside it: a slow webhook target (up to its timeout per
  // call) must not hold up due leads. One delivery at a time per process.
  let delivering: Promise<void> | null = null;
  const deliver = (): Promise<void> => {
    delivering ??= sendPendingMessages(db, { adapters })
      .then((sent) => wakeTargets(boss, sent.targets))
      .then(() => undefined)
      .catch((error: unknown) => logger?.error({ err: error }, 'outbox delivery failed'))
      .finally(() => {
        delivering = null;
      });
    return delivering;
  };
  const window = createTickWindow();
  // `full`: the explicit `tick()` (tests, `serve` at start) looks at every due enrollment.
  const pass = async (full: boolean) => {
    try {
      const options = window.next(full);
      const { sent, at } = await tick(db, boss, options, batchSize);
      window.done(options, at);
      const delivery = deliver();
      if (full) await delivery;
      return sent;
    } catch (error) {
      logger?.error({ err: error }, 'runner tick failed');
      return 0;
    }
  };
  const timer = setInterval(() => {
    if (stopped || running) return;
    running = pass(false).finally(() => {
      running = null;
    });
  }, options.tickMs ?? 1_000);
  logger?.info({ queue: NODE_QUEUE }, 'runner started');
  return {
    tick: () => pass(true),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await delivering;
      await boss.offWork(NODE_QUEUE);
      await boss.offWork(ENTRY_SYNC_QUEUE);
    },
  };
}
