import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedApp } from '../support/app.ts';
import { saveScreenshot } from '../support/browser.ts';
import { type E2eSession, startE2eSession, type TestDatabase } from './support/e2e-session.ts';
import { listCampaign, openedOrLate } from './support/list-campaign.ts';

/**
 * An operator watches a running test-mode campaign on the monitor (embedded PostgreSQL, the
 * server's own runner): counts move on the canvas when signals arrive through the API without
 * a reload, a node lists its leads, the timeline explains each move, pause/resume and retry work,
 * and a stuck lead raises the alert.
 */

let session: E2eSession;
let database: TestDatabase;
let app: StartedApp;
let page: Page;
let api: E2eSession['api'];
let campaignId: string;
let keys: string[];
let workspaceId: string;

/** Four demo leads on a list; entry → tag → email → «Abrió» | 3 days. The fourth fails at tag. */
async function runningCampaign(mode: 'test' | 'manual' = 'test'): Promise<string> {
  const made = await listCampaign(session, {
    list: { name: `Monitor ${mode}`, reach: 'email', count: 4 },
    flow: (entry) => ({
      settings: {
        code: mode === 'test' ? 'MON001' : 'MAN001',
        name: mode === 'test' ? 'Bienvenida vigilada' : 'Bienvenida paso a paso',
        mode,
      },
      nodes: [
        entry,
        { id: 'tag', type: 'update', name: 'Marcar seguimiento', config: { addTags: ['seguido'] } },
        {
          id: 'mail',
          type: 'email',
          name: 'Correo de bienvenida',
          config: { subject: 'Hola {{ lead.name }}', body: '<p>Bienvenida</p>' },
        },
        ...openedOrLate.nodes,
      ],
      transitions: [
        { id: 'a', source: 'in', target: 'tag', trigger: { kind: 'auto' } },
        { id: 'b', source: 'tag', target: 'mail', trigger: { kind: 'auto' } },
        ...openedOrLate.transitions,
      ],
    }),
  });
  keys = made.keys;
  // Attributes that are not an object make the update step throw: a real failure to retry.
  if (mode === 'test') {
    await database.pool.query(
      `UPDATE leads SET attributes = '"roto"'::jsonb WHERE workspace_id = $1 AND external_key = $2`,
      [workspaceId, keys[3]],
    );
  }
  return made.campaignId;
}

