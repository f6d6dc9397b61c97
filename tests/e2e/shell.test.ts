import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CampaignList } from '@rumbo/flow';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedApp, startApp } from '../support/app.ts';
import { ARTIFACTS, launchBrowser, recordProblems, saveScreenshot } from '../support/browser.ts';
import { createTestDatabase } from '../support/db.ts';

/**
 * The web shell end to end: the real server (which seeds the demo workspace on start) on a
 * fresh database, the built app, a real Chromium. A Spanish-speaking marketer opens Rumbo,
 * finds the demo campaigns, switches to English, and the choice survives a reload.
 */

const DIST_INDEX = fileURLToPath(new URL('../../apps/web/dist/index.html', import.meta.url));

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: StartedApp;
let browser: Browser;
let demo: CampaignList;

beforeAll(async () => {
  if (!existsSync(DIST_INDEX)) {
    throw new Error(
      `The web app is not built (${DIST_INDEX} is missing). ` +
        'Run `pnpm --filter @rumbo/web run build` first; `npm test` does it for you.',
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  database = await createTestDatabase('e2e-shell');
  app = await startApp({ databaseUrl: database.url });
  browser = await launchBrowser();
  const response = await fetch(`${app.baseUrl}/api/v1/campaigns`);
  demo = CampaignList.parse(await response.json());
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.close();
});

interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors and console errors the page produced; a healthy screen has none. */
  problems: string[];
}

async function openPage(locale: string): Promise<OpenedPage> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  recordProblems(page, problems);
  return { context, page, problems };
}

const screenshot = saveScreenshot;

const rowTexts = (page: Page) => page.locator('tbody tr').allInnerTexts();

describe('web shell', () => {
  it('has demo campaigns to show (the server seeds them on first start)', () => {
    expect(demo.items.length).toBeGreaterThanOrEqual(2);
  });

  it('shows the demo campaigns in Spanish, switches to English, and keeps English after a reload', async () => {
    const { context, page, problems } = await openPage('es-ES');

    await page.goto(`${app.baseUrl}/`);
    await page.waitForURL('**/campaigns');
    await page.getByRole('heading', { level: 1, name: 'Campañas' }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.title()).toBe('Campañas · Rumbo');

    expect(await page.getByRole('navigation').getAttribute('aria-label')).toBe(
      'Navegación principal',
    );
    // The accessible name changes with the language, so later checks find the nav by role only.
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([
      'Campañas',
      'Segmentos',
      'Leads',
      'Llamadas',
      'Analítica',
      'Ajustes',
    ]);
    const spanishRows = await rowTexts(page);
    expect(spanishRows).toHaveLength(demo.items.length);
    for (const campaign of demo.items) {
      const row = spanishRows.find((text) => text.includes(campaign.code));
      expect(row, `row for ${campaign.code}`).toContain(campaign.name);
    }
    // The seeded campaigns are in test mode: two drafts and one running (REC001).
    expect(spanishRows.filter((row) => row.includes('Borrador'))).toHaveLength(
      demo.items.length - 1,
    );
    expect(spanishRows.find((row) => row.includes('REC001'))).toContain('Activa');
    expect(spanishRows.every((row) => row.includes('Prueba'))).toBe(true);
    await screenshot(page, 'shell-campaigns-es');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await nav.getByRole('link').allInnerTexts()).toContain('Call list');
    const englishRows = await rowTexts(page);
    expect(englishRows.every((row) => row.includes('Test'))).toBe(true);
    expect(englishRows.find((row) => row.includes('REC001'))).toContain('Active');
    expect(await page.getByRole('columnheader').allInnerTexts()).toContain('Last change');
    await screenshot(page, 'shell-campaigns-en');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await screenshot(page, 'shell-campaigns-en-reloaded');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows English to a browser that prefers English, and an honest page for unbuilt sections', async () => {
    const { context, page } = await openPage('en-US');
    await page.goto(`${app.baseUrl}/campaigns`);
    await page.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor();

    // Analytics is the section still to be built (segments, leads and calls have landed).
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    expect(await page.getByText('Coming soon').count()).toBe(1);
    expect(await page.locator('table').count()).toBe(0);
    await screenshot(page, 'shell-analytics-en');
    await context.close();
  });

  it('filters the list by code, keeps the filter in the URL, and clears it', async () => {
    const { context, page } = await openPage('es-ES');
    await page.goto(`${app.baseUrl}/campaigns`);
    await page.locator('tbody tr').first().waitFor();
    const first = demo.items[0];
    if (!first) throw new Error('no demo campaign');

    const search = page.getByRole('searchbox', { name: 'Buscar campañas' });
    await search.click();
    await page.keyboard.type(first.code.toLowerCase());
    await page.getByText(`1 de ${demo.items.length} campañas`).waitFor();
    // The URL changes on every key; focus must stay in the box while the user types.
    expect(await search.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await rowTexts(page)).toEqual([expect.stringContaining(first.name)]);
    expect(new URL(page.url()).searchParams.get('q')).toBe(first.code.toLowerCase());

    await search.fill('ninguna-coincide');
    await page.getByRole('heading', { name: 'Ninguna campaña coincide con el filtro' }).waitFor();
    await screenshot(page, 'shell-campaigns-no-match-es');
    await page.getByRole('button', { name: 'Quitar filtros' }).click();
    await page
      .locator('tbody tr')
      .nth(demo.items.length - 1)
      .waitFor();
    expect(await page.locator('tbody tr').count()).toBe(demo.items.length);
    await context.close();
  });

  it('lets a keyboard user skip to the content and open a campaign', async () => {
    const { context, page } = await openPage('es-ES');
    await page.goto(`${app.baseUrl}/campaigns`);
    await page.locator('tbody tr').first().waitFor();

    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Saltar al contenido' });
    expect(await skip.evaluate((element) => element === document.activeElement)).toBe(true);
    await screenshot(page, 'shell-skip-link-es');

    const first = demo.items[0];
    if (!first) throw new Error('no demo campaign');
    const link = page.getByRole('link', { name: first.name, exact: true });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/campaigns/${first.id}`);
    // The designer renders inside the shell: the header and navigation stay.
    expect(await page.getByRole('navigation').count()).toBe(1);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'shell-designer-slot-es');
    await context.close();
  });
});
