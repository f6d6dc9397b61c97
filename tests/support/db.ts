import { randomBytes } from 'node:crypto';
import { createDb, type Db } from '@rumbo/db';
import pg from 'pg';
import { inject } from 'vitest';

export type TestDatabase = {
  /** Connection URL of this database (hand it to a server process under test). */
  url: string;
  /** Its name, e.g. `rt…_segments_3fa9c1`. */
  name: string;
  db: Db;
  pool: pg.Pool;
  /** Closes the pool. The database is kept, so a failed test's data can be inspected. */
  close: () => Promise<void>;
};

/**
 * A fresh, migrated, empty database for one test file, cloned from the run's template.
 * `label` goes into the name so a kept database says which test made it.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const { template } = inject('rumboDatabase');
  return createDatabase(label, template);
}

/** An empty database with no tables at all, for testing migrations themselves. */
export async function createEmptyDatabase(label: string): Promise<TestDatabase> {
  return createDatabase(label, 'template0');
}

async function createDatabase(label: string, template: string): Promise<TestDatabase> {
  const { adminUrl, runPrefix } = inject('rumboDatabase');
  const name = databaseName(runPrefix, label);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(
      `create database ${admin.escapeIdentifier(name)} template ${admin.escapeIdentifier(template)}`,
    );
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const { db, pool, close } = createDb(url.toString(), { applicationName: `rumbo-test-${label}` });
  return { url: url.toString(), name, db, pool, close };
}

/** PostgreSQL names stop at 63 bytes; keep the label readable and the suffix unique. */
function databaseName(runPrefix: string, label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30);
  return `${runPrefix}_${slug}_${randomBytes(4).toString('hex')}`;
}
