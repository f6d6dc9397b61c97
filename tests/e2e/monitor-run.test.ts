import { CampaignDetail } from '@rumbo/flow';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedApp } from '../support/app.ts';
import { saveScreenshot } from '../support/browser.ts';
import { type E2eSession, startE2eSession, type TestDatabase } from './support/e2e-session.ts';
import { listCampaign } from './support/list-campaign.ts';

/**
 * An operator runs a test-mode campaign from the monitor's run bar alone (embedded PostgreSQL,
 * the server's own runner): launches it and reads who entered, fast-forwards the clock a day so
 * the leads pass a one-day wait, and stops it after the confirmation.
 */

let session: E2eSession;
let database: TestDatabase;
let app: StartedApp;
let page: Page;
let campaignId: string;

beforeAll(async () => {
  session = await startE2eSession('e2e-monitor-run');
  ({ database, app, page } = session);
  ({ campaignId } = await listCampaign(session, {
    list: { name: 'Reloj de prueba', reach: 'email', count: 3 },
    flow: (entry) => ({
      settings: { code: 'RUN001', name: 'Espera de un día', mode: 'test' },
      nodes: [
        entry,
        {
          id: 'wait',
          type: 'wait',
          name: 'Esperar un día',
          config: { mode: 'duration', duration: { amount: 1, unit: 'days' } },
        },
        { id: 'done', type: 'exit', name: 'Fin', config: {} },
      ],
      transitions: [
        { id: 'a', source: 'in', target: 'wait', trigger: { kind: 'auto' } },
        { id: 'b', source: 'wait', target: 'done', trigger: { kind: 'auto' } },
      ],
    }),
  }));
}, 180_000);

afterAll(async () => {
  await session?.close();
});

const runBar = () => page.getByRole('region', { name: 'Ejecución de la campaña' });
const notice = () => page.getByTestId('run-notice');
const totals = () =>
  page
    .getByTestId('monitor-totals')
    .textContent()
    .then((text) => text ?? '');
const nodeCount = (nodeId: string) =>
  page
    .locator(`.flow-view-node[data-node-id="${nodeId}"] [data-testid="node-count"]`)
    .textContent()
    .then((text) => Number(/\d+/.exec(text ?? '')?.[0] ?? Number.NaN));
const statusOf = async () =>
  (
    await database.pool.query<{ status: string }>('SELECT status FROM campaigns WHERE id = $1', [
      campaignId,
    ])
  ).rows[0]?.status;

describe('the monitor run bar', () => {
  it('points an unpublished campaign to its review, where publishing happens', async () => {
    await page.goto(`${app.baseUrl}/campaigns/${campaignId}/monitor`);
    const link = page.getByRole('link', { name: 'Ir a la revisión' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/campaigns/${campaignId}/review`);
    expect(await runBar().getByRole('button').count()).toBe(0);
  });

  it('launches the published campaign and says how many entered; the counts appear on the canvas', async () => {
    await session.api('POST', `/api/v1/campaigns/${campaignId}/publish`);
    await page.reload();
    const launch = runBar().getByRole('button', { name: 'Lanzar' });
    await launch.waitFor();
    // Keyboard only: the button is reachable and pressed with Enter.
    await launch.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => notice().textContent(), { timeout: 10_000 })
      .toBe('Lanzada: entraron 3 leads. Ninguno fue al grupo de control.');
    await runBar().locator('.badge', { hasText: 'Activa' }).waitFor();
    await expect.poll(() => nodeCount('wait'), { timeout: 20_000 }).toBe(3);
    expect(await statusOf()).toBe('active');
    await saveScreenshot(page, 'monitor-run-launched-es');
  });

  it('fast-forwards the clock a day: the leads pass the one-day wait and end', async () => {
    // The node count includes leads that reached the wait but whose step has not run yet (no
    // due time a day out); under CI load the clock could move before that and miss them.
    const waitingADay = async () =>
      Number(
        (
          await database.pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM enrollments WHERE campaign_id = $1 AND node_id = 'wait'
               AND due_at > now() + interval '23 hours'`,
            [campaignId],
          )
        ).rows[0]?.n,
      );
    await expect.poll(waitingADay, { timeout: 20_000 }).toBe(3);
    await runBar().getByLabel('Adelantar', { exact: true }).selectOption('day');
    await runBar().getByRole('button', { name: 'Adelantar reloj' }).click();
    await expect
      .poll(() => notice().textContent(), { timeout: 10_000 })
      .toBe('Reloj adelantado +1 día: cambió la fecha de 3 leads; 3 siguen ya.');
    await expect.poll(totals, { timeout: 20_000 }).toContain('terminaron: 3');
    expect(await nodeCount('wait')).toBe(0);
    await saveScreenshot(page, 'monitor-run-fast-forwarded-es');
  });

  it('says beside the bar, in words and with the server detail, why the clock cannot move once the campaign went live', async () => {
    // Another person publishes a live version while this page still shows test mode.
    const detail = CampaignDetail.parse(
      await session.api('GET', `/api/v1/campaigns/${campaignId}`),
    );
    const live = { ...detail.draft, settings: { ...detail.draft.settings, mode: 'live' } };
    await session.api('PUT', `/api/v1/campaigns/${campaignId}/draft`, {
      document: live,
      revision: detail.draftRevision,
    });
    await session.api('POST', `/api/v1/campaigns/${campaignId}/publish`);
    const before = session.problems.length;
    await runBar().getByRole('button', { name: 'Adelantar reloj' }).click();
    const alert = runBar().getByRole('alert');
    await alert.waitFor();
    const said = (await alert.textContent()) ?? '';
    expect(said).toContain('adelantar el tiempo, el modo de prueba');
    expect(said).toContain('Detalle del servidor:');
    await saveScreenshot(page, 'monitor-run-error-es');
    // The refused request is the only problem the page saw, and an expected one.
    expect(session.problems.splice(before)).toEqual([
      'Failed to load resource: the server responded with a status of 409 (Conflict)',
    ]);
    // Opened afresh, the bar follows the published (live) version, although the leads shown
    // are still on the test version: the clock is no longer offered.
    await page.reload();
    await runBar().getByRole('button', { name: 'Detener', exact: true }).waitFor();
    expect(await runBar().getByRole('button', { name: 'Adelantar reloj' }).count()).toBe(0);
  });

  it('stops the campaign only after the dialog says what stopping means', async () => {
    await runBar().getByRole('button', { name: 'Detener', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '¿Detener la campaña?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('cada lead se queda en el paso donde está');
    await saveScreenshot(page, 'monitor-run-stop-dialog-es', false);
    // Cancelling keeps it running.
    await dialog.getByRole('button', { name: 'Seguir en marcha' }).click();
    expect(await statusOf()).toBe('active');

    await runBar().getByRole('button', { name: 'Detener', exact: true }).click();
    await dialog.getByRole('button', { name: 'Detener la campaña' }).click();
    await runBar().locator('.badge', { hasText: 'Detenida' }).waitFor();
    expect(await notice().textContent()).toBe('Campaña detenida.');
    expect(await statusOf()).toBe('stopped');
    // A stopped campaign may be launched again.
    await runBar().getByRole('button', { name: 'Lanzar' }).waitFor();
    expect(session.problems).toEqual([]);
  });
});
