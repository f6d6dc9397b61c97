import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../schema/index.ts';

export type Schema = typeof schema;
/** The drizzle handle every repository function takes first (a transaction has the same shape). */
export type Db = NodePgDatabase<Schema>;

export type DbHandle = {
  db: Db;
  pool: pg.Pool;
  /** Ends the pool; idempotent. */
  close: () => Promise<void>;
};

export type CreateDbOptions = {
  /** Pool size; default 10. */
  max?: number;
  /** Shown in `pg_stat_activity`, e.g. `rumbo-server`. */
  applicationName?: string;
};

// bigint (int8) and numeric arrive from pg as strings. Counts use bigint({mode:'number'}) in
// the schema, which drizzle converts; money stays a string so no float rounds a cent.

/** Opens a pool on `url` and wraps it in drizzle with the whole schema. No module-level singleton. */
export function createDb(url: string, options: CreateDbOptions = {}): DbHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'rumbo',
  });
  // An idle client losing its connection (server restart) must not crash the process;
  // the pool drops it and the next query reconnects.
  pool.on('error', () => undefined);
  // A checked-out client has no pool listener: one held by a transaction between statements
  // (drizzle's `transaction`) emitted an unhandled 'error' when PostgreSQL restarted, killing
  // every worker (found by tests/integration/runner-restart). Its next query fails instead,
  // the transaction rolls back and the client is released with the error, so the pool
  // discards it.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const db = drizzle(pool, { schema });
  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= pool.end();
    return closed;
  };
  return { db, pool, close };
}
