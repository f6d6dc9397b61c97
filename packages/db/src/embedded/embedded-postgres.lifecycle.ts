import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import {
  assertBinariesReachableByPostgresUser,
  assertReachableByPostgresUser,
  clearStalePostmasterPid,
  inspectDataDir,
  sleep,
} from './data-dir.check.ts';
import { DatabaseStartError } from './embedded-postgres.errors.ts';
import { loadEmbeddedPostgres, trackRunning } from './exit-hooks.ts';
import { findFreePort, isPortFree } from './free-port.ts';
import { embeddedSharedBuffersMb } from './server-settings.ts';
import { classifyStartFailure, type StartFailure } from './start-failure.ts';

/** Major version of the server the `embedded-postgres` package ships. */
export const EMBEDDED_POSTGRES_MAJOR = 17;
/** The database Rumbo uses inside the embedded cluster. */
export const EMBEDDED_DATABASE = 'rumbo';

const USER = 'postgres';
const PASSWORD_FILE = 'rumbo.password';
const PORT_FILE = 'rumbo.port';
const START_TIMEOUT_MS = 120_000;

export type StartEmbeddedPostgresOptions = {
  /** The PostgreSQL data directory (the cluster itself); created and initialised when empty. */
  dataDir: string;
  /** Fixed port; default: the port used last time when free, else any free port. */
  port?: number;
  /** PostgreSQL's own log lines; default: dropped (they are kept for error messages). */
  onLog?: (line: string) => void;
};

export type EmbeddedPostgres = {
  /** `postgres://…@127.0.0.1:port/rumbo`, with the cluster's generated password. */
  url: string;
  port: number;
  dataDir: string;
  /** The postmaster's pid. */
  pid: number;
  /** Fast shutdown (SIGINT), waiting for the server to exit; idempotent; fine after a crash. */
  stop: () => Promise<void>;
};

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package on 127.0.0.1 with its data in
 * `dataDir`. Initialises the directory when empty, never touches one it does not recognise,
 * recovers from a previous `kill -9` (stale `postmaster.pid`, a still-attached shared memory
 * block) and creates the `rumbo` database on first start. Errors are `DatabaseStartError`s
 * naming the directory and what to do.
 */
export async function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const asRoot = process.getuid?.() === 0;
  await mkdir(dataDir, { recursive: true }).catch((error: unknown) => {
    throw new DatabaseStartError(
      'data_dir_unreachable',
      dataDir,
      `Cannot create or open the data directory ${dataDir} (${error instanceof Error ? error.message : String(error)}). Choose a directory Rumbo may write to (RUMBO_DATA_DIR).`,
      error,
    );
  });
  if (asRoot) {
    await assertReachableByPostgresUser(dataDir);
    await assertBinariesReachableByPostgresUser(embeddedInitdbPath());
  }
  const state = await inspectDataDir(dataDir, EMBEDDED_POSTGRES_MAJOR);
  const log = createLogBuffer(options.onLog);
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const password =
    state === 'empty' ? randomBytes(18).toString('base64url') : await readPassword(dataDir);
  const makeServer = (port: number) =>
    new EmbeddedPostgresServer({
      databaseDir: dataDir,
      port,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: asRoot,
      // UTF-8 whatever the host's locales; PG 17's builtin provider needs no OS locale.
      initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      // TCP on loopback only: no socket files in /tmp to go stale or clash with other clusters.
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        `shared_buffers=${embeddedSharedBuffersMb(totalmem())}MB`,
      ],
      onLog: log.push,
      onError: (error) => log.push(String(error)),
    });
  if (state === 'empty') {
    await initialise(makeServer(0), dataDir, log);
    await writeFile(join(dataDir, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
  } else {
    await clearStalePostmasterPid(dataDir);
  }
  const { server, port } = await startWithRetries(makeServer, dataDir, options.port, log);
  await writeFile(join(dataDir, PORT_FILE), `${port}\n`);
  const child = childOf(server);
  const baseUrl = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  await ensureDatabase(`${baseUrl}/postgres`, EMBEDDED_DATABASE);
  let stopped: Promise<void> | null = null;
  const stop = () => {
    untrack();
    stopped ??= stopServer(server, child);
    return stopped;
  };
  const untrack = trackRunning(stop, child?.pid ?? 0);
  return { url: `${baseUrl}/${EMBEDDED_DATABASE}`, port, dataDir, pid: child?.pid ?? 0, stop };
}

/** Where the platform package of `embedded-postgres` keeps initdb (beside pg_ctl and postgres). */
function embeddedInitdbPath(): string {
  const fromDb = createRequire(import.meta.url);
  const fromLibrary = createRequire(fromDb.resolve('embedded-postgres'));
  const platformPackage = fromLibrary.resolve(
    `@embedded-postgres/${process.platform}-${process.arch}`,
  );
  return resolve(platformPackage, '..', '..', 'native', 'bin', 'initdb');
}

type Server = {
  initialise: () => Promise<void>;
  start: () => Promise<void>;
  stop: () => Promise<void>;
};

async function initialise(server: Server, dataDir: string, log: LogBuffer): Promise<void> {
  try {
    await server.initialise();
  } catch (error) {
    throw new DatabaseStartError(
      'start_failed',
      dataDir,
      `Could not initialise a PostgreSQL data directory in ${dataDir}: ${log.tail()}`,
      error,
    );
  }
}

async function startWithRetries(
  makeServer: (port: number) => Server,
  dataDir: string,
  fixedPort: number | undefined,
  log: LogBuffer,
): Promise<{ server: Server; port: number }> {
  let port = fixedPort ?? (await rememberedPort(dataDir)) ?? (await findFreePort());
  for (let attempt = 1; ; attempt++) {
    const server = makeServer(port);
    log.clear();
    const failure = await startOnce(server, log);
    if (failure === null) return { server, port };
    if (failure.kind === 'port_in_use' && fixedPort === undefined && attempt < 5) {
      port = await findFreePort();
      continue;
    }
    // After a kill -9 the old server's children may hold the shared memory a moment longer.
    if (failure.kind === 'shared_memory_in_use' && attempt < 40) {
      await sleep(250);
      continue;
    }
    throw startError(failure, dataDir, port, log);
  }
}

async function startOnce(server: Server, log: LogBuffer): Promise<StartFailure | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((done) => {
    timer = setTimeout(() => done('timeout'), START_TIMEOUT_MS);
  });
  try {
    const outcome = await Promise.race([server.start().then(() => 'started' as const), timeout]);
    if (outcome === 'started') return null;
    await server.stop();
    return { kind: 'timeout' };
  } catch {
    return classifyStartFailure(log.text());
  } finally {
    clearTimeout(timer);
  }
}

