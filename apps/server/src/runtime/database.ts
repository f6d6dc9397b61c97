import { join } from 'node:path';
import { createDb, type DbHandle, startEmbeddedPostgres } from '@rumbo/db';
import pg from 'pg';
import type { Logger } from 'pino';
import type { ServerConfig } from '../config/config.ts';
import { StartupError } from './startup-error.ts';

export interface OpenDatabase {
  /** Connection URL (pg-boss opens its own pool on it). */
  url: string;
  handle: DbHandle;
  /** Ends the pool, then stops the embedded PostgreSQL if this process started it. */
  close(): Promise<void>;
}

/** A blackholed host must not hang start-up forever. */
const CONNECT_TIMEOUT_MS = 10_000;

/** `host:port/database` without credentials, for messages. */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    throw new StartupError(
      `cannot reach the database at ${describeUrl(url)} (DATABASE_URL): ${reason}; check that PostgreSQL is running and the URL is right`,
      1,
      error,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * DATABASE_URL set: use that server, after checking it answers. Unset: start the embedded
 * PostgreSQL whose data lives in `<RUMBO_DATA_DIR>/postgres` (DESIGN §9).
 */
export async function openDatabase(config: ServerConfig, logger: Logger): Promise<OpenDatabase> {
  if (config.databaseUrl !== null) {
    await assertReachable(config.databaseUrl);
    const handle = createDb(config.databaseUrl, { applicationName: 'rumbo-server' });
    logger.info(`using the database at ${describeUrl(config.databaseUrl)}`);
    return { url: config.databaseUrl, handle, close: () => handle.close() };
  }
  const dataDir = join(config.dataDir, 'postgres');
  logger.info(`starting the embedded PostgreSQL in ${dataDir}`);
  const embedded = await startEmbeddedPostgres({ dataDir });
  const handle = createDb(embedded.url, { applicationName: 'rumbo-server' });
  return {
    url: embedded.url,
    handle,
    async close() {
      await handle.close();
      await embedded.stop();
    },
  };
}
