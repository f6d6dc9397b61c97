import { SegmentDetail } from '@rumbo/flow';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedApp, startApp } from '../support/app.ts';
import {
  launchBrowser,
  prepareE2e,
  recordProblems,
  saveScreenshot,
  WEB_DIST,
} from '../support/browser.ts';
import { createTestDatabase } from '../support/db.ts';

/**
 * A Spanish-speaking marketer builds "clientes de México que compraron suéteres en los últimos
 * 90 días" with the rule builder on the seeded demo workspace, watches the count follow each
 * condition, saves, reloads and finds it unchanged; then imports a static list from pasted
 * customer codes and checks who a segment selects on the leads pages.
 */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: StartedApp;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  prepareE2e();
  database = await createTestDatabase('e2e-segments');
  app = await startApp({ databaseUrl: database.url, env: { RUMBO_WEB_DIST: WEB_DIST } });
  browser = await launchBrowser();
  const context = await browser.newContext({
    locale: 'es-ES',
    viewport: { width: 1400, height: 900 },
  });
  page = await context.newPage();
  recordProblems(page, problems);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.close();
});

const screenshot = (name: string) => saveScreenshot(page, name);

async function scalar(query: string): Promise<number> {
  const result = await database.pool.query(query);
  return Number(result.rows[0].n);
}

/** The live count once it settles on `expected` (digits only: "1.234" → 1234). */
async function waitForCount(expected: number): Promise<void> {
  const count = page.getByTestId('segment-count').locator('strong');
  await expect
    .poll(async () => Number((await count.textContent({ timeout: 5_000 }))?.replace(/\D/g, '')), {
      timeout: 15_000,
    })
    .toBe(expected);
}

const MEXICO = "select count(*) as n from leads where attributes->>'country' = 'MX'";
const MEXICO_SWEATERS = `${MEXICO.replace('leads where', 'leads l where l.')} and exists (select 1 from lead_events e
  where e.lead_id = l.id and e.name = 'purchased' and e.properties->>'family' = 'suéteres'
  and e.occurred_at > now() - interval '90 days')`;

