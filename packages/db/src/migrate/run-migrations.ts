import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';

/** The committed migrations, resolved from this file so the caller's cwd does not matter. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * Applies every committed migration not yet applied (drizzle's journal in
 * `drizzle.__drizzle_migrations`). Idempotent; concurrent callers are serialised by an
 * advisory lock so two processes starting together do not both migrate.
 */
export async function runMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** Arbitrary constant: the advisory lock key for migrations ("rumbo" in ASCII). */
const MIGRATION_LOCK = 0x72756d626f;
