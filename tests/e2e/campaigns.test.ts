import { CampaignList } from '@rumbo/flow';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedApp, startApp } from '../support/app.ts';
import { launchBrowser, prepareE2e, recordProblems, saveScreenshot } from '../support/browser.ts';
import { createTestDatabase } from '../support/db.ts';

/**
 * Creating and filing campaigns end to end: the real server on a fresh database, the built
 * app, a real Chromium. A Spanish-speaking marketer starts a campaign from the welcome
 * template, finds it in the list, archives it, and gets a clear error for a broken file.
 */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: StartedApp;
let browser: Browser;

beforeAll(async () => {
  prepareE2e();
  database = await createTestDatabase('e2e-campaigns');
  const env: Record<string, string> = process.env.RUMBO_WEB_DIST
    ? { RUMBO_WEB_DIST: process.env.RUMBO_WEB_DIST }
    : {};
  app = await startApp({ databaseUrl: database.url, env });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.close();
});

async function openPage(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    locale: 'es-ES',
    viewport: { width: 1280, height: 860 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  recordProblems(page, problems);
  return { context, page, problems };
}

const screenshot = saveScreenshot;

async function listed(archived: 'exclude' | 'only'): Promise<CampaignList> {
  const response = await fetch(`${app.baseUrl}/api/v1/campaigns?archived=${archived}`);
  return CampaignList.parse(await response.json());
}

describe('campaigns in the browser', () => {
  it('creates a campaign from the welcome template in Spanish, lists it, exports it, copies it and archives it', async () => {
    const { context, page, problems } = await openPage();
    await page.goto(`${app.baseUrl}/campaigns`);
    await page.getByRole('link', { name: 'Nueva campaña' }).click();
    await page.waitForURL('**/campaigns/new');
    await page.getByRole('heading', { level: 1, name: 'Nueva campaña' }).waitFor();
    await page.getByRole('radio', { name: /Serie de bienvenida/ }).check();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'campaigns-new-template-es');

    await page.getByRole('button', { name: 'Crear y abrir en el diseñador' }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').at(-1) ?? '';
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'campaigns-created-designer-es');

    await page.goBack();
    await page.waitForURL('**/campaigns/new**');
    await page.getByRole('navigation').getByRole('link', { name: 'Campañas' }).click();
    await page.waitForURL('**/campaigns');
    // By its code, exactly: the copy made below is also called "… Serie de bienvenida".
    const byCode = (code: string) =>
      page.locator('tbody tr').filter({ has: page.getByText(code, { exact: true }) });
    const row = byCode('BIEN01');
    await row.waitFor();
    expect(await row.textContent()).toContain('BIEN01');
    expect(await row.textContent()).toContain('Borrador');

    const menu = row.getByLabel('Acciones de Serie de bienvenida', { exact: true });
    await menu.click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: 'Exportar a un archivo' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('BIEN01.rumbo.json');
    await page.getByText('Descargado BIEN01.rumbo.json.').waitFor();

    await menu.click();
    await row.getByRole('button', { name: 'Hacer una copia' }).click();
    await page.waitForURL('**/campaigns/new?from=clone&source=*');
    expect(await page.getByRole('radio', { name: /Copiar una campaña/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('Campaña que quieres copiar').inputValue()).toBe(id);
    await page.getByRole('button', { name: 'Crear y abrir en el diseñador' }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    expect(page.url()).not.toContain(id);
    await page.getByRole('navigation').getByRole('link', { name: 'Campañas' }).click();
    await page.locator('tbody tr', { hasText: 'Copia de Serie de bienvenida' }).waitFor();
    expect(await byCode('BIEN01-2').count()).toBe(1);

    await menu.click();
    await row.getByRole('button', { name: 'Archivar…' }).click();
    const dialog = page.getByRole('dialog', { name: /¿Archivar BIEN01/ });
    await dialog.waitFor();
    await screenshot(page, 'campaigns-archive-confirm-es');
    await dialog.getByRole('button', { name: 'Archivar' }).click();
    await page.getByText('BIEN01 archivada.').waitFor();
    await row.waitFor({ state: 'detached' });
    await screenshot(page, 'campaigns-archived-es');

    expect((await listed('exclude')).items.map((item) => item.id)).not.toContain(id);
    expect((await listed('only')).items.map((item) => item.id)).toEqual([id]);

    await page.getByLabel('Mostrar archivadas').check();
    const archivedRow = byCode('BIEN01');
    await archivedRow.waitFor();
    expect(await archivedRow.textContent()).toContain('Archivada');
    await screenshot(page, 'campaigns-show-archived-es');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says on which line a broken import file fails and creates nothing', async () => {
    const { context, page } = await openPage();
    const before = (await listed('exclude')).items.length;
    await page.goto(`${app.baseUrl}/campaigns/new?from=import`);
    await page.getByLabel('Archivo de campaña').setInputFiles({
      name: 'roto.rumbo.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{\n  "format": "rumbo.campaign",\n  "document": {,\n}'),
    });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('revisa la línea 3, columna 16');
    expect(await page.getByText('roto.rumbo.json').count()).toBe(1);
    await screenshot(page, 'campaigns-import-broken-es');
    expect((await listed('exclude')).items.length).toBe(before);
    await context.close();
  });
});