function startError(failure: StartFailure, dataDir: string, port: number, log: LogBuffer) {
  switch (failure.kind) {
    case 'port_in_use':
      return new DatabaseStartError(
        'port_in_use',
        dataDir,
        `Port ${port} on 127.0.0.1 is already in use, so PostgreSQL for ${dataDir} cannot start. Free the port or choose another one.`,
      );
    case 'corrupt':
      return new DatabaseStartError(
        'data_dir_corrupt',
        dataDir,
        `The PostgreSQL data directory ${dataDir} is damaged and the server refused to start (${failure.detail}). Nothing was changed. Restore it from a backup, or move it away to start with an empty database.`,
      );
    case 'foreign':
      return new DatabaseStartError(
        'data_dir_foreign',
        dataDir,
        `PostgreSQL cannot use the data directory ${dataDir} (${failure.detail}). Nothing was changed. Fix its owner and permissions, or move it away to start with an empty database.`,
      );
    case 'already_running':
      return new DatabaseStartError(
        'already_running',
        dataDir,
        `Another PostgreSQL is already running on the data directory ${dataDir}. Stop it first, or set DATABASE_URL to use it.`,
      );
    case 'shared_memory_in_use':
    case 'timeout':
    case 'unknown':
      return new DatabaseStartError(
        'start_failed',
        dataDir,
        `PostgreSQL for ${dataDir} did not start (${failure.kind}): ${log.tail()}`,
      );
  }
}

async function rememberedPort(dataDir: string): Promise<number | null> {
  const text = await readFile(join(dataDir, PORT_FILE), 'utf8').catch(() => '');
  const port = Number.parseInt(text, 10);
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) return null;
  return (await isPortFree(port)) ? port : null;
}

async function readPassword(dataDir: string): Promise<string> {
  const password = (await readFile(join(dataDir, PASSWORD_FILE), 'utf8').catch(() => '')).trim();
  if (password === '') {
    throw new DatabaseStartError(
      'data_dir_foreign',
      dataDir,
      `The PostgreSQL data directory ${dataDir} was not created by Rumbo (${PASSWORD_FILE} is missing), so Rumbo cannot sign in to it. Set DATABASE_URL to use that server, or move the directory away to start with an empty database.`,
    );
  }
  return password;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0)
      await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** The library keeps its child process private; we need it to tell a crashed server from a live one. */
function childOf(server: Server): ChildProcess | null {
  const child: unknown = Reflect.get(server, 'process');
  return child instanceof ChildProcess ? child : null;
}

async function stopServer(server: Server, child: ChildProcess | null): Promise<void> {
  if (child === null || child.exitCode !== null || child.signalCode !== null) {
    // Already dead (kill -9): the library would wait forever for an exit event that has passed.
    Reflect.set(server, 'process', undefined);
    return;
  }
  await server.stop();
}

type LogBuffer = ReturnType<typeof createLogBuffer>;

/** Keeps PostgreSQL's last lines so a failed start can say why. */
function createLogBuffer(forward: ((line: string) => void) | undefined) {
  let lines: string[] = [];
  return {
    push: (message: string) => {
      forward?.(message);
      lines.push(...message.split('\n').filter((line) => line.trim() !== ''));
      if (lines.length > 200) lines = lines.slice(-100);
    },
    clear: () => {
      lines = [];
    },
    text: () => lines.join('\n'),
    tail: () => lines.slice(-8).join(' | ') || 'no output',
  };
}
