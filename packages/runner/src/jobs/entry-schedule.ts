import type { PgBoss } from 'pg-boss';

/**
 * The scheduled entries pass (continuous segments, date entries): a pg-boss cron schedule,
 * stored once in pg-boss's table under its name, so any number of workers registering it
 * leave one schedule, and pg-boss sends one job per minute however many workers watch it. The
 * `singleton` policy keeps two passes from running at once.
 */
export const ENTRY_SYNC_QUEUE = 'rumbo-entry-sync';
/** Every minute (cron's finest grain); date entries are due to the minute at `at`. */
export const ENTRY_SYNC_CRON = '* * * * *';

export async function registerEntrySchedule(boss: PgBoss): Promise<void> {
  await boss.createQueue(ENTRY_SYNC_QUEUE, {
    policy: 'singleton',
    retryLimit: 2,
    retryDelay: 10,
    expireInSeconds: 600,
    // A worker killed mid-pass would hold the singleton slot until expiry (10 min without
    // passes); with a heartbeat pg-boss frees it once the dead worker stops beating.
    heartbeatSeconds: 30,
  });
  await boss.schedule(ENTRY_SYNC_QUEUE, ENTRY_SYNC_CRON, null, { tz: 'UTC' });
}
