import { tmpdir } from 'node:os';
import { buildApp, createLogger, loadConfig, type Runner, type ServerConfig } from '@rumbo/server';
import type { TestDatabase } from './db.ts';

/**
 * The in-process HTTP app over a test file's database, ready for `app.inject` (or `listen`).
 * One set-up for the API tests instead of a copy of loadConfig → buildApp → ready in each.
 */

export type TestApp = Awaited<ReturnType<typeof buildApp>>;
export type TestLogger = ReturnType<typeof createLogger>;

export interface TestAppOptions {
  /** Environment on top of `DATABASE_URL` (e.g. `SMS_URL`); read by `loadConfig` as in `main.ts`. */
  env?: Record<string, string>;
  /**
   * The runner the app starts on `ready()` and stops on `close()`, made from the loaded config
   * and the app's logger. Without it the app is API-only (health reports the runner disabled).
   */
  runner?: (config: ServerConfig, logger: TestLogger) => Runner;
}

/**
 * Loads the config from `DATABASE_URL` plus `options.env` (cwd and web dist in the OS temp
 * folder, so no built web app is served), builds the app with a silent logger and waits for
 * `ready()`. A bad environment throws with `loadConfig`'s one-line error. Close it with
 * `app.close()`.
 */
export async function buildTestApp(
  database: Pick<TestDatabase, 'url' | 'db'>,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const loaded = loadConfig(
    { ...options.env, DATABASE_URL: database.url },
    { cwd: tmpdir(), webDistDir: tmpdir() },
  );
  if (!loaded.ok) throw new Error(`the test app's configuration is invalid: ${loaded.error}`);
  const logger = createLogger('silent');
  const runner = options.runner?.(loaded.config, logger) ?? null;
  const app = await buildApp({ config: loaded.config, db: database.db, runner, logger });
  await app.ready();
  return app;
}
