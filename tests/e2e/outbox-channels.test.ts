import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoopbackTarget } from '../integration/runner-channels-target.ts';
import type { StartedApp } from '../support/app.ts';
import { saveScreenshot } from '../support/browser.ts';
import { type E2eSession, startE2eSession } from './support/e2e-session.ts';
import { listCampaign } from './support/list-campaign.ts';

/**
 * A live campaign calls a webhook (a real HTTP target on loopback) and then sends an SMS (no
 * gateway configured: held in the outbox). The operator opens the outbox and reads what the
 * webhook sent and what the target answered, then the SMS text.
 */

let session: E2eSession;
let app: StartedApp;
let page: Page;
let api: E2eSession['api'];
let campaignId: string;
const target = new LoopbackTarget();

beforeAll(async () => {
  await target.start();
  session = await startE2eSession('e2e-outbox-channels', { RUMBO_WEBHOOK_ALLOW_PRIVATE: 'true' });
  ({ app, page, api } = session);
  // Two demo leads with SMS consent on a list; entry → webhook → SMS.
  ({ campaignId } = await listCampaign(session, {
    list: { name: 'CRM', reach: 'sms', count: 2 },
    flow: (entry) => ({
      settings: { code: 'CRM001', name: 'Alta en el CRM', mode: 'live' },
      nodes: [
        entry,
        {
          id: 'hook',
          type: 'webhook',
          name: 'Alta en el CRM',
          config: {
            url: target.url('/crm/leads'),
            headers: { 'X-Origen': 'rumbo' },
            body: '{"clave":"{{ lead.key }}","nombre":"{{ lead.name }}"}',
          },
        },
        {
          id: 'sms',
          type: 'sms',
          name: 'SMS de bienvenida',
          config: { text: 'Hola {{ lead.name }}' },
        },
        { id: 'ko', type: 'exit', name: 'Rechazado', config: {} },
        { id: 'end', type: 'exit', name: 'Fin', config: {} },
      ],
      transitions: [
        { id: 'a', source: 'in', target: 'hook', trigger: { kind: 'auto' } },
        { id: 's', source: 'hook', target: 'sms', trigger: { kind: 'signal', signal: 'success' } },
        { id: 'f', source: 'hook', target: 'ko', trigger: { kind: 'signal', signal: 'failure' } },
        {
          id: 't',
          source: 'hook',
          target: 'ko',
          trigger: { kind: 'timeout', amount: 1, unit: 'days' },
        },
        {
          id: 'e',
          source: 'sms',
          target: 'end',
          trigger: { kind: 'timeout', amount: 1, unit: 'days' },
        },
      ],
    }),
  }));
}, 180_000);

afterAll(async () => {
  await session?.close();
  await target.stop();
});

describe('outbox viewer with webhooks and SMS', () => {
  it('shows the webhook request as sent and the target answer, then the held SMS', async () => {
    await api('POST', `/api/v1/campaigns/${campaignId}/publish`);
    expect(await api('POST', `/api/v1/campaigns/${campaignId}/launch`)).toMatchObject({
      enrolled: 2,
    });
    await page.goto(`${app.baseUrl}/campaigns/${campaignId}/outbox`);
    await page.getByRole('heading', { name: 'Bandeja de salida', level: 1 }).waitFor();
    const rows = page.locator('.outbox-table tbody tr');
    // The server's runner calls the webhook, the 200 moves both leads on to the SMS.
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(4);
    await page.reload();
    await expect
      .poll(() => page.locator('.outbox-status', { hasText: 'Enviado' }).count(), {
        timeout: 15_000,
      })
      .toBe(2);
    expect(target.at('/crm/leads').requests).toHaveLength(2);

    await page.getByLabel('Canal').selectOption('webhook');
    await expect.poll(() => rows.count()).toBe(2);
    await rows.first().locator('.outbox-row__open').click();
    const detail = page.getByRole('article', { name: 'Mensaje' });
    await detail.getByText(`POST ${target.url('/crm/leads')}`).waitFor();
    await detail.getByText('HTTP 200').waitFor();
    await detail.getByText('x-origen').waitFor();
    await expect.poll(() => detail.locator('pre').textContent()).toContain('"clave":');
    await saveScreenshot(page, 'outbox-webhook-es');

    await page.getByLabel('Canal').selectOption('sms');
    await expect.poll(() => rows.count()).toBe(2);
    await page.locator('.outbox-status', { hasText: 'Retenido (prueba)' }).first().waitFor();
    await rows.first().locator('.outbox-row__open').click();
    await detail.locator('pre', { hasText: /^Hola / }).waitFor();
    await saveScreenshot(page, 'outbox-sms-es');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Channel').selectOption('webhook');
    await rows.first().locator('.outbox-row__open').click();
    await page
      .getByRole('article', { name: 'Message' })
      .getByText('Response', { exact: true })
      .waitFor();
    await saveScreenshot(page, 'outbox-webhook-en');
    expect(session.problems).toEqual([]);
  }, 120_000);
});
