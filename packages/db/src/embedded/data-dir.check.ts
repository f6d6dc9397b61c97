import { readdir, readFile, readlink, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DatabaseStartError } from './embedded-postgres.errors.ts';

const MOVE_AWAY =
  'Nothing was changed. Move the directory away (or point RUMBO_DATA_DIR at another one) to start with an empty database, or restore it from a backup.';

/**
 * What is in the data directory: nothing yet (initialise it), or a PostgreSQL cluster of the
 * bundled major version. Anything else throws a located error and touches nothing.
 */
export async function inspectDataDir(dataDir: string, major: number): Promise<'empty' | 'cluster'> {
  const entries = await readdir(dataDir).catch((error: unknown) => {
    throw new DatabaseStartError(
      'data_dir_unreachable',
      dataDir,
      `Cannot read the data directory ${dataDir} (${error instanceof Error ? error.message : String(error)}). Check that it is a directory this user may read.`,
      error,
    );
  });
  if (entries.length === 0) return 'empty';
  if (!entries.includes('PG_VERSION')) {
    throw new DatabaseStartError(
      'data_dir_foreign',
      dataDir,
      `${dataDir} is not a PostgreSQL data directory: it has files but no PG_VERSION. ${MOVE_AWAY}`,
    );
  }
  const version = (await readFile(join(dataDir, 'PG_VERSION'), 'utf8')).trim();
  if (!/^\d+$/.test(version)) {
    throw new DatabaseStartError(
      'data_dir_corrupt',
      dataDir,
      `The PostgreSQL data directory ${dataDir} is damaged (PG_VERSION reads "${version.slice(0, 20)}"). ${MOVE_AWAY}`,
    );
  }
  if (Number(version) !== major) {
    throw new DatabaseStartError(
      'data_dir_version',
      dataDir,
      `The PostgreSQL data directory ${dataDir} was made by PostgreSQL ${version}; the embedded server is ${major}. Run a PostgreSQL ${version} server and set DATABASE_URL to it, or move the directory away to start afresh.`,
    );
  }
  if (!(await exists(join(dataDir, 'global', 'pg_control')))) {
    throw new DatabaseStartError(
      'data_dir_corrupt',
      dataDir,
      `The PostgreSQL data directory ${dataDir} is incomplete (global/pg_control is missing). ${MOVE_AWAY}`,
    );
  }
  return 'cluster';
}

/**
 * When Rumbo runs as root, PostgreSQL runs as the `postgres` user, which must be able to
 * enter every parent of the data directory. Checked up front so the error names the culprit.
 */
export async function assertReachableByPostgresUser(dataDir: string): Promise<void> {
  const blocked = await closedParents(dataDir);
  if (blocked !== null) {
    throw new DatabaseStartError(
      'data_dir_unreachable',
      dataDir,
      `PostgreSQL runs as the "postgres" user when Rumbo runs as root, and it cannot enter ${blocked} (a parent of the data directory ${dataDir}). Use a data directory under a path others can enter, or run: chmod o+x ${blocked}`,
    );
  }
}

/**
 * The same for the PostgreSQL programs shipped in node_modules: a checkout under a folder
 * only root may enter (`/root`, a `mktemp -d` folder) leaves initdb unreachable, and the
 * spawn would fail with a bare EACCES.
 */
export async function assertBinariesReachableByPostgresUser(initdb: string): Promise<void> {
  const blocked = await closedParents(initdb);
  if (blocked !== null) {
    throw new DatabaseStartError(
      'binaries_unreachable',
      blocked,
      `PostgreSQL runs as the "postgres" user when Rumbo runs as root, and it cannot enter ${blocked} to reach its programs (${initdb}). Run: chmod o+x ${blocked} (lets others pass through, not list it), or put the project under a folder others can enter, or set DATABASE_URL.`,
    );
  }
}

/** The parent directories of `path` that others may not pass through (outermost first), or null. */
async function closedParents(path: string): Promise<string | null> {
  const closed: string[] = [];
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const info = await stat(dir);
    if ((info.mode & 0o001) === 0) closed.unshift(dir);
    if (dirname(dir) === dir) return closed.length > 0 ? closed.join(' ') : null;
  }
}

export type StalePidOutcome = 'none' | 'removed-stale' | 'stopped-orphan';

/**
 * A `postmaster.pid` left by a server that died (`kill -9`, power loss) must not block the
 * next start. PostgreSQL itself refuses to start when the pid in the file belongs to any live
 * process (pid reuse in containers makes that common), so decide here: a dead pid or a live
 * non-postgres process means the file is stale; a postgres orphaned by a killed Rumbo
 * (re-parented to init or a subreaper) is stopped cleanly; a postgres whose parent is a live
 * Node process (another Rumbo) is an error.
 */
export async function clearStalePostmasterPid(dataDir: string): Promise<StalePidOutcome> {
  const file = join(dataDir, 'postmaster.pid');
  const content = await readFile(file, 'utf8').catch(() => null);
  if (content === null) return 'none';
  const [pidLine = '', , , portLine = ''] = content.split('\n');
  const pid = Number.parseInt(pidLine, 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !(await isPostgres(pid))) {
    await rm(file, { force: true });
    return 'removed-stale';
  }
  const parent = await parentPid(pid);
  if (parent !== null && (await isOrphanParent(parent))) {
    await stopProcess(pid);
    return 'stopped-orphan';
  }
  throw new DatabaseStartError(
    'already_running',
    dataDir,
    `PostgreSQL is already running on the data directory ${dataDir} (pid ${pid}, port ${portLine.trim()}), started by process ${parent ?? 'unknown'}. Stop that process first, or set DATABASE_URL to use that server.`,
  );
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

async function isPostgres(pid: number): Promise<boolean> {
  const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => null);
  // Without /proc (macOS) a live pid is taken at its word.
  return comm === null || comm.trim().startsWith('postgres');
}

/**
 * Orphans are adopted by pid 1 or a subreaper (systemd, tini); a live owner is a Node process.
 * The executable is checked, not the name: Node workers rename themselves (`MainThread`).
 */
async function isOrphanParent(ppid: number): Promise<boolean> {
  if (ppid <= 1) return true;
  const exe = await readlink(`/proc/${ppid}/exe`).catch(() => null);
  return exe !== null && !/node[^/]*$/i.test(basename(exe));
}

async function parentPid(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  // Fields after the parenthesised command name: state, ppid, …
  const fields = status?.slice(status.lastIndexOf(')') + 2).split(' ');
  const ppid = Number.parseInt(fields?.[1] ?? '', 10);
  return Number.isInteger(ppid) ? ppid : null;
}

/** SIGINT is PostgreSQL's "fast shutdown"; waits up to `timeoutMs`, then SIGKILL. */
export async function stopProcess(pid: number, timeoutMs = 30_000): Promise<void> {
  signal(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      signal(pid, 'SIGKILL');
      await sleep(200);
      return;
    }
    await sleep(50);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
