import { readFileSync } from 'node:fs';
import { CampaignDetail, CampaignList } from '@rumbo/flow';
import { WorkspacePolicies } from '@rumbo/flow/policy';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedApp, startApp } from '../support/app.ts';
import { launchBrowser, prepareE2e, recordProblems, saveScreenshot } from '../support/browser.ts';
import { createTestDatabase } from '../support/db.ts';

/**
 * The simulate page under the workspace's contact policies, in real Chromium: it says which
 * policies apply (with a link to Settings), the Web Worker applies them, and the server's run
 * of the same job gives the same bytes.
 */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: StartedApp;
let browser: Browser;
let campaign: CampaignDetail;
const POLICIES_URL = '/api/v1/workspace/policies';

beforeAll(async () => {
  prepareE2e();
  database = await createTestDatabase('e2e-simulation-policies');
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
  const current = WorkspacePolicies.parse(
    await (await fetch(`${app.baseUrl}${POLICIES_URL}`)).json(),
  );
  const saved = await fetch(`${app.baseUrl}${POLICIES_URL}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      revision: current.revision,
      policies: {
        quietHours: [{ start: '21:00', end: '09:00', channels: ['email', 'sms'] }],
        pressure: [],
      },
    }),
  });
  if (saved.status !== 200) throw new Error(`saving the policies gave ${saved.status}`);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.close();
});

async function downloadResult(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-result').click(),
  ]);
  return readFileSync(await download.path(), 'utf8');
}

describe('simulate page with workspace contact policies', () => {
  it('says which policies apply, applies them in the worker and gets the same bytes from the server', async () => {
    const context = await browser.newContext({ locale: 'es-ES', acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    recordProblems(page, problems);
    await page.goto(`${app.baseUrl}/campaigns/${campaign.id}/simulate`);
    const note = page.getByTestId('simulation-policies');
    await note.waitFor();
    expect(await note.textContent()).toContain(
      'Se aplican las políticas de contacto del espacio de trabajo: sin envíos de 21:00 a 09:00',
    );
    expect(await note.getByRole('link').getAttribute('href')).toBe('/settings');

    await page.getByLabel('Número de leads').fill('1000');
    await page.getByLabel('Semilla').fill('e2e-policies');
    await page.getByLabel('Horizonte (días)').fill('30');
    await page.getByLabel('Fecha de inicio').fill('2026-12-01');
    await page.getByRole('button', { name: 'Simular', exact: true }).click();
    await page.getByTestId('sim-done').waitFor({ timeout: 30_000 });
    const browserJson = await downloadResult(page);
    expect(JSON.parse(browserJson).policies.deferredQuietHours).toBeGreaterThan(0);
    await page.locator('[data-figure="policies"]').waitFor();

    await page.getByRole('button', { name: 'Simular en el servidor' }).click();
    await page.getByText(/^1\.000 leads simulados en el servidor en/).waitFor({ timeout: 60_000 });
    expect(await downloadResult(page)).toBe(browserJson);
    await saveScreenshot(page, 'simulation-policies-es');
    expect(problems).toEqual([]);
    await context.close();
  });
});
