import { CallTaskList } from '@rumbo/flow';
import { enrollFromSegments } from '@rumbo/runner';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishAndLaunch, runUntilQuiet } from '../integration/runner-fixtures.ts';
import type { StartedApp } from '../support/app.ts';
import { saveScreenshot } from '../support/browser.ts';
import { type E2eSession, startE2eSession, type TestDatabase } from './support/e2e-session.ts';
import { listCampaign } from './support/list-campaign.ts';

/**
 * A Spanish-speaking agent works the call list of a running campaign (seed 002) with the
 * keyboard only: snoozes the first call by +2 h (it moves down), logs an event on the next,
 * marks a third "Objetivo cumplido" with a comment (it leaves the open list and the lead moves
 * on in the flow), then finds it under "Cerrado".
 */

let session: E2eSession;
let database: TestDatabase;
let app: StartedApp;
let page: Page;
let problems: string[];
let campaignId: string;
let leadKeys: string[];

/** Four demo customers on a static list, a campaign entry → call → won | lost | timeout. */
async function callCampaign(): Promise<string> {
  const made = await listCampaign(session, {
    list: { name: 'Preventa suéteres', reach: 'call', count: 4 },
    flow: (entry) => ({
      settings: { code: 'RET045', name: 'Preventa de suéteres', mode: 'live' },
      nodes: [
        entry,
        {
          id: 'call',
          type: 'call',
          name: 'Llamada preventa',
          config: {
            script:
              'Hola {{ lead.name }}, te llamamos de la tienda para invitarte a la preventa de suéteres.',
          },
        },
        { id: 'won', type: 'exit', name: 'Asistirá', config: {} },
        { id: 'lost', type: 'exit', name: 'No interesado', config: {} },
        { id: 'late', type: 'exit', name: 'Sin respuesta', config: {} },
      ],
      transitions: [
        { id: 'a', source: 'in', target: 'call', trigger: { kind: 'auto' } },
        {
          id: 'w',
          source: 'call',
          target: 'won',
          trigger: { kind: 'signal', signal: 'objective_achieved' },
        },
        {
          id: 'l',
          source: 'call',
          target: 'lost',
          trigger: { kind: 'signal', signal: 'not_interested' },
        },
        {
          id: 't',
          source: 'call',
          target: 'late',
          trigger: { kind: 'timeout', amount: 14, unit: 'days' },
        },
      ],
    }),
  });
  leadKeys = made.keys;
  const id = made.campaignId;
  const version = await publishAndLaunch(database.db, id);
  await enrollFromSegments(database.db, { campaignId: id, version });
  await runUntilQuiet(database.db, database.pool, id, version);
  return id;
}

beforeAll(async () => {
  session = await startE2eSession('e2e-calls');
  ({ database, app, page, problems } = session);
  campaignId = await callCampaign();
}, 180_000);

afterAll(async () => {
  await session?.close();
});

const screenshot = (name: string) => saveScreenshot(page, name);

/** Lead keys in the order the list shows them. */
const order = () =>
  page
    .locator('[role="option"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lead-key')));

const selectedKey = () =>
  page.locator('[role="option"][aria-selected="true"]').getAttribute('data-lead-key');

async function enrollmentNode(leadKey: string): Promise<string | undefined> {
  const { rows } = await database.pool.query<{ node_id: string }>(
    'SELECT node_id FROM enrollments WHERE campaign_id = $1 AND lead_key = $2',
    [campaignId, leadKey],
  );
  return rows[0]?.node_id;
}

