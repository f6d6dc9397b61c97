import type { Browser, Page } from 'playwright-core';
import { apiJson, type StartedApp, startApp } from '../../support/app.ts';
import { launchBrowser, prepareE2e, recordProblems, WEB_DIST } from '../../support/browser.ts';
import { createTestDatabase } from '../../support/db.ts';

export type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/** One e2e file's world: its database, the real server on it, Chromium and one Spanish page. */
export interface E2eSession {
  database: TestDatabase;
  app: StartedApp;
  browser: Browser;
  page: Page;
  /** Console errors and failed requests the page saw; a test expects it empty. */
  problems: string[];
  /** The demo workspace the server seeded on its first start. */
  workspaceId: string;
  /** A JSON call to the server's API; a non-2xx answer throws with its body. */
  api(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** A fresh context with one page in Spanish at 1440×900, recording its console problems. */
export async function openPage(
  browser: Browser,
): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({
    locale: 'es-ES',
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  recordProblems(page, problems);
  return { page, problems, close: () => context.close() };
}

async function startAppAndBrowser(database: TestDatabase, env: Record<string, string>) {
  const app = await startApp({
    databaseUrl: database.url,
    env: { RUMBO_WEB_DIST: WEB_DIST, ...env },
  });
  try {
    return { app, browser: await launchBrowser() };
  } catch (error) {
    await app.stop();
    throw error;
  }
}

/**
 * Starts what every browser test of a campaign screen needs: a fresh database, the server
 * process serving the built web app (it seeds the demo on first start), Chromium and a page
 * in Spanish at 1440×900 whose console problems are recorded.
 */
export async function startE2eSession(
  label: string,
  env: Record<string, string> = {},
): Promise<E2eSession> {
  prepareE2e();
  const database = await createTestDatabase(label);
  // A half-started world must not outlive the file: what did start is stopped on failure.
  const { app, browser } = await startAppAndBrowser(database, env).catch(async (error) => {
    await database.close();
    throw error;
  });
  const { rows } = await database.pool.query<{ id: string }>('SELECT id FROM workspaces LIMIT 1');
  const workspaceId = rows[0]?.id;
  if (workspaceId === undefined) throw new Error('the server seeded no demo workspace');
  const { page, problems } = await openPage(browser);
  return {
    database,
    app,
    browser,
    page,
    problems,
    workspaceId,
    api: (method, path, body) => apiJson(app.baseUrl, method, path, body),
    async close() {
      await browser.close();
      await app.stop();
      await database.close();
    },
  };
}
