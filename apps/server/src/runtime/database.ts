import { createDb, type DbHandle, describeUrl, resolveDatabase } from '@rumbo/db';
import type { Logger } from 'pino';
import type { ServerConfig } from '../config/config.ts';

export interface OpenDatabase {
  /** Connection URL (pg-boss opens its own pool on it). */
  url: string;
  handle: DbHandle;
  /** Ends the pool, then stops the embedded PostgreSQL if this process started it. */
  close(): Promise<void>;
}

/**
 * DATABASE_URL set: that server, checked to answer and to be PostgreSQL ≥ 14. Unset: the
 * embedded PostgreSQL in `<RUMBO_DATA_DIR>/postgres` (DESIGN §9). Failures are the db
 * package's `DatabaseStartError`s, which name the host or directory and what to do.
 */
export async function openDatabase(config: ServerConfig, logger: Logger): Promise<OpenDatabase> {
  if (config.databaseUrl === null) {
    logger.info(`starting the embedded PostgreSQL in ${config.dataDir}/postgres`);
  }
  const resolved = await resolveDatabase({
    databaseUrl: config.databaseUrl ?? undefined,
    dataDir: config.dataDir,
    onLog: (line) => logger.debug({ postgres: line }, 'embedded PostgreSQL'),
  });
  if (config.databaseUrl !== null) {
    logger.info(`using the database at ${describeUrl(config.databaseUrl)}`);
  }
  const handle = createDb(resolved.url, { applicationName: 'rumbo-server' });
  return {
    url: resolved.url,
    handle,
    async close() {
      await handle.close();
      await resolved.stop();
    },
  };
}