describe('call list', () => {
  it('lets an agent snooze, log an event and close a call with the keyboard; the closed lead moves on in the flow', async () => {
    const [first, second, third, fourth] = leadKeys;
    // The demo's own running campaign has calls too: the agent picks this one.
    await page.goto(`${app.baseUrl}/calls?campaign=${campaignId}`);
    await page.getByRole('heading', { name: 'Llamadas', level: 1 }).waitFor();
    await expect.poll(order, { timeout: 15_000 }).toEqual([first, second, third, fourth]);
    await expect
      .poll(() => page.getByTestId('call-totals').textContent())
      .toMatch(/^4 clientes · \d con email · \d sin email$/);
    await page.getByRole('blockquote').or(page.locator('.call-script')).first().waitFor();
    await screenshot('calls-list-es');

    // +2 h on the first call: it moves to the bottom and the next call is selected.
    await page.getByRole('listbox', { name: 'Lista de llamadas' }).focus();
    await page.keyboard.press('h');
    await expect.poll(order).toEqual([second, third, fourth, first]);
    await expect.poll(selectedKey).toBe(second);
    await expect(page.getByRole('status').filter({ hasText: 'se recordará' })).toBeTruthy();

    // Evento on the second: a note, saved with Ctrl+Enter; it stays selected and shows on the card.
    await page.keyboard.press('e');
    const note = page.getByRole('textbox', { name: 'Qué pasó en la llamada' });
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
    await note.fill('Pide que le recuerden en una semana; pregunta por accesos para discapacidad.');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('call-history').getByText('accesos para discapacidad').waitFor();
    await expect.poll(selectedKey).toBe(second);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')))
      .toBe('listbox');

    // Down to the third; "Objetivo cumplido" with a comment: it leaves the open list.
    await page.keyboard.press('ArrowDown');
    await expect.poll(selectedKey).toBe(third);
    await page.keyboard.press('o');
    await page
      .getByRole('textbox', { name: 'Comentario' })
      .fill('Confirmó asistencia a la preventa.');
    await screenshot('calls-objective-es');
    await page.keyboard.press('Control+Enter');
    await expect.poll(order).toEqual([second, fourth, first]);
    await expect.poll(() => page.getByTestId('call-totals').textContent()).toMatch(/^3 clientes/);
    expect(await enrollmentNode(third ?? '')).toBe('won');
    expect(await enrollmentNode(second ?? '')).toBe('call');
    await screenshot('calls-after-actions-es');

    // Cerrado shows the closed call with its outcome.
    await page.getByRole('radio', { name: 'Cerrado' }).check();
    await expect.poll(order).toEqual([third]);
    await page.getByText('Cerrada: Objetivo cumplido').waitFor();
    await screenshot('calls-closed-es');

    // A daily capacity of one: today's call is used, so the calls due now wait for tomorrow.
    await page.getByRole('radio', { name: 'Abierto' }).check();
    await page.getByRole('spinbutton', { name: 'Llamadas por día' }).fill('1');
    await page.getByRole('button', { name: 'Fijar' }).click();
    await page.getByText('Capacidad: 1 llamada al día · quedan 0 hoy').waitFor();
    // The call snoozed by two hours sorts by its reminder: before the calls queued for
    // tomorrow when it falls today, after them when the two hours cross midnight (UTC).
    const open = CallTaskList.parse(
      await (await fetch(`${app.baseUrl}/api/v1/call-tasks?campaignId=${campaignId}`)).json(),
    );
    const snoozed = open.items.find((i) => i.leadKey === first);
    const tomorrow = open.items.find((i) => i.queuedUntil !== null)?.queuedUntil;
    expect(snoozed?.remindAt).toBeTruthy();
    expect(tomorrow).toBeTruthy();
    await expect
      .poll(order)
      .toEqual(
        Date.parse(snoozed?.remindAt ?? '') < Date.parse(tomorrow ?? '')
          ? [first, second, fourth]
          : [second, fourth, first],
      );
    await expect.poll(() => page.locator('.call-remind__tag--queued').count()).toBe(2);
    await screenshot('calls-capacity-es');

    const response = await fetch(
      `${app.baseUrl}/api/v1/call-tasks?campaignId=${campaignId}&status=closed`,
    );
    const closed = CallTaskList.parse(await response.json());
    expect(closed.items.map((i) => [i.leadKey, i.outcome, i.note])).toEqual([
      [third, 'objective_achieved', 'Confirmó asistencia a la preventa.'],
    ]);
    expect(problems).toEqual([]);
  }, 120_000);

  it('shows the same list, buttons and shortcuts in English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Call list', level: 1 }).waitFor();
    await page.getByRole('button', { name: /\+1 week/ }).waitFor();
    await page.getByRole('button', { name: /Objective achieved/ }).waitFor();
    await expect
      .poll(() => page.getByTestId('call-totals').textContent())
      .toMatch(/^3 customers · \d with email · \d without email$/);
    await screenshot('calls-list-en');
    expect(problems).toEqual([]);
  });
});
