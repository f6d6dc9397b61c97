import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runServer, spawnServer, startApp } from '../support/app.ts';
import { createTestDatabase } from '../support/db.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase('server-process');
});

afterAll(async () => {
  await database?.close();
});

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

describe('rumbo process start-up', () => {
  it('stops with exit code 2 and one line naming a malformed variable', async () => {
    const result = await runServer(['serve'], { PORT: 'tres-mil', DATABASE_URL: database.url });
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      'rumbo: invalid environment variable PORT: expected a whole number between 0 and 65535, got "tres-mil"',
    ]);
  });

  it('stops with exit code 2 on an unknown command', async () => {
    const result = await runServer(['despegar'], { DATABASE_URL: database.url });
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([expect.stringContaining('unknown command "despegar"')]);
  });

  it('says the database is unreachable and exits non-zero', async () => {
    const port = await freePort();
    const result = await runServer(['serve'], {
      DATABASE_URL: `postgres://rumbo:secreto@127.0.0.1:${port}/rumbo`,
    });
    expect(result.code).toBe(1);
    const [line, ...rest] = lines(result.stderr);
    expect(rest).toEqual([]);
    expect(line).toContain(`rumbo: Cannot connect to the database at 127.0.0.1:${port}/rumbo`);
    expect(result.stderr).not.toContain('secreto');
  });

  it('names a damaged embedded data directory and what to do, leaving it untouched', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rumbo-damaged-'));
    try {
      // PostgreSQL runs as another user when the tests run as root; it must enter the folder.
      await chmod(dataDir, 0o755);
      await mkdir(join(dataDir, 'postgres'), { mode: 0o755 });
      await writeFile(join(dataDir, 'postgres', 'PG_VERSION'), 'hola\n');
      const result = await runServer(['serve'], { RUMBO_DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      const [line, ...rest] = lines(result.stderr);
      expect(rest).toEqual([]);
      expect(line).toMatch(
        /^rumbo: The PostgreSQL data directory .*rumbo-damaged-.*\/postgres is damaged/,
      );
      expect(line).toContain('RUMBO_DATA_DIR');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('reports a port already in use as such', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const result = await runServer(['serve'], {
        DATABASE_URL: database.url,
        PORT: String(port),
        HOST: '127.0.0.1',
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`rumbo: port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('migrates and exits 0 with `migrate`', async () => {
    const result = await runServer(['migrate'], { DATABASE_URL: database.url });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('database migrated');
  });

  it('serves health and the seeded campaigns, then stops cleanly on SIGTERM', async () => {
    const app = await startApp({ databaseUrl: database.url });
    try {
      const health = await fetch(`${app.baseUrl}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({
        status: 'ok',
        database: { ok: true },
        runner: { ok: true },
      });
      const list = await fetch(`${app.baseUrl}/api/v1/campaigns`);
      // Two seed drafts and the running test-mode demo campaign.
      expect((await list.json()).items).toHaveLength(3);
    } finally {
      expect(await app.stop()).toBe(0);
    }
    expect(app.output()).toContain('runner stopped');
  });

  it('runs a worker that starts pg-boss and stops cleanly on SIGTERM', async () => {
    const child = spawnServer(['worker'], { DATABASE_URL: database.url });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 30_000;
    while (!output.includes('worker ready') && Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(output).toContain('worker ready');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(output).toContain('runner stopped');
  });
});
