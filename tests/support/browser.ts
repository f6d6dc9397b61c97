import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** The built web app the server under test serves (`RUMBO_WEB_DIST` for a private build). */
export const WEB_DIST =
  process.env.RUMBO_WEB_DIST ?? fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));
/** Screenshots for people to look at; ignored by git. */
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** Fails with how to build when the web app is missing, and makes the screenshot folder. */
export function prepareE2e(): void {
  if (!existsSync(`${WEB_DIST}/index.html`)) {
    throw new Error(
      `The web app is not built (${WEB_DIST}index.html is missing). ` +
        'Run `pnpm --filter @rumbo/web run build` first; `npm test` does it for you.',
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
}

/**
 * Collects uncaught page errors and console errors into `problems`, which every end-to-end
 * test expects to stay empty; `expected` lets a test name console errors it provokes.
 */
export function recordProblems(
  page: Page,
  problems: string[],
  expected: (text: string) => boolean = () => false,
): void {
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected(message.text())) problems.push(message.text());
  });
}

/** Saves `tests/artifacts/<name>.png`. */
export function saveScreenshot(page: Page, name: string, fullPage = true): Promise<Buffer> {
  return page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage });
}

/** Flags for a headless Chromium in containers and CI: no sandbox, no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where Chromium is: `CHROMIUM_PATH` when set, otherwise the Debian package's binary. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/**
 * Starts the system's Chromium through playwright-core (never `playwright install`).
 * Fails with a message that says how to get Chromium when it is missing.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it (Debian: apt-get install -y chromium) ` +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}
