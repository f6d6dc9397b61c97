import { FlowDocument } from '@rumbo/flow';
import { enrollFromSegments } from '@rumbo/runner';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, publishAndLaunch, runUntilQuiet } from '../integration/runner-fixtures.ts';
import { apiJson, type StartedApp, startApp } from '../support/app.ts';
import {
  launchBrowser,
  prepareE2e,
  recordProblems,
  saveScreenshot,
  WEB_DIST,
} from '../support/browser.ts';
import { createTestDatabase } from '../support/db.ts';
import { zoneAtLocalHour } from '../support/time-zones.ts';

/**
 * A Spanish-speaking operator opens «Ajustes» from the navigation, reads what applies when no
 * policy is set, adds quiet hours for email only, first typing a window that covers nothing
 * (the error appears next to «Hasta» and takes the focus), fixes it, saves, reloads and finds
 * the window — and the server holds exactly what the screen says.
 */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: StartedApp;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  prepareE2e();
  database = await createTestDatabase('e2e-settings');
  app = await startApp({ databaseUrl: database.url, env: { RUMBO_WEB_DIST: WEB_DIST } });
  browser = await launchBrowser();
  const context = await browser.newContext({
    locale: 'es-ES',
    viewport: { width: 1440, height: 900 },
  });
  page = await context.newPage();
  // The 400 of the invalid save is never sent (the form checks first); no console error expected.
  recordProblems(page, problems);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.close();
});

/** A running campaign entry → call → exit for two demo leads, so it has a call list. */
async function callCampaign(): Promise<string> {
  const { rows } = await database.pool.query<{ id: string }>('SELECT id FROM workspaces LIMIT 1');
  const workspaceId = rows[0]?.id ?? '';
  const { rows: list } = await database.pool.query<{ id: string }>(
    `INSERT INTO segments (workspace_id, name, kind) VALUES ($1, 'Llamar', 'static') RETURNING id`,
    [workspaceId],
  );
  const listId = list[0]?.id ?? '';
  await database.pool.query(
    `INSERT INTO list_members (list_id, lead_id)
     SELECT $1, id FROM leads WHERE workspace_id = $2 AND phone IS NOT NULL AND consent_call
     ORDER BY external_key LIMIT 2`,
    [listId, workspaceId],
  );
  const document = FlowDocument.parse({
    schemaVersion: 1,
    settings: { code: 'TEL01', name: 'Llamada de bienvenida', mode: 'live' },
    nodes: [
      {
        id: 'in',
        type: 'entry',
        name: 'Entrada',
        config: { sources: [{ kind: 'segment', segmentId: listId }] },
      },
      { id: 'call', type: 'call', name: 'Llamada', config: { script: 'Hola {{ lead.name }}' } },
      { id: 'x', type: 'exit', name: 'Fin', config: {} },
    ],
    transitions: [
      { id: 'a', source: 'in', target: 'call', trigger: { kind: 'auto' } },
      {
        id: 't',
        source: 'call',
        target: 'x',
        trigger: { kind: 'timeout', amount: 7, unit: 'days' },
      },
    ],
  });
  const id = await createCampaign(database.db, workspaceId, document);
  const version = await publishAndLaunch(database.db, id);
  await enrollFromSegments(database.db, { campaignId: id, version });
  await runUntilQuiet(database.db, database.pool, id, version);
  return id;
}

const quietRow = () => page.getByTestId('quiet-row').first();

