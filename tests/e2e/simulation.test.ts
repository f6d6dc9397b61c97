import { readFileSync } from 'node:fs';
import { CampaignDetail, CampaignList, defaultAssumptions } from '@rumbo/flow';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedApp, startApp } from '../support/app.ts';
import { launchBrowser, prepareE2e, recordProblems, saveScreenshot } from '../support/browser.ts';
import { createTestDatabase } from '../support/db.ts';
import { SLOW_HORIZON_DAYS, slowLoopFlow } from '../support/slow-flow.ts';

/**
 * A Spanish-speaking reviewer simulates the seed-000 campaign ("muestra gratuita") in real
 * Chromium: bad input is refused next to each field, 1,000 fake leads run in the Web Worker,
 * the counts appear on the read-only canvas with the ROI, the result equals the server's
 * byte for byte, and one lead is stepped through with a click injected by hand.
 */

const START_DATE = '2026-12-01';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: StartedApp;
let browser: Browser;
let campaign: CampaignDetail;
/** A campaign whose leads wait an hour in a loop: 1,000 steps each, so a 200,000-lead run lasts. */
let slowCampaign: CampaignDetail;

beforeAll(async () => {
  prepareE2e();
  database = await createTestDatabase('e2e-simulation');
  const env: Record<string, string> = process.env.RUMBO_WEB_DIST
    ? { RUMBO_WEB_DIST: process.env.RUMBO_WEB_DIST }
    : {};
  app = await startApp({ databaseUrl: database.url, env });
  browser = await launchBrowser();
  const list = CampaignList.parse(await (await fetch(`${app.baseUrl}/api/v1/campaigns`)).json());
  const summary = list.items.find((c) => c.code === 'MUE001');
  if (!summary) throw new Error('the demo seed made no free-sample campaign (MUE001)');
  campaign = CampaignDetail.parse(
    await (await fetch(`${app.baseUrl}/api/v1/campaigns/${summary.id}`)).json(),
  );
  slowCampaign = await createSlowCampaign();
});

/**
 * The cancel tests need a run still going when Cancel is clicked. The seed campaign's 200,000
 * leads finish in about a second, less than two of the page's polls: they simulate a
 * campaign whose leads loop on a one-hour wait instead (`slowLoopFlow`).
 */
async function createSlowCampaign(): Promise<CampaignDetail> {
  const send = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const created = CampaignDetail.parse(
    await send('POST', '/api/v1/campaigns', { from: 'blank', code: 'LENTA', name: 'Bucle lento' }),
  );
  const { nodes, transitions } = slowLoopFlow();
  await send('PUT', `/api/v1/campaigns/${created.id}/draft`, {
    document: { ...created.draft, nodes, transitions },
    revision: created.draftRevision,
  });
  return CampaignDetail.parse(await send('GET', `/api/v1/campaigns/${created.id}`, undefined));
}

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.close();
});

const screenshot = saveScreenshot;

async function openSimulatePage(target: CampaignDetail = campaign) {
  const context = await browser.newContext({
    locale: 'es-ES',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  recordProblems(page, problems);
  await page.goto(`${app.baseUrl}/campaigns/${target.id}/simulate`);
  await page.getByRole('heading', { level: 1, name: /Simular «/ }).waitFor();
  return { context, page, problems };
}

async function fillRunForm(page: Page) {
  await page.getByLabel('Número de leads').fill('1000');
  await page.getByLabel('Semilla').fill('e2e-1');
  await page.getByLabel('Horizonte (días)').fill('30');
  await page.getByLabel('Fecha de inicio').fill(START_DATE);
}

/** The result as the page offers it for download: the simulator's JSON text. */
async function downloadResult(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-result').click(),
  ]);
  return readFileSync(await download.path(), 'utf8');
}

