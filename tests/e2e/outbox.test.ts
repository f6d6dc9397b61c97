import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedApp } from '../support/app.ts';
import { saveScreenshot } from '../support/browser.ts';
import { type E2eSession, startE2eSession, type TestDatabase } from './support/e2e-session.ts';
import { listCampaign, openedOrLate } from './support/list-campaign.ts';

/**
 * A tester publishes and launches a test-mode campaign through the API (the server's own
 * runner walks the leads to the email), opens its outbox, sees the held messages, opens one
 * and presses "Abrió": the lead moves on to «Abrió el correo» in the counts.
 */

let session: E2eSession;
let database: TestDatabase;
let app: StartedApp;
let page: Page;
let api: E2eSession['api'];
let campaignId: string;
let leadKeys: string[];

beforeAll(async () => {
  session = await startE2eSession('e2e-outbox');
  ({ database, app, page, api } = session);
  // Three demo leads with email consent on a list; entry → email → opened | 3 days.
  ({ campaignId, keys: leadKeys } = await listCampaign(session, {
    list: { name: 'Probadores', reach: 'email', count: 3 },
    flow: (entry) => ({
      settings: { code: 'PRB001', name: 'Bienvenida de prueba', mode: 'test' },
      nodes: [
        entry,
        {
          id: 'mail',
          type: 'email',
          name: 'Correo de bienvenida',
          config: {
            subject: 'Bienvenida, {{ lead.name }}',
            body: '<h1>Hola {{ lead.name }}</h1><p>Gracias por unirte a nuestra tienda.</p>',
          },
        },
        ...openedOrLate.nodes,
      ],
      transitions: [
        { id: 'a', source: 'in', target: 'mail', trigger: { kind: 'auto' } },
        ...openedOrLate.transitions,
      ],
    }),
  }));
}, 180_000);

afterAll(async () => {
  await session?.close();
});

const screenshot = (name: string) => saveScreenshot(page, name);

const statCell = (nodeId: string, stat: 'waiting' | 'ended') =>
  page.locator(`.outbox-stats tr[data-node="${nodeId}"] td[data-stat="${stat}"]`).textContent();

async function enrollmentNode(leadKey: string): Promise<string | undefined> {
  const { rows } = await database.pool.query<{ node_id: string }>(
    'SELECT node_id FROM enrollments WHERE campaign_id = $1 AND lead_key = $2',
    [campaignId, leadKey],
  );
  return rows[0]?.node_id;
}

describe('outbox viewer', () => {
  it('shows the held messages of a test campaign; "Abrió" moves the lead on', async () => {
    await api('POST', `/api/v1/campaigns/${campaignId}/publish`);
    const launched = await api('POST', `/api/v1/campaigns/${campaignId}/launch`);
    expect(launched).toMatchObject({ status: 'active', enrolled: 3 });

    await page.goto(`${app.baseUrl}/campaigns/${campaignId}/outbox`);
    await page.getByRole('heading', { name: 'Bandeja de salida', level: 1 }).waitFor();
    // The server's runner brings the three leads to the email in the background.
    const rows = page.locator('.outbox-table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => statCell('mail', 'waiting')).toBe('3');
    await expect
      .poll(() => page.locator('.outbox-status', { hasText: 'Retenido (prueba)' }).count())
      .toBe(3);
    await screenshot('outbox-list-es');

    const target = leadKeys[0] ?? '';
    const { rows: named } = await database.pool.query<{ name: string }>(
      'SELECT name FROM leads WHERE external_key = $1',
      [target],
    );
    const leadName = named[0]?.name ?? '';
    await page
      .locator('.outbox-row', { hasText: leadName })
      .getByRole('button', { name: `Bienvenida, ${leadName}` })
      .click();
    const detail = page.getByRole('article', { name: 'Mensaje' });
    await detail.getByText(`Bienvenida, ${leadName}`).waitFor();
    const frame = page.frameLocator('iframe[title="Vista del correo"]');
    await frame.getByRole('heading', { name: `Hola ${leadName}` }).waitFor();
    await screenshot('outbox-message-es');

    await detail.getByRole('button', { name: 'Abrió' }).click();
    await page.getByText('Señal «Abrió» registrada: 1 contacto avanzó.').waitFor();
    await expect.poll(() => statCell('opened', 'ended'), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => statCell('mail', 'waiting')).toBe('2');
    expect(await enrollmentNode(target)).toBe('opened');
    expect(await enrollmentNode(leadKeys[1] ?? '')).toBe('mail');

    // A second press is the same signal for the same message: recorded once, nobody moves.
    await detail.getByRole('button', { name: 'Abrió' }).click();
    await page.getByText('Esa señal ya se había enviado para este mensaje.').waitFor();
    await screenshot('outbox-after-opened-es');

    // Filters: no SMS in this campaign.
    await page.getByLabel('Canal').selectOption('sms');
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByText('Todavía no hay mensajes').waitFor();

    // English second: the same page, every text translated.
    await page.getByLabel('Canal').selectOption('');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Outbox', level: 1 }).waitFor();
    await page.locator('.outbox-status', { hasText: 'Held (test)' }).first().waitFor();
    await screenshot('outbox-list-en');
    expect(session.problems).toEqual([]);
  }, 120_000);
});
