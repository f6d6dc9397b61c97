import { join, resolve } from 'node:path';
import pg from 'pg';
import { DatabaseStartError } from './embedded-postgres.errors.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.lifecycle.ts';

/** Oldest server Rumbo supports (DESIGN §9). */
export const MIN_POSTGRES_VERSION_NUM = 140_000;
const CONNECT_TIMEOUT_MS = 5_000;

export type ResolveDatabaseOptions = {
  /** `DATABASE_URL`; unset or empty = use the embedded server. */
  databaseUrl?: string | undefined;
  /** `RUMBO_DATA_DIR`; the embedded cluster lives in its `postgres/` subdirectory. */
  dataDir: string;
  onLog?: (line: string) => void;
};

export type ResolvedDatabase = {
  url: string;
  /** The embedded server when one was started, else null. */
  embedded: EmbeddedPostgres | null;
  /** Stops the embedded server; does nothing for an external one. */
  stop: () => Promise<void>;
};

/**
 * The database the server should use: `databaseUrl` when set (checked to be reachable and
 * PostgreSQL ≥ 14, never started or stopped by us), else the embedded server in
 * `<dataDir>/postgres`. Failures are `DatabaseStartError`s whose message names the host or
 * the directory, never the password.
 */
export async function resolveDatabase(options: ResolveDatabaseOptions): Promise<ResolvedDatabase> {
  const url = options.databaseUrl?.trim();
  if (url !== undefined && url !== '') {
    await checkExternalDatabase(url);
    return { url, embedded: null, stop: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: join(resolve(options.dataDir), 'postgres'),
    ...(options.onLog === undefined ? {} : { onLog: options.onLog }),
  });
  return { url: embedded.url, embedded, stop: embedded.stop };
}

/** Connects once and reads the server version; throws a located error when it cannot. */
export async function checkExternalDatabase(url: string): Promise<void> {
  const location = describeUrl(url);
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  client.on('error', () => undefined);
  let versionNum: number;
  try {
    await client.connect();
    const result = await client.query<{ v: string }>(
      "select current_setting('server_version_num') as v",
    );
    versionNum = Number(result.rows[0]?.v);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseStartError(
      'database_unreachable',
      location,
      `Cannot connect to the database at ${location} given by DATABASE_URL (${reason}). Check that the server is running and the URL is right, or unset DATABASE_URL to use the embedded database.`,
      error,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!(versionNum >= MIN_POSTGRES_VERSION_NUM)) {
    throw new DatabaseStartError(
      'database_too_old',
      location,
      `The database at ${location} runs PostgreSQL ${formatVersion(versionNum)}; Rumbo needs 14 or newer. Upgrade it, or unset DATABASE_URL to use the embedded database.`,
    );
  }
}

/** `host:port/database`: where, without user or password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname === '' ? 'localhost' : parsed.hostname;
    return `${host}:${parsed.port === '' ? '5432' : parsed.port}${parsed.pathname}`;
  } catch {
    return 'an unparsable DATABASE_URL';
  }
}

function formatVersion(versionNum: number): string {
  return Number.isFinite(versionNum) ? `${Math.floor(versionNum / 10_000)}` : 'of unknown version';
}
