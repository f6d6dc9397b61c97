import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseStartError, resolveDatabase } from '@rumbo/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../support/app.ts';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rumbo-db-resolve-'));
  await chmod(dataDir, 0o755);
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function rejection(work: Promise<unknown>): Promise<DatabaseStartError> {
  const error: unknown = await work.then(
    () => null,
    (failure: unknown) => failure,
  );
  if (!(error instanceof DatabaseStartError))
    throw new Error(`expected a DatabaseStartError, got ${String(error)}`);
  return error;
}

describe('resolveDatabase', () => {
  it('uses DATABASE_URL when set and starts nothing', async () => {
    const { adminUrl } = inject('rumboDatabase');

    const resolved = await resolveDatabase({ databaseUrl: adminUrl, dataDir });

    expect(resolved.url).toBe(adminUrl);
    expect(resolved.embedded).toBeNull();
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('says which host it cannot reach, without the password', async () => {
    const port = await freePort();
    const url = `postgres://rumbo:s3creta-muy-larga@127.0.0.1:${port}/ventas`;

    const error = await rejection(resolveDatabase({ databaseUrl: url, dataDir }));

    expect(error.code).toBe('database_unreachable');
    expect(error.message).toContain(`127.0.0.1:${port}/ventas`);
    expect(error.message).not.toContain('s3creta');
    expect(error.location).toBe(`127.0.0.1:${port}/ventas`);
  });

  it('starts the embedded server in <dataDir>/postgres when DATABASE_URL is unset', async () => {
    const resolved = await resolveDatabase({ databaseUrl: '', dataDir });
    try {
      const client = new pg.Client({ connectionString: resolved.url });
      await client.connect();
      const result = await client.query<{ db: string }>('select current_database() as db');
      await client.end();

      expect(result.rows).toEqual([{ db: 'rumbo' }]);
      expect(resolved.embedded?.dataDir).toBe(join(dataDir, 'postgres'));
      expect(await readdir(join(dataDir, 'postgres'))).toContain('PG_VERSION');
    } finally {
      await resolved.stop();
    }
  });
});
