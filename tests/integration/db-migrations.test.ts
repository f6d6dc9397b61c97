import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MIGRATIONS_FOLDER, runMigrations, schemaTableNames } from '@rumbo/db';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, type TestDatabase } from '../support/db.ts';

const opened: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(opened.map((database) => database.close()));
});

async function emptyDatabase(label: string): Promise<TestDatabase> {
  const database = await createEmptyDatabase(label);
  opened.push(database);
  return database;
}

const schemaTables = schemaTableNames();

async function journalEntries(): Promise<number> {
  const journal: unknown = JSON.parse(
    await readFile(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
  );
  if (typeof journal !== 'object' || journal === null || !('entries' in journal)) return -1;
  return Array.isArray(journal.entries) ? journal.entries.length : -1;
}

async function publicTables(database: TestDatabase): Promise<string[]> {
  const result = await database.pool.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
  );
  return result.rows.map((row) => row.table_name);
}

async function appliedMigrations(database: TestDatabase): Promise<number> {
  const result = await database.pool.query<{ count: string }>(
    'select count(*) from drizzle.__drizzle_migrations',
  );
  return Number(result.rows[0]?.count);
}

describe('runMigrations', () => {
  it('creates every table of the schema on an empty database', async () => {
    const database = await emptyDatabase('migrations-empty');
    expect(await publicTables(database)).toEqual([]);

    await runMigrations(database.pool);

    expect(await publicTables(database)).toEqual(schemaTables);
    expect(schemaTables.length).toBeGreaterThanOrEqual(20);
    expect(await appliedMigrations(database)).toBe(await journalEntries());
  });

  it('changes nothing when run again on a migrated database, data included', async () => {
    const database = await emptyDatabase('migrations-again');
    await runMigrations(database.pool);
    await database.pool.query("insert into workspaces (name) values ('Acme')");

    await runMigrations(database.pool);

    expect(await appliedMigrations(database)).toBe(await journalEntries());
    const rows = await database.pool.query('select name from workspaces');
    expect(rows.rows).toEqual([{ name: 'Acme' }]);
  });

  it('applies once when two processes migrate the same database at the same time', async () => {
    const database = await emptyDatabase('migrations-concurrent');
    const second = new pg.Pool({ connectionString: database.url });
    try {
      await Promise.all([runMigrations(database.pool), runMigrations(second)]);
    } finally {
      await second.end();
    }
    expect(await appliedMigrations(database)).toBe(await journalEntries());
    expect(await publicTables(database)).toEqual(schemaTables);
  });
});