beforeAll(async () => {
  session = await startE2eSession('e2e-monitor');
  ({ database, app, page, api, workspaceId } = session);
  campaignId = await runningCampaign();
  await api('POST', `/api/v1/campaigns/${campaignId}/publish`);
  await api('POST', `/api/v1/campaigns/${campaignId}/launch`);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

const screenshot = (name: string) => saveScreenshot(page, name);
const nodeCount = (nodeId: string) =>
  page
    .locator(`.flow-view-node[data-node-id="${nodeId}"] [data-testid="node-count"]`)
    .textContent()
    .then((text) => text ?? '');
const edgeCount = (transitionId: string) =>
  page
    .locator(`[data-transition-id="${transitionId}"] [data-testid="edge-count"]`)
    .textContent()
    .then((text) => text ?? '');
const firstNumber = (text: string) => Number(/\d+/.exec(text)?.[0] ?? Number.NaN);

describe('run monitor', () => {
  it('shows a new user the seeded demo live: REC001 counts on the monitor, its held emails, its calls, SAAS01 waiting for review', async () => {
    const { items } = (await api('GET', '/api/v1/campaigns')) as {
      items: { id: string; code: string }[];
    };
    const byCode = (code: string) => items.find((c) => c.code === code)?.id ?? '';
    await page.goto(`${app.baseUrl}/campaigns`);
    await page
      .getByRole('row', { name: /REC001/ })
      .getByRole('link', { name: 'Ver en directo' })
      .click();
    await page.getByRole('heading', { name: 'Monitor', level: 1 }).waitFor();
    // The server's runner takes the demo leads past the branch to the call and the email.
    for (const nodeId of ['call', 'reminder']) {
      await expect
        .poll(async () => firstNumber(await nodeCount(nodeId)), { timeout: 30_000 })
        .toBeGreaterThan(10);
    }
    await screenshot('demo-monitor-es');

    await page.goto(`${app.baseUrl}/campaigns/${byCode('REC001')}/outbox`);
    await page.getByRole('heading', { name: 'Bandeja de salida', level: 1 }).waitFor();
    await expect
      .poll(() => page.locator('.outbox-status', { hasText: 'Retenido (prueba)' }).count(), {
        timeout: 20_000,
      })
      .toBeGreaterThan(10);
    await screenshot('demo-outbox-es');

    await page.goto(`${app.baseUrl}/calls`);
    await page.getByRole('heading', { name: 'Llamadas', level: 1 }).waitFor();
    await expect.poll(() => page.locator('[role="option"]').count()).toBeGreaterThan(10);
    await page
      .locator('.call-script')
      .first()
      .getByText(/dejaste productos en el carrito/)
      .waitFor();
    await screenshot('demo-calls-es');

    await page.goto(`${app.baseUrl}/campaigns/${byCode('SAAS01')}/review`);
    await page
      .getByTestId('review-note')
      .getByText(/^Lista para revisar/)
      .waitFor();
    await screenshot('demo-review-es');
    expect(session.problems).toEqual([]);
  }, 120_000);

  it('moves the counts on the canvas when a signal arrives through the API, without a reload', async () => {
    // The way in: the campaign list links a published campaign to its monitor.
    await page.goto(`${app.baseUrl}/campaigns`);
    await page
      .getByRole('row', { name: /Bienvenida vigilada/ })
      .getByRole('link', { name: 'Ver en directo' })
      .click();
    await page.getByRole('heading', { name: 'Monitor', level: 1 }).waitFor();
    expect(page.url()).toBe(`${app.baseUrl}/campaigns/${campaignId}/monitor`);
    await page.getByRole('status').filter({ hasText: 'En directo' }).waitFor();
    await expect
      .poll(async () => firstNumber(await nodeCount('mail')), { timeout: 20_000 })
      .toBe(3);
    await expect
      .poll(() =>
        page
          .locator('.flow-view-node[data-node-id="tag"]')
          .textContent()
          .then((text) => text ?? ''),
      )
      .toContain('1 fallo');
    await screenshot('monitor-live-es');
    await page.evaluate(() => {
      Object.assign(window, { monitorNotReloaded: true });
    });
    // "At the email" counts leads that arrived there before the email step has run; only once
    // it ran do they wait for «Abrió». On a busy machine the runner may lag the count.
    await expect
      .poll(
        async () => {
          const { rows } = await database.pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM enrollments
             WHERE campaign_id = $1 AND node_id = 'mail' AND status = 'waiting'`,
            [campaignId],
          );
          return rows[0]?.n;
        },
        { timeout: 20_000 },
      )
      .toBe(3);

    const moved = await api('POST', '/api/v1/signals', {
      signals: [{ leadKey: keys[0], name: 'opened', occurredAt: new Date().toISOString() }],
    });
    expect(moved.moved).toBe(1);
    await expect.poll(async () => firstNumber(await nodeCount('mail')), { timeout: 5_000 }).toBe(2);
    await expect.poll(async () => firstNumber(await edgeCount('o'))).toBe(1);
    expect(await page.evaluate(() => Object.hasOwn(window, 'monitorNotReloaded'))).toBe(true);
    await screenshot('monitor-after-signal-es');
  });

  it("lists a node's leads and explains the journey: sent, then the signal that moved it", async () => {
    await page.locator('.flow-view-node[data-node-id="mail"]').click();
    await page.getByRole('heading', { name: 'Leads en «Correo de bienvenida»' }).waitFor();
    const items = page.locator('.monitor-lead');
    await expect.poll(() => items.count()).toBe(2);
    expect(
      await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-lead-key'))),
    ).toEqual([keys[1], keys[2]]);
    await expect
      .poll(() =>
        items
          .first()
          .textContent()
          .then((text) => text ?? ''),
      )
      .toContain('espera «Abrió el email»');

    await page.getByLabel('Paso', { exact: true }).selectOption('opened');
    await page.getByText('Terminaron aquí').click();
    await expect.poll(() => items.count()).toBe(1);
    await items.first().getByRole('button').click();
    await page.getByRole('heading', { name: '¿Por qué está aquí?' }).waitFor();
    const why = page.locator('[data-testid="step-why"]');
    await expect.poll(() => why.count()).toBe(4);
    const texts = await why.allTextContents();
    expect(texts[0]).toContain('Salió por');
    expect(texts[0]).toContain('paso automático');
    expect(texts[2]).toContain('hacia «Abrió el correo»');
    expect(texts[2]).toContain('llegó la señal «Abrió el email»');
    expect(texts[3]).toContain('Su recorrido terminó: salió del flujo');
    expect(
      await page
        .locator('.monitor-journey')
        .textContent()
        .then((text) => text ?? ''),
    ).toContain('Enviado');
    await screenshot('monitor-journey-es');
  });

  it('pauses and resumes the campaign from the monitor', async () => {
    await page.getByRole('button', { name: 'Pausar campaña' }).click();
    await page.locator('.monitor-bar .badge', { hasText: 'Pausada' }).waitFor();
    const { rows } = await database.pool.query<{ status: string }>(
      'SELECT status FROM campaigns WHERE id = $1',
      [campaignId],
    );
    expect(rows[0]?.status).toBe('paused');
    await screenshot('monitor-paused-es');
    await page.getByRole('button', { name: 'Reanudar campaña' }).click();
    await page.locator('.monitor-bar .badge', { hasText: 'Activa' }).waitFor();
  });

  it('retries the failed lead of a node, which then reaches the email', async () => {
    await page.getByLabel('Paso', { exact: true }).selectOption('tag');
    await page.getByText('Fallaron aquí').click();
    const items = page.locator('.monitor-lead');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().getAttribute('data-lead-key')).toBe(keys[3]);
    await database.pool.query(
      `UPDATE leads SET attributes = '{}'::jsonb WHERE workspace_id = $1 AND external_key = $2`,
      [workspaceId, keys[3]],
    );
    await screenshot('monitor-failed-es');
    await page.getByRole('button', { name: 'Reintentar el fallido de este paso' }).click();
    await expect
      .poll(async () => firstNumber(await nodeCount('mail')), { timeout: 15_000 })
      .toBe(3);
    await expect.poll(() => items.count()).toBe(0);
  });

  it('shows an alert when the checker finds a stuck lead', async () => {
    await database.pool.query(
      `UPDATE enrollments SET waiting_for = '{"due":null,"dueReason":null,"signals":[]}', due_at = NULL
       WHERE campaign_id = $1 AND lead_key = $2`,
      [campaignId, keys[1]],
    );
    await page.reload();
    const alert = page.locator('[data-testid="stuck-alert"]');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent().then((text) => text ?? '')).toContain('1 lead atascado');
    expect(await alert.textContent().then((text) => text ?? '')).toContain(
      `${keys[1]} en «Correo de bienvenida»`,
    );
    await screenshot('monitor-stuck-es');
  });

  it('lets the operator of a manual-mode campaign advance the leads held at a step', async () => {
    const manualId = await runningCampaign('manual');
    await api('POST', `/api/v1/campaigns/${manualId}/publish`);
    await api('POST', `/api/v1/campaigns/${manualId}/launch`);
    await page.goto(`${app.baseUrl}/campaigns/${manualId}/monitor?node=tag`);
    await page.getByText('Manual', { exact: true }).waitFor();
    await expect.poll(async () => firstNumber(await nodeCount('tag')), { timeout: 20_000 }).toBe(4);
    const items = page.locator('.monitor-lead');
    await expect.poll(() => items.count()).toBe(4);
    expect(await items.first().textContent()).toContain('espera tu visto bueno');
    await screenshot('monitor-manual-es');
    await page.getByRole('button', { name: 'Avanzar los retenidos en este paso' }).click();
    await expect
      .poll(async () => firstNumber(await nodeCount('mail')), { timeout: 15_000 })
      .toBe(4);
    await expect.poll(() => items.count()).toBe(0);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('In the campaign: 4').waitFor();
    await page.getByRole('button', { name: 'Pause campaign' }).waitFor();
    await screenshot('monitor-manual-en');
    expect(session.problems).toEqual([]);
  });
});