describe('settings: contact policies', () => {
  it('sets quiet hours for email, saves, and finds them after a reload', async () => {
    await page.goto(`${app.baseUrl}/campaigns`);
    await page.getByRole('navigation').getByRole('link', { name: 'Ajustes' }).click();
    await page.getByRole('heading', { name: 'Políticas de contacto' }).waitFor();
    await page.getByText('Sin políticas: se aplican los valores por defecto').waitFor();
    expect(await page.getByTestId('policies-status').textContent()).toBe('Nunca se han guardado');

    await page.getByRole('button', { name: 'Añadir franja de silencio' }).click();
    await quietRow().getByLabel('Desde').fill('22:00');
    await quietRow().getByLabel('Hasta').fill('22:00');
    await quietRow().getByRole('checkbox', { name: 'SMS' }).uncheck();
    await page.getByRole('button', { name: 'Guardar políticas' }).click();
    const endError = page.locator('#policy-quietHours-0-end-error');
    await endError.waitFor();
    expect(await endError.textContent()).toBe(
      'El inicio y el fin son la misma hora (22:00): la franja no cubriría nada.',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('policy-quietHours-0-end');
    expect(await quietRow().getByLabel('Hasta').getAttribute('aria-invalid')).toBe('true');
    await saveScreenshot(page, 'settings-policies-error-es');

    // Fixed from the keyboard, in the field that took the focus.
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('08:00');
    await endError.waitFor({ state: 'detached' });
    expect(await page.getByTestId('policies-status').textContent()).toBe('Cambios sin guardar');
    await page.getByRole('button', { name: 'Guardar políticas' }).click();
    await page
      .getByTestId('policies-status')
      .getByText(/^Guardado /)
      .waitFor();

    const stored = await apiJson(app.baseUrl, 'GET', '/api/v1/workspace/policies');
    expect(stored).toMatchObject({
      revision: 1,
      policies: { quietHours: [{ start: '22:00', end: '08:00', channels: ['email'] }] },
    });

    await page.reload();
    await quietRow().waitFor();
    expect(await quietRow().getByLabel('Desde').inputValue()).toBe('22:00');
    expect(await quietRow().getByLabel('Hasta').inputValue()).toBe('08:00');
    expect(await quietRow().getByRole('checkbox', { name: 'Email' }).isChecked()).toBe(true);
    expect(await quietRow().getByRole('checkbox', { name: 'SMS' }).isChecked()).toBe(false);
    expect(await quietRow().textContent()).toContain(
      'Sin envíos por Email de 22:00 a 08:00 del día siguiente; se envía de 08:00 a 22:00, hora del contacto.',
    );
    expect(await page.getByTestId('policies-status').textContent()).toMatch(/^Guardado /);
    expect(await page.getByText('Sin políticas: se aplican los valores por defecto').count()).toBe(
      0,
    );

    // The preview answers with the runner's rule for a lead whose clock shows 23:00 now.
    const zone = page.getByLabel('Zona horaria de un contacto');
    await zone.fill('Marte/Olimpo');
    await page.getByText('Zona horaria desconocida').waitFor();
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    await zone.fill(zoneAtLocalHour(23));
    const preview = page.getByTestId('quiet-preview');
    await preview.getByText('Ahora son las 23:').waitFor();
    expect(await preview.locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^Email: esperaría hasta el \S+ a las 08:00, hora del contacto\.$/),
    ]);
    await saveScreenshot(page, 'settings-policies-es');

    // An unsaved edit is not lost by a click on the navigation: the page asks first.
    await quietRow().getByLabel('Desde').fill('21:00');
    await page.getByRole('navigation').getByRole('link', { name: 'Campañas' }).click();
    const leave = page.getByRole('alertdialog');
    await leave.getByText('Tienes cambios sin guardar').waitFor();
    await leave.getByRole('button', { name: 'Seguir editando' }).click();
    expect(new URL(page.url()).pathname).toBe('/settings');
    expect(await quietRow().getByLabel('Desde').inputValue()).toBe('21:00');
    await page.getByRole('button', { name: 'Descartar cambios' }).click();
    expect(await quietRow().getByLabel('Desde').inputValue()).toBe('22:00');
    expect(problems).toEqual([]);
  });

  it('sets the calls per day of a campaign with a call list', async () => {
    const campaignId = await callCampaign();
    await page.reload();
    const row = page.getByRole('region', { name: 'TEL01 Llamada de bienvenida' });
    await row.getByText('Sin límite diario').waitFor();
    await row.getByLabel('Llamadas por día').fill('5');
    await row.getByRole('button', { name: 'Fijar' }).click();
    await row.getByText(/^Capacidad: 5 llamadas al día/).waitFor();
    const capacity = await apiJson(
      app.baseUrl,
      'GET',
      `/api/v1/call-tasks/capacity?campaignId=${campaignId}`,
    );
    expect(capacity).toMatchObject({ perDay: 5 });
    // The call centre's day: a zone the browser does not know is refused where it is typed; a
    // known one is saved and every campaign's "today" follows it.
    const callDay = page.getByTestId('call-day');
    const dayZone = callDay.getByLabel('Zona horaria del centro de llamadas');
    expect(await dayZone.inputValue()).toBe('UTC');
    await callDay.getByText('Cada día de capacidad empieza a las 00:00 en UTC').waitFor();
    await dayZone.fill('Luna/Tranquilidad');
    await callDay.getByText('No es una zona horaria').waitFor();
    expect(await dayZone.getAttribute('aria-invalid')).toBe('true');
    const saveZone = callDay.getByRole('button', { name: 'Guardar zona' });
    expect(await saveZone.isDisabled()).toBe(true);
    await dayZone.fill('America/Mexico_City');
    await saveZone.click();
    await callDay
      .getByText('Cada día de capacidad empieza a las 00:00 en America/Mexico_City')
      .waitFor();
    await row.getByText(/· quedan 5 hoy \(día de America\/Mexico_City\)$/).waitFor();
    expect(await apiJson(app.baseUrl, 'GET', '/api/v1/call-tasks/day')).toEqual({
      timeZone: 'America/Mexico_City',
    });
    // The contact policies saved before are still there beside the capacity.
    const stored = await apiJson(app.baseUrl, 'GET', '/api/v1/workspace/policies');
    expect(stored).toMatchObject({ revision: 1 });
    // Scrolled back up so the sticky header is not photographed in the middle of the page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, 'settings-capacity-es');

    // The same screen in English, from the language switch, without a reload.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Contact policies' }).waitFor();
    expect(await quietRow().textContent()).toContain(
      "No Email from 22:00 to 08:00 the next day; sends go out from 08:00 to 22:00, lead's local time.",
    );
    expect(await page.getByTestId('policies-status').textContent()).toMatch(/^Saved /);
    await saveScreenshot(page, 'settings-policies-en');
    expect(problems).toEqual([]);
  });
});
