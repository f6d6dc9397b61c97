import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type EmbeddedPostgres, runMigrations, startEmbeddedPostgres } from '@rumbo/db';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * One PostgreSQL for the whole run (embedded in a temp dir, or `TEST_DATABASE_URL`), with a
 * migrated template database; each test file clones it (`createTestDatabase`), which takes
 * milliseconds instead of migrating again.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    rumboDatabase: {
      /** A URL on the test server with rights to create databases (any database name). */
      adminUrl: string;
      /** Migrated, empty database every test database is created from. */
      template: string;
      /** Prefix of every database this run creates, so a shared server stays sortable. */
      runPrefix: string;
    };
  }
}

export default async function setup(project: TestProject) {
  const runPrefix = `rt${Date.now().toString(36)}${process.pid.toString(36)}`;
  const template = `${runPrefix}_template`;
  const external = process.env.TEST_DATABASE_URL;
  let embedded: EmbeddedPostgres | null = null;
  let tempDir: string | null = null;
  let adminUrl: string;
  if (external !== undefined && external !== '') {
    adminUrl = external;
  } else {
    tempDir = await mkdtemp(join(tmpdir(), 'rumbo-test-pg-'));
    // PostgreSQL runs as the `postgres` user when tests run as root: it must enter the dir.
    await chmod(tempDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: join(tempDir, 'pgdata') });
    adminUrl = embedded.url;
  }
  try {
    await createTemplate(adminUrl, template);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  project.provide('rumboDatabase', { adminUrl, template, runPrefix });

  return async () => {
    if (embedded !== null && tempDir !== null) {
      await embedded.stop();
      await rm(tempDir, { recursive: true, force: true });
    } else {
      await dropRunDatabases(adminUrl, runPrefix);
    }
  };
}

async function createTemplate(adminUrl: string, template: string): Promise<void> {
  await withClient(adminUrl, (client) =>
    client.query(`create database ${client.escapeIdentifier(template)} template template0`),
  );
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const handle = createDb(url.toString(), { max: 1, applicationName: 'rumbo-test-template' });
  try {
    await runMigrations(handle.pool);
  } finally {
    await handle.close();
  }
}

/** On a shared server, leave nothing behind but databases of runs that are still going. */
async function dropRunDatabases(adminUrl: string, runPrefix: string): Promise<void> {
  if (process.env.RUMBO_KEEP_TEST_DATABASES === '1') return;
  await withClient(adminUrl, async (client) => {
    const found = await client.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1)',
      [`${runPrefix}_`],
    );
    for (const { datname } of found.rows) {
      await client.query(
        `drop database if exists ${client.escapeIdentifier(datname)} with (force)`,
      );
    }
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
