import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  DatabaseStartError,
  type EmbeddedPostgres,
  embeddedSharedBuffersMb,
  startEmbeddedPostgres,
} from '@rumbo/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Each test gets its own data directory under one temp parent; every server started here is
// stopped in afterAll even when a test fails half-way. initdb runs once (the first test); the
// other tests start from a copy of that stopped cluster, which is much faster.

let parent: string;
let seed: string | null = null;
const started: EmbeddedPostgres[] = [];

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'rumbo-db-embedded-'));
  // The server runs as `postgres` when the tests run as root: it must enter the parent.
  await chmod(parent, 0o755);
});

/** A stopped, initialised cluster in a new directory (`cp -a` keeps the `postgres` owner). */
async function stoppedCluster(name: string): Promise<string> {
  if (seed === null) {
    const dir = join(parent, 'seed');
    await (await start(dir)).stop();
    seed = dir;
  }
  const dataDir = join(parent, name);
  await promisify(execFile)('cp', ['-a', seed, dataDir]);
  return dataDir;
}

afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
  await rm(parent, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedPostgres({ dataDir });
  started.push(server);
  return server;
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number): Promise<void> {
  for (let i = 0; i < 200 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 25));
}

async function startError(dataDir: string): Promise<DatabaseStartError> {
  const error: unknown = await startEmbeddedPostgres({ dataDir }).then(
    (server) => {
      started.push(server);
      return null;
    },
    (failure: unknown) => failure,
  );
  if (!(error instanceof DatabaseStartError))
    throw new Error(`expected a DatabaseStartError, got ${String(error)}`);
  return error;
}

