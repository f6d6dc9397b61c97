import { CampaignDetail, type FlowDocument, type Trigger } from '@rumbo/flow';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedApp, startApp } from '../support/app.ts';
import { launchBrowser, prepareE2e, recordProblems, saveScreenshot } from '../support/browser.ts';
import { createTestDatabase } from '../support/db.ts';

/**
 * A new user builds the seed-000 campaign (free sample, review with a purchase option,
 * feedback, sales call; the `seed-free-sample` template) in the designer, in Spanish, with a
 * real mouse: steps dragged from the palette onto the canvas, handles joined, transitions
 * set and labelled; an error found and fixed; the draft autosaved to the server and found
 * unchanged after a reload. Then a branch condition edited with the segment builder.
 */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: StartedApp;
let browser: Browser;

beforeAll(async () => {
  prepareE2e();
  database = await createTestDatabase('e2e-designer-seed');
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

async function openCampaign(id: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    locale: 'es-ES',
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  recordProblems(page, problems);
  await page.goto(`${app.baseUrl}/campaigns/${id}`);
  await page.getByRole('toolbar', { name: 'Herramientas del editor' }).waitFor({ timeout: 60_000 });
  return { page, problems };
}

async function createCampaign(body: Record<string, unknown>): Promise<CampaignDetail> {
  const response = await fetch(`${app.baseUrl}/api/v1/campaigns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return CampaignDetail.parse(await response.json());
}

async function serverDraft(id: string): Promise<FlowDocument> {
  const response = await fetch(`${app.baseUrl}/api/v1/campaigns/${id}`);
  return CampaignDetail.parse(await response.json()).draft;
}

/** The machine running the suite may be busy: a reload can take longer than expect's 5 s. */
const SLOW = { timeout: 20_000 };

const shot = (page: Page, name: string) => saveScreenshot(page, name, false);

const nodeNamed = (page: Page, name: string): Locator =>
  page.locator('.react-flow__node').filter({
    has: page.locator('.flow-node__name', { hasText: new RegExp(`^${literal(name)}$`) }),
  });

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Presses a palette item and drags it with the mouse to a point of the canvas (a negative `y`
 * counts from the canvas's bottom, which moves up as the review list grows).
 */
async function dropStep(page: Page, type: string, at: { x: number; y: number }, name: string) {
  const item = page.getByRole('button', { name: `Añadir ${type}`, exact: true });
  await item.scrollIntoViewIfNeeded();
  const box = await item.boundingBox();
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!box || !pane) throw new Error('palette or canvas not on screen');
  const before = await page.locator('.react-flow__node').count();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  const y = at.y < 0 ? pane.height + at.y : at.y;
  await page.mouse.move(pane.x + at.x, pane.y + y, { steps: 10 });
  await page.mouse.up();
  await expect
    .poll(() => page.locator('.react-flow__node').count(), SLOW)
    .toBe(before + 1)
    .catch(async (error: unknown) => {
      await shot(page, `designer-seed-drop-failed-${type}`);
      throw error;
    });
  // The dropped step is selected: name it in the inspector.
  await page.getByLabel('Nombre', { exact: true }).fill(name);
  await nodeNamed(page, name).waitFor();
}

/**
 * Drags from the source step's right handle to the target step's left handle. The handles are
 * measured right before the drag, and the pointer rests on the target before it is released, as
 * a person's would: on a busy machine the review list below the canvas can still be growing from
 * the previous edit. Some targets lie in the band along the canvas's border where a connection
 * scrolls the canvas; resting on a handle there must not (tests/e2e/designer-handles.test.ts).
 */
async function connect(page: Page, source: string, target: string) {
  const before = await page.locator('.react-flow__edge').count();
  const from = await nodeNamed(page, source).locator('.react-flow__handle.source').boundingBox();
  const to = await nodeNamed(page, target).locator('.react-flow__handle.target').boundingBox();
  if (!from || !to) throw new Error(`${source} or ${target} not on screen`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.move(to.x + to.width / 2 + 1, to.y + to.height / 2);
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2);
  await page.mouse.up();
  await expect
    .poll(() => page.locator('.react-flow__edge').count(), SLOW)
    .toBe(before + 1)
    .catch(async (error: unknown) => {
      await shot(page, `designer-seed-connect-failed`);
      throw error;
    });
}

/** Opens a transition from its source's "Salidas" list in the inspector. */
async function openTransition(page: Page, source: string, target: string) {
  await nodeNamed(page, source).locator('.flow-node__name').click();
  await page
    .locator('#designer-inspector')
    .getByRole('button', { name: new RegExp(`→ ${literal(target)}$`) })
    .first()
    .click();
  await page.locator('#transition-title').waitFor();
}

async function setTrigger(
  page: Page,
  kind: string,
  extra: { signal?: string; amount?: number; unit?: string; label?: string } = {},
) {
  await page.getByLabel('Cuándo avanza el lead').selectOption({ label: kind });
  if (extra.signal) await page.getByLabel('Señal').selectOption({ label: extra.signal });
  if (extra.amount !== undefined) await page.getByLabel('Cantidad').fill(String(extra.amount));
  if (extra.unit) await page.getByLabel('Unidad').selectOption({ label: extra.unit });
  if (extra.label) await page.getByLabel('Etiqueta propia').fill(extra.label);
}

/** The document's transitions as "source → target: trigger" lines, for comparing drafts. */
function summary(doc: FlowDocument): string[] {
  const names = new Map<string, string>(doc.nodes.map((n) => [n.id, n.name]));
  const trigger = (t: Trigger) => JSON.stringify(t);
  return doc.transitions
    .map(
      (t) =>
        `${names.get(t.source)} → ${names.get(t.target)}: ${trigger(t.trigger)}${t.label ? ` «${t.label}»` : ''}`,
    )
    .sort();
}

describe('designer: building the seed-000 campaign', () => {
  it('drags the free-sample campaign together, fixes its errors, and finds it unchanged on the server after a reload', async () => {
    const created = await createCampaign({
      from: 'blank',
      code: 'MUE010',
      name: 'Muestra gratuita',
      locale: 'es',
    });
    const { page, problems } = await openCampaign(created.id);
    await expect.poll(() => page.locator('.react-flow__node').count(), SLOW).toBe(2);

    // The blank flow is entry → exit; the campaign starts with a form event instead.
    await nodeNamed(page, 'Entrada').locator('.flow-node__name').click();
    await page.getByLabel('Nombre', { exact: true }).fill('Formulario de información');
    await page.getByLabel('Tipo de origen').selectOption({ label: 'Un evento' });
    await page.getByLabel('Nombre del evento').fill('info_form_submitted');
    await openTransition(page, 'Formulario de información', 'Fin');
    await page.getByRole('button', { name: 'Eliminar la transición' }).click();
    await nodeNamed(page, 'Fin').locator('.flow-node__name').click();
    await page.getByLabel('Nombre', { exact: true }).fill('Sin interés');

    // Room for nine steps at a readable size.
    await page.getByRole('button', { name: 'Ordenar' }).click();
    for (let i = 0; i < 3; i++) await page.locator('.react-flow__controls-zoomout').click();
    await page.waitForTimeout(300);
    await shot(page, 'designer-seed-start-es');

    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no canvas');
    const col = (i: number) => 90 + i * ((pane.width - 180) / 3);
    await dropStep(page, 'Webhook', { x: col(0), y: 90 }, 'Enviar muestra (logística)');
    await page.getByLabel('Dirección (URL)').fill('https://logistica.example.com/api/shipments');
    await dropStep(page, 'Email', { x: col(1), y: 90 }, 'Tu muestra va en camino');
    await dropStep(page, 'Email', { x: col(2), y: 90 }, 'Reseña y opción de compra');
    await dropStep(page, 'Objetivo', { x: col(3), y: 90 }, 'Compra');
    await dropStep(page, 'Email', { x: col(1), y: -70 }, 'Pedir opinión');
    await dropStep(page, 'Llamada', { x: col(2), y: -70 }, 'Llamada de ventas');
    await shot(page, 'designer-seed-dropped-es');

    await connect(page, 'Formulario de información', 'Enviar muestra (logística)');
    await connect(page, 'Enviar muestra (logística)', 'Tu muestra va en camino');
    await connect(page, 'Tu muestra va en camino', 'Reseña y opción de compra');
    await connect(page, 'Reseña y opción de compra', 'Compra');
    await connect(page, 'Reseña y opción de compra', 'Pedir opinión');
    await connect(page, 'Pedir opinión', 'Llamada de ventas');
    await connect(page, 'Llamada de ventas', 'Compra');
    await connect(page, 'Llamada de ventas', 'Sin interés');

    await openTransition(page, 'Enviar muestra (logística)', 'Tu muestra va en camino');
    await setTrigger(page, 'Cuando llegue una señal', {
      signal: 'Webhook correcto',
      label: 'Muestra enviada',
    });
    await openTransition(page, 'Tu muestra va en camino', 'Reseña y opción de compra');
    await setTrigger(page, 'Si no pasa nada en un tiempo', { amount: 4, unit: 'días' });
    await openTransition(page, 'Reseña y opción de compra', 'Compra');
    await setTrigger(page, 'Cuando llegue una señal', { signal: 'Compró (evento del lead)' });
    await openTransition(page, 'Reseña y opción de compra', 'Pedir opinión');
    await setTrigger(page, 'Si no pasa nada en un tiempo', {
      amount: 5,
      unit: 'días',
      label: 'Sin respuesta en 5 días',
    });
    await openTransition(page, 'Pedir opinión', 'Llamada de ventas');
    await setTrigger(page, 'Cuando llegue una señal', { signal: 'Respondió' });
    await openTransition(page, 'Llamada de ventas', 'Sin interés');
    await setTrigger(page, 'Cuando llegue una señal', { signal: 'No interesado' });

    // Words on the canvas, not codes.
    expect(await page.locator('.flow-edge__label').allInnerTexts()).toEqual(
      expect.arrayContaining(['Muestra enviada', 'Sin respuesta en 5 días', 'Compró', 'Respondió']),
    );

    // The new emails have no subject: the review lists each; choosing one opens its step.
    await page.getByRole('button', { name: 'Ordenar' }).click();
    await page.waitForTimeout(400);
    await page.getByRole('button', { name: 'Ver todo' }).click();
    await page.waitForTimeout(400);
    await page.getByRole('button', { name: /Pedir opinión.*no tiene asunto/ }).waitFor();
    await shot(page, 'designer-seed-errors-es');
    for (const [name, subject] of [
      ['Pedir opinión', '¿Por qué no te convenció?'],
      ['Tu muestra va en camino', '{{ lead.name }}, tu muestra gratuita va en camino'],
      ['Reseña y opción de compra', '¿Qué te ha parecido la muestra?'],
    ] as const) {
      await page.getByRole('button', { name: new RegExp(`${name}.*no tiene asunto`) }).click();
      await expect.poll(() => page.locator('#inspector-title').textContent()).toBe(name);
      await page.getByLabel('Asunto').fill(subject);
      await page.getByLabel('Cuerpo del mensaje').fill('Hola {{ lead.name }}');
    }
    await expect.poll(() => page.locator('.react-flow__node .issue-badge--error').count()).toBe(0);
    await page.getByText(/^Guardado a las/).waitFor({ timeout: 15_000 });
    await shot(page, 'designer-seed-built-es');

    const labels = await page.locator('.flow-edge__label').allInnerTexts();
    const saved = await serverDraft(created.id);
    expect(saved.nodes.map((n) => n.name).sort()).toEqual(
      [
        'Compra',
        'Enviar muestra (logística)',
        'Formulario de información',
        'Llamada de ventas',
        'Pedir opinión',
        'Reseña y opción de compra',
        'Sin interés',
        'Tu muestra va en camino',
      ].sort(),
    );
    expect(summary(saved)).toContain(
      'Reseña y opción de compra → Pedir opinión: {"kind":"timeout","amount":5,"unit":"days"} «Sin respuesta en 5 días»',
    );
    expect(summary(saved)).toContain(
      'Reseña y opción de compra → Compra: {"kind":"signal","signal":"purchased"}',
    );

    // A reload shows the same flow: every step, every transition and its words.
    await page.evaluate(() => window.localStorage.clear());
    await page.reload();
    await expect.poll(() => page.locator('.react-flow__node').count(), SLOW).toBe(8);
    await expect.poll(() => page.locator('.react-flow__edge').count(), SLOW).toBe(8);
    expect(summary(await serverDraft(created.id))).toEqual(summary(saved));
    expect((await page.locator('.flow-edge__label').allInnerTexts()).sort()).toEqual(labels.sort());
    await page.getByRole('button', { name: 'Ver todo' }).click();
    await page.waitForTimeout(400);
    await nodeNamed(page, 'Pedir opinión').locator('.flow-node__name').click();
    expect(await page.getByLabel('Asunto').inputValue()).toBe('¿Por qué no te convenció?');
    await shot(page, 'designer-seed-reloaded-es');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('edits a branch condition with the segment builder and keeps the rule on the server', async () => {
    const created = await createCampaign({ from: 'template', templateId: 'nps-follow-up' });
    const { page, problems } = await openCampaign(created.id);
    await nodeNamed(page, 'Puntuación').locator('.flow-node__name').click();
    const first = page.locator('.branch-conditions > li').first();
    const value = first.getByLabel(/^Valor de/);
    await page.locator('.condition-builder').first().waitFor();
    await shot(page, 'designer-branch-open-es');
    await value.waitFor();
    await first.locator('select.rule-operators').selectOption('gte');
    await value.fill('8');
    await shot(page, 'designer-branch-builder-es');
    await page.getByText(/^Guardado a las/).waitFor({ timeout: 15_000 });
    const draft = await serverDraft(created.id);
    const condition = draft.transitions.find(
      (t) => t.trigger.kind === 'condition' && t.trigger.order === 0,
    );
    expect(JSON.stringify(condition?.trigger)).toContain('"value":8');

    // Half a rule (no value) is not written: the transition keeps the last complete rule.
    await value.fill('');
    await first.getByText(/no se guarda hasta que esté completa/).waitFor();
    await page.reload();
    await nodeNamed(page, 'Puntuación').locator('.flow-node__name').click();
    expect(
      await page
        .locator('.branch-conditions > li')
        .first()
        .getByLabel(/^Valor de/)
        .inputValue(),
    ).toBe('8');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
