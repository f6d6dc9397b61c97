import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertBinariesReachableByPostgresUser } from './data-dir.check.ts';
import { DatabaseStartError } from './embedded-postgres.errors.ts';

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function fakeInitdb(closedMode: number): Promise<{ closed: string; initdb: string }> {
  const closed = await mkdtemp(join(tmpdir(), 'rumbo-bin-'));
  made.push(closed);
  const bin = join(closed, 'node_modules', 'native', 'bin');
  await mkdir(bin, { recursive: true });
  const initdb = join(bin, 'initdb');
  await writeFile(initdb, '#!/bin/sh\n', { mode: 0o755 });
  await chmod(closed, closedMode);
  return { closed, initdb };
}

describe('assertBinariesReachableByPostgresUser', () => {
  it('names the folder the postgres user cannot enter and how to open it', async () => {
    const { closed, initdb } = await fakeInitdb(0o700);
    const failure = await assertBinariesReachableByPostgresUser(initdb).catch((error) => error);
    expect(failure).toBeInstanceOf(DatabaseStartError);
    expect(failure.code).toBe('binaries_unreachable');
    expect(failure.location).toBe(closed);
    expect(failure.message).toContain(`chmod o+x ${closed}`);
  });

  it('lets programs under folders others may pass through start', async () => {
    const { initdb } = await fakeInitdb(0o711);
    await expect(assertBinariesReachableByPostgresUser(initdb)).resolves.toBeUndefined();
  });
});