describe('startEmbeddedPostgres', () => {
  it('initialises an empty directory and keeps the data and the port across stop and start', async () => {
    const dataDir = join(parent, 'keeps');
    const first = await start(dataDir);
    await query(first.url, 'create table notes (body text)');
    await query(first.url, "insert into notes values ('¡Hola, Año Nuevo!')");
    const [version] = await query<{ major: string }>(first.url, 'show server_version_num');
    await first.stop();
    expect(isAlive(first.pid)).toBe(false);

    const second = await start(dataDir);

    expect(second.port).toBe(first.port);
    expect(await query(second.url, 'select body from notes')).toEqual([
      { body: '¡Hola, Año Nuevo!' },
    ]);
    expect(Number(Object.values(version ?? {})[0]) / 10_000).toBeGreaterThanOrEqual(17);
    // shared_buffers is sized for the machine, not PostgreSQL's 128 MB default.
    const [buffers] = await query<{ mb: string }>(
      second.url,
      "select (setting::bigint * 8192 / 1048576)::text as mb from pg_settings where name = 'shared_buffers'",
    );
    expect(buffers?.mb).toBe(String(embeddedSharedBuffersMb(totalmem())));
    await second.stop();
  });

  it('starts again after the server was killed with SIGKILL, with committed data intact', async () => {
    const dataDir = await stoppedCluster('killed');
    const first = await start(dataDir);
    await query(first.url, 'create table t (x int); insert into t values (42)');
    process.kill(first.pid, 'SIGKILL');
    await waitForExit(first.pid);
    expect(await readdir(dataDir)).toContain('postmaster.pid');

    const second = await start(dataDir);

    expect(await query(second.url, 'select x from t')).toEqual([{ x: 42 }]);
    await first.stop();
    await second.stop();
  });

  it('starts again after the process that owned the server was killed, stopping the orphan', async () => {
    const dataDir = await stoppedCluster('orphan');
    const orphanPid = await startInChildThenKillChild(dataDir);
    expect(isAlive(orphanPid)).toBe(true);

    const server = await start(dataDir);

    expect(isAlive(orphanPid)).toBe(false);
    expect(await query(server.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    await server.stop();
  });

  it('stops the server and exits 143 on SIGTERM when the app has no handler of its own', async () => {
    const dataDir = await stoppedCluster('sigterm-default');
    const child = await startInChild(dataDir, 'setInterval(() => {}, 1000)');

    child.signal('SIGTERM');

    expect(await child.exit).toBe(143);
    await waitForExit(child.postgresPid);
    expect(isAlive(child.postgresPid)).toBe(false);
    expect(await readdir(dataDir)).not.toContain('postmaster.pid');
  });

  it("leaves shutdown to the app's own SIGTERM handler, which stops the server itself", async () => {
    const dataDir = await stoppedCluster('sigterm-app');
    const child = await startInChild(
      dataDir,
      `const keep = setInterval(() => {}, 1000);
       process.on('SIGTERM', async () => {
         await new Promise((r) => setTimeout(r, 300));
         const handle = db.createDb(server.url);
         await handle.pool.query('select 1');
         await handle.close();
         await server.stop(); clearInterval(keep); process.exitCode = 0;
       });`,
    );

    child.signal('SIGTERM');

    expect(await child.exit).toBe(0);
    expect(isAlive(child.postgresPid)).toBe(false);
  });

  it('refuses a second start on a directory another live process is serving', async () => {
    const dataDir = await stoppedCluster('busy');
    const first = await start(dataDir);

    const error = await startError(dataDir);

    expect(error.code).toBe('already_running');
    expect(error.message).toContain(dataDir);
    expect(await query(first.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    await first.stop();
  });

  it('refuses a directory of unrelated files, naming it, and leaves the files untouched', async () => {
    const dataDir = join(parent, 'garbage');
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'vacaciones.jpg'), 'not a database');

    const error = await startError(dataDir);

    expect(error.code).toBe('data_dir_foreign');
    expect(error.message).toContain(dataDir);
    expect(error.message).toMatch(/Move the directory away/);
    expect(await readdir(dataDir)).toEqual(['vacaciones.jpg']);
    expect(await readFile(join(dataDir, 'vacaciones.jpg'), 'utf8')).toBe('not a database');
  });

  it('reports a cluster with a damaged control file as corrupt, naming the directory', async () => {
    const dataDir = await stoppedCluster('damaged');
    await writeFile(join(dataDir, 'global', 'pg_control'), Buffer.alloc(8192, 0x5a));

    const error = await startError(dataDir);

    expect(error.code).toBe('data_dir_corrupt');
    expect(error.message).toContain(dataDir);
    expect(error.message).toMatch(/restore it from a backup/i);
  });

  it('names the path when the data directory is a file', async () => {
    const dataDir = join(parent, 'a-file');
    await writeFile(dataDir, 'not a directory');

    const error = await startError(dataDir);

    expect(error.code).toBe('data_dir_unreachable');
    expect(error.message).toContain(dataDir);
    expect(await readFile(dataDir, 'utf8')).toBe('not a directory');
  });

  it('refuses a data directory of another PostgreSQL major version', async () => {
    const dataDir = join(parent, 'old-version');
    await mkdir(join(dataDir, 'global'), { recursive: true });
    await writeFile(join(dataDir, 'PG_VERSION'), '13\n');
    await writeFile(join(dataDir, 'global', 'pg_control'), '');

    const error = await startError(dataDir);

    expect(error.code).toBe('data_dir_version');
    expect(error.message).toContain('PostgreSQL 13');
    expect(error.message).toContain(dataDir);
  });
});

const DB_ENTRY = fileURLToPath(new URL('../../packages/db/src/index.ts', import.meta.url));

type Child = { postgresPid: number; exit: Promise<number | null> };

/**
 * Runs `startEmbeddedPostgres` in a child Node process, then `then` (a snippet with `server`
 * and the `db` package in scope); resolves once the child reported the postmaster's pid.
 */
async function startInChild(
  dataDir: string,
  then: string,
): Promise<Child & { signal: (s: NodeJS.Signals) => void }> {
  const script = `
    const db = await import(${JSON.stringify(DB_ENTRY)});
    const server = await db.startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
    process.stdout.write(String(server.pid) + '\\n', () => { ${then} });
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pid = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(Number.parseInt(output, 10));
    });
    void exit.then(() => reject(new Error(`child exited before reporting a pid: ${output}`)));
  });
  return { postgresPid: pid, exit, signal: (name) => child.kill(name) };
}

/** Starts the server from a child Node process that then dies by SIGKILL; returns the orphan's pid. */
async function startInChildThenKillChild(dataDir: string): Promise<number> {
  const child = await startInChild(dataDir, "process.kill(process.pid, 'SIGKILL')");
  await child.exit;
  return child.postgresPid;
}
