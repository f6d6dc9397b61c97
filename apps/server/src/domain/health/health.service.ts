import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { RunnerStatus } from '../../runtime/runner.ts';

export interface DatabaseStatus {
  ok: boolean;
  version: string | null;
  error: string | null;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  database: DatabaseStatus;
  runner: RunnerStatus;
}

/** Health must answer even when PostgreSQL hangs, so the probe has its own deadline. */
const PROBE_TIMEOUT_MS = 3_000;

async function probeDatabase(db: Database): Promise<DatabaseStatus> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer within 3 s')), PROBE_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([
      db.execute<{ version: string }>(sql`select current_setting('server_version') as version`),
      deadline,
    ]);
    return { ok: true, version: result.rows[0]?.version ?? null, error: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, version: null, error: `database unreachable: ${reason}` };
  } finally {
    clearTimeout(timer);
  }
}

/** The database decides up or down; a stopped runner only degrades (API-only processes). */
export async function checkHealth(db: Database, runner: RunnerStatus): Promise<HealthReport> {
  const database = await probeDatabase(db);
  const status = !database.ok ? 'down' : runner.ok ? 'ok' : 'degraded';
  return { status, database, runner };
}