describe('simulate page', () => {
  it('refuses bad input with a message next to each field and starts nothing', async () => {
    const { context, page, problems } = await openSimulatePage();
    await expect.poll(() => page.getByText('por defecto del canal').count()).toBeGreaterThan(0);
    await page.getByLabel('Horizonte (días)').fill('0');
    await page.getByLabel('Número de leads').fill('0');
    const firstPercent = page.locator('tr[data-assumption] input[data-field="percent"]').first();
    await firstPercent.fill('150');
    await page.getByRole('button', { name: 'Simular', exact: true }).click();
    await page.getByText('El horizonte tiene que ser de al menos un día.').waitFor();
    await page.getByText('Entre 1 y 200.000 leads.').waitFor();
    await page.getByText('Entre 0 y 100 %.').waitFor();
    expect(await firstPercent.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('progress').count()).toBe(0);
    await page.getByLabel('Horizonte (días)').fill('3650');
    await page.getByRole('button', { name: 'Simular', exact: true }).click();
    await page.getByText('Como mucho 1.096 días (3 años).').waitFor();
    await screenshot(page, 'simulation-bad-input-es');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('runs 1,000 fake leads in the worker, shows counts on the canvas and the ROI, equal to the server', async () => {
    const { context, page, problems } = await openSimulatePage();
    await fillRunForm(page);
    await page.getByRole('button', { name: 'Simular', exact: true }).click();
    await page.getByTestId('sim-done').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.getByTestId('sim-done').textContent())
      .toMatch(/1\.000 leads simulados/);
    await page.locator('.flow-view .react-flow__node').first().waitFor();
    const nodeCounts = await page.getByTestId('node-count').allTextContents();
    expect(nodeCounts.length).toBe(campaign.draft.nodes.length);
    expect(await page.getByTestId('edge-count').count()).toBe(campaign.draft.transitions.length);
    const roi = await page.locator('[data-figure="roi"] .sim-figure__value').textContent();
    expect(roi).toMatch(/%$/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-result').click(),
    ]);
    const browserJson = readFileSync(await download.path(), 'utf8');
    const result = JSON.parse(browserJson);
    expect(result.leads.total).toBe(1000);
    const entry = result.nodes.find((n: { type: string }) => n.type === 'entry');
    expect(nodeCounts[0]?.replace(/\D/g, '')).toBe(String(entry.entered));

    // The same job on the server (a worker thread there): 202, then its result, byte for byte.
    const accepted = await fetch(`${app.baseUrl}/api/v1/simulations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        campaignId: campaign.id,
        leads: { kind: 'fake', count: 1000, locale: 'es', seed: 'e2e-1' },
        assumptions: defaultAssumptions(campaign.draft),
        options: {
          seed: 'e2e-1',
          start: Date.parse(`${START_DATE}T09:00:00Z`),
          horizonDays: 30,
          traceLeads: 50,
        },
      }),
    });
    expect(accepted.status).toBe(202);
    const jobUrl = `${app.baseUrl}${accepted.headers.get('location')}`;
    await expect
      .poll(async () => (await (await fetch(jobUrl)).json()).status, { timeout: 60_000 })
      .toBe('done');
    const server = await fetch(`${jobUrl}/result`);
    expect(server.status).toBe(200);
    expect(await server.text()).toBe(browserJson);
    await screenshot(page, 'simulation-results-es');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('steps one lead, injects a click at a wait and shows why it moved', async () => {
    const { context, page, problems } = await openSimulatePage();
    await fillRunForm(page);
    await page.getByRole('button', { name: 'Simular', exact: true }).click();
    await page.getByTestId('sim-done').waitFor({ timeout: 30_000 });
    const stepper = page.locator('.sim-stepper');
    const options = await stepper
      .locator('select option')
      .evaluateAll((els) => els.map((el) => (el instanceof HTMLOptionElement ? el.value : '')));
    const click = stepper.getByRole('button', { name: /Simular «Hizo clic/ });
    let injected = false;
    for (const key of options) {
      await stepper.locator('select').selectOption(key);
      for (let i = 0; i < 12 && !injected; i++) {
        if ((await click.count()) > 0) {
          await click.first().click();
          injected = true;
        } else if (await stepper.getByRole('button', { name: 'Siguiente paso' }).isEnabled()) {
          await stepper.getByRole('button', { name: 'Siguiente paso' }).click();
        } else break;
      }
      if (injected) break;
    }
    expect(injected).toBe(true);
    await stepper.getByText(/simulaste la señal «Hizo clic en el enlace»/).waitFor();
    expect(await stepper.getByTestId('step-reason').count()).toBeGreaterThan(1);
    await stepper.scrollIntoViewIfNeeded();
    await screenshot(page, 'simulation-stepper-es');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('reads an uploaded CSV, lists its broken rows by number and simulates the good ones', async () => {
    const { context, page, problems } = await openSimulatePage();
    await page.getByLabel('Subir un CSV').check();
    const csv = [
      'clave,nombre,email,etapa,consent_email,ciudad',
      'C-1,Lucía Pérez,lucia@example.es,lead,sí,Sevilla',
      'C-2,Jorge Ruiz,no-es-un-email,lead,sí,Madrid',
      'C-3,Ana Gómez,ana@example.es,cliente,sí,Puebla',
      'C-4,Pilar Díaz,pilar@example.es,customer,no,Bilbao',
    ].join('\n');
    await page.getByLabel('Archivo CSV').setInputFiles({
      name: 'muestra.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    const errors = page.getByTestId('csv-errors');
    await errors.getByText('Fila 3, columna email: «no-es-un-email» no es un email.').waitFor();
    await errors.getByText(/^Fila 4, columna etapa: «cliente» no es una etapa/).waitFor();
    await page.getByText('2 leads leídos del archivo.').waitFor();
    await page.getByLabel('Fecha de inicio').fill(START_DATE);
    await page.getByRole('button', { name: 'Simular', exact: true }).click();
    await page.getByTestId('sim-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('sim-done').textContent()).toMatch(/^2 leads simulados/);
    await screenshot(page, 'simulation-csv-es');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows progress for a large sample and stops it at once on Cancel, keeping the page usable', async () => {
    const { context, page, problems } = await openSimulatePage(slowCampaign);
    await page.getByLabel('Número de leads').fill('200000');
    await page.getByLabel('Horizonte (días)').fill(String(SLOW_HORIZON_DAYS));
    await page.getByRole('button', { name: 'Simular', exact: true }).click();
    const progress = page.locator('progress#sim-progress-bar');
    await progress.waitFor();
    await expect
      .poll(async () => Number(await progress.getAttribute('value')), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Cancelar' }).click();
    await page.getByText('Simulación cancelada.').waitFor();
    expect(await progress.count()).toBe(0);
    // The main thread answers right away: typing in the form still works.
    await page.getByLabel('Semilla').fill('otra');
    expect(await page.getByLabel('Semilla').inputValue()).toBe('otra');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('runs the same sample on the server from the page: its progress bar, then the bytes the Web Worker made', async () => {
    const { context, page, problems } = await openSimulatePage();
    await fillRunForm(page);
    await page.getByRole('button', { name: 'Simular', exact: true }).click();
    await page.getByTestId('sim-done').waitFor({ timeout: 30_000 });
    const browserJson = await downloadResult(page);
    await page.getByRole('button', { name: 'Simular en el servidor' }).click();
    await page.getByText(/^1\.000 leads simulados en el servidor en/).waitFor({ timeout: 60_000 });
    expect(await downloadResult(page)).toBe(browserJson);
    await page.locator('.flow-view .react-flow__node').first().waitFor();
    expect(await page.getByTestId('node-count').count()).toBe(campaign.draft.nodes.length);
    await screenshot(page, 'simulation-server-es');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('cancels a large server run from the page, and the job stops on the server too', async () => {
    const { context, page, problems } = await openSimulatePage(slowCampaign);
    await page.getByLabel('Número de leads').fill('200000');
    await page.getByLabel('Horizonte (días)').fill(String(SLOW_HORIZON_DAYS));
    const [posted] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/simulations') && r.request().method() === 'POST',
      ),
      page.getByRole('button', { name: 'Simular en el servidor' }).click(),
    ]);
    expect(posted.status()).toBe(202);
    const { id } = await posted.json();
    await page.getByText(/^Simulando en el servidor… [1-9]\d* %/).waitFor({ timeout: 60_000 });
    await screenshot(page, 'simulation-server-progress-es');
    await page.getByRole('button', { name: 'Cancelar' }).click();
    await page.getByText('Simulación cancelada.').waitFor();
    await expect
      .poll(
        async () => (await (await fetch(`${app.baseUrl}/api/v1/simulations/${id}`)).json()).status,
      )
      .toBe('cancelled');
    expect(problems).toEqual([]);
    await context.close();
  });
});