describe('segment builder', () => {
  it('builds "clientes de México que compraron suéteres en los últimos 90 días", sees the count change, saves and finds it unchanged after a reload', async () => {
    await page.goto(`${app.baseUrl}/segments`);
    // The demo seeds one segment: the one its running campaign (REC001) enters.
    await page.getByRole('link', { name: 'Carrito abandonado (30 días)' }).waitFor();
    await screenshot('segments-seeded-es');

    await page
      .getByRole('link', { name: /Nuevo segmento/ })
      .first()
      .click();
    await page.waitForURL('**/segments/new');
    await waitForCount(await scalar('select count(*) as n from leads'));
    await page
      .getByLabel('Nombre', { exact: true })
      .fill('Clientes de México que compraron suéteres');

    await page.getByRole('button', { name: '+ Condición' }).click();
    const first = page.locator('.rule').nth(0);
    await first.locator('select.rule-fields').selectOption('attribute:string:country');
    expect(
      await first
        .locator('datalist option')
        .evaluateAll((options) => options.map((o) => o.getAttribute('value'))),
    ).toEqual(['ES', 'MX']);
    await first.getByLabel('Valor de País (country)').fill('MX');
    await waitForCount(await scalar(MEXICO));

    await page.getByRole('button', { name: '+ Condición' }).click();
    const second = page.locator('.rule').nth(1);
    await second.locator('select.rule-fields').selectOption('event');
    await second.getByLabel('Evento', { exact: true }).selectOption('purchased');
    expect(await second.getByLabel('Cuándo').inputValue()).toBe('inLast');
    expect(await second.getByLabel('Cantidad de tiempo').inputValue()).toBe('90');
    await second.getByRole('button', { name: /con una propiedad/ }).click();
    await second.getByLabel('Propiedad del evento').selectOption('family');
    await second.getByLabel('Valor de Familia de producto (family)').fill('suéteres');
    const expected = await scalar(MEXICO_SWEATERS);
    expect(expected).toBeGreaterThan(0);
    await waitForCount(expected);
    await page.locator('.sample-table tbody tr').first().waitFor();
    await screenshot('segment-builder-es');

    await page.getByRole('button', { name: 'Guardar segmento' }).click();
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
    await page.getByText('Guardado', { exact: true }).waitFor();
    const id = page.url().split('/').at(-1) ?? '';

    await page.reload();
    await page.locator('.rule').nth(1).waitFor();
    expect(await page.getByLabel('Nombre', { exact: true }).inputValue()).toBe(
      'Clientes de México que compraron suéteres',
    );
    expect(await page.locator('.rule').nth(0).locator('select.rule-fields').inputValue()).toBe(
      'attribute:string:country',
    );
    expect(
      await page
        .locator('.rule')
        .nth(1)
        .getByLabel('Valor de Familia de producto (family)')
        .inputValue(),
    ).toBe('suéteres');
    await waitForCount(expected);
    const stored = SegmentDetail.parse(
      await (await fetch(`${app.baseUrl}/api/v1/segments/${id}`)).json(),
    );
    expect(stored.rule).toEqual({
      kind: 'group',
      combinator: 'and',
      not: false,
      rules: [
        { kind: 'attribute', path: 'country', type: 'string', test: { op: 'eq', value: 'MX' } },
        {
          kind: 'event',
          name: 'purchased',
          where: [{ property: 'family', type: 'string', test: { op: 'eq', value: 'suéteres' } }],
          when: { op: 'inLast', duration: { amount: 90, unit: 'days' } },
        },
      ],
    });
    await screenshot('segment-reloaded-es');
  }, 120_000);

  it('says in words what is wrong with a condition and keeps the count back until it is fixed', async () => {
    await page.goto(`${app.baseUrl}/segments/new`);
    await page.getByRole('button', { name: '+ Condición' }).click();
    const rule = page.locator('.rule').nth(0);
    await rule.locator('select.rule-fields').selectOption('attribute:number:lifetimeValue');
    await rule.locator('select.rule-operators').selectOption('gt');
    await rule.getByLabel('Valor de Valor total de compras (lifetimeValue)').fill('');
    await rule.getByText('El valor no es un número válido.').waitFor();
    await page.getByText('Corrige las condiciones marcadas para ver el recuento.').waitFor();
    expect(await page.getByRole('button', { name: 'Guardar segmento' }).isDisabled()).toBe(true);
    await rule.getByLabel('Valor de Valor total de compras (lifetimeValue)').fill('1000');
    await waitForCount(
      await scalar(
        "select count(*) as n from leads where (attributes->>'lifetimeValue')::numeric > 1000",
      ),
    );
    await screenshot('segment-error-es');
  }, 60_000);

  it('reads an uploaded clientes.txt, imports a static list from pasted codes, shows the match report before saving, and lists its leads', async () => {
    await page.goto(`${app.baseUrl}/segments/new-list`);
    await page.getByLabel('Nombre de la lista').fill('Preventa de suéteres');
    const keys = [
      'CLI-00001',
      'CLI-00002',
      'CLI-00003',
      'CLI-00004',
      'CLI-00005',
      'CLI-00006',
      'CLI-00007',
      'CLI-00008',
      'CLI-00003',
      'NO-EXISTE',
    ];
    await page.getByLabel('Elegir archivo…').setInputFiles({
      name: 'clientes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('CLI-00010\r\nCLI-00011\r\n'),
    });
    await page.getByText('Leído: clientes.txt').waitFor();
    expect(await page.getByLabel('Códigos de cliente').inputValue()).toContain('CLI-00011');
    await page.getByLabel('Códigos de cliente').fill(keys.join('\n'));
    expect(await page.getByRole('button', { name: 'Guardar lista' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Comprobar códigos' }).click();
    const report = page.getByTestId('match-report');
    await report.getByText('8 de 9 códigos corresponden a leads existentes.').waitFor();
    await report.getByText('1 código no existe y no se añadirá.').waitFor();
    await report.getByText('1 código repetido se ha ignorado.').waitFor();
    await report.getByText('NO-EXISTE').waitFor();
    await screenshot('static-list-report-es');
    expect(await scalar('select count(*) as n from list_members')).toBe(0);

    await page.getByRole('button', { name: 'Guardar lista' }).click();
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Preventa de suéteres' }).waitFor();
    expect(await scalar('select count(*) as n from list_members')).toBe(8);

    await page.getByRole('link', { name: 'Ver los leads de la lista' }).click();
    await page.waitForURL(/\/leads\?segment=/);
    await page.getByText('Solo los leads del segmento «Preventa de suéteres».').waitFor();
    await expect.poll(() => page.locator('.lead-table__row').count()).toBe(8);
    await screenshot('leads-in-list-es');

    await page.locator('.lead-table__row').first().getByRole('link').click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Consentimiento' }).waitFor();
    await page.getByRole('link', { name: 'Preventa de suéteres' }).waitFor();
    await screenshot('lead-detail-es');

    await page.goto(`${app.baseUrl}/segments`);
    await page.locator('.segment-table tbody tr').nth(2).waitFor();
    await screenshot('segments-list-es');
    expect(problems).toEqual([]);
  }, 90_000);
});

describe('segment builder in English', () => {
  it('shows the saved segment with English words after switching the language', async () => {
    await page.goto(`${app.baseUrl}/segments`);
    await page.locator('.segment-table tbody tr').first().waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Clientes de México que compraron suéteres' }).click();
    await page.locator('.rule').nth(1).waitFor();
    await page.getByRole('heading', { name: 'Conditions' }).waitFor();
    await page.getByRole('button', { name: '+ Condition' }).waitFor();
    await page.getByText('leads match the conditions').waitFor();
    expect(
      await page.locator('.rule').nth(1).getByLabel('Event', { exact: true }).inputValue(),
    ).toBe('purchased');
    await page.getByText('Purchased', { exact: true }).first().waitFor({ state: 'attached' });
    await screenshot('segment-builder-en');
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Condiciones' }).waitFor();
  }, 60_000);
});

describe('leads page', () => {
  it('searches without accents and loads more rows as the table scrolls', async () => {
    await page.goto(`${app.baseUrl}/leads`);
    await page.locator('.lead-table__row').first().waitFor();
    await page.getByText('100 leads cargados (desplázate para ver más)').waitFor();
    await page.getByTestId('lead-scroller').evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await page.getByText('200 leads cargados (desplázate para ver más)').waitFor();
    const rendered = await page.locator('.lead-table__row').count();
    expect(rendered).toBeLessThan(60);

    const { rows } = await database.pool.query(
      "select name from leads where name ~ 'á' order by external_key limit 1",
    );
    const plain: string = rows[0].name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    await page.getByRole('searchbox').fill(plain);
    await page.locator('.lead-table__row', { hasText: rows[0].name }).first().waitFor();
    await screenshot('leads-search-es');
  }, 60_000);
});
