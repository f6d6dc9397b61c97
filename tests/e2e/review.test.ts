import { CampaignDetail, CampaignList, FlowDocument, ReviewList } from '@rumbo/flow';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedApp } from '../support/app.ts';
import { saveScreenshot } from '../support/browser.ts';
import {
  type E2eSession,
  openPage,
  startE2eSession,
  type TestDatabase,
} from './support/e2e-session.ts';

/**
 * Review in real Chromium, in Spanish: the marketer submits the edited seed-000 campaign
 * (published as v1) for review; the reviewer simulates it on 1,000 fake leads with the
 * comparison against v1, steps one lead and injects a click, reads the diff and approves —
 * which publishes v2. A draft with errors cannot be approved; a review goes stale when the
 * draft changes; a returned review's comments show in the designer.
 */

let session: E2eSession;
let database: TestDatabase;
let app: StartedApp;
let browser: Browser;

beforeAll(async () => {
  session = await startE2eSession('e2e-review');
  ({ database, app, browser } = session);
});

afterAll(async () => {
  await session?.close();
});

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

async function detail(id: string): Promise<CampaignDetail> {
  return CampaignDetail.parse((await api('GET', `/api/v1/campaigns/${id}`)).json);
}

async function saveDraft(id: string, edit: (draft: FlowDocument) => FlowDocument) {
  const current = await detail(id);
  const saved = await api('PUT', `/api/v1/campaigns/${id}/draft`, {
    document: edit(FlowDocument.parse(JSON.parse(JSON.stringify(current.draft)))),
    revision: current.draftRevision,
  });
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);
}

/** The reviewer's edit of v1: a dearer sample, one call outcome to a new exit, one link signal dropped. */
function edited(draft: FlowDocument): FlowDocument {
  const ship = draft.nodes.find((n) => n.id === 'ship-sample');
  if (ship) ship.cost = 6;
  const noAnswer = draft.transitions.find(
    (t) =>
      t.source === 'sales-call' && t.trigger.kind === 'signal' && t.trigger.signal === 'no_answer',
  );
  return FlowDocument.parse({
    ...draft,
    nodes: [
      ...draft.nodes,
      { id: 'exit-callback', type: 'exit', name: 'Volver a llamar', config: {} },
    ],
    transitions: draft.transitions
      .filter((t) => !(t.source === 'suggestion-email' && t.trigger.kind === 'signal'))
      .map((t) => (t.id === noAnswer?.id ? { ...t, target: 'exit-callback' } : t)),
  });
}

const newPage = () => openPage(browser);

/**
 * The emails the seeded demo campaign (REC001) has sent, once the server's runner has taken
 * every one of its leads past the branch and run the reminder step of each lead there (sent,
 * or skipped for want of consent).
 */
async function demoEmailsSent(): Promise<number> {
  const settled = async () => {
    const { rows } = await database.pool.query<{ pending: number; sent: number }>(
      `select count(*) filter (where e.node_id in ('entry', 'who')
                 or (e.node_id = 'reminder' and not exists (
                   select 1 from steps s where s.enrollment_id = e.id
                   and s.node_id = 'reminder' and s.outcome is not null)))::int as pending,
              (select count(*)::int from steps s join campaigns c2 on c2.id = s.campaign_id
               where c2.code = 'REC001' and s.node_id = 'reminder' and s.acted_at is not null) as sent
       from enrollments e join campaigns c on c.id = e.campaign_id
       where c.code = 'REC001' and not e.is_control`,
    );
    return rows[0] ?? { pending: -1, sent: 0 };
  };
  await expect.poll(async () => (await settled()).pending, { timeout: 60_000 }).toBe(0);
  return (await settled()).sent;
}

async function stepAndInjectClick(page: Page) {
  const stepper = page.locator('.sim-stepper');
  const keys = await stepper
    .locator('select option')
    .evaluateAll((els) => els.map((el) => (el instanceof HTMLOptionElement ? el.value : '')));
  const click = stepper.getByRole('button', { name: /Simular «Hizo clic/ });
  const next = stepper.getByRole('button', { name: 'Siguiente paso' });
  for (const key of keys) {
    await stepper.locator('select').selectOption(key);
    for (let i = 0; i < 12; i++) {
      if ((await click.count()) > 0) {
        await click.first().click();
        await stepper.getByText(/simulaste la señal «Hizo clic en el enlace»/).waitFor();
        return;
      }
      if (!(await next.isEnabled())) break;
      await next.click();
    }
  }
  throw new Error('no lead of the sample reached a wait with a click to inject');
}

describe('review', () => {
  it('submits the edited seed-000 campaign, simulates and compares it, steps a lead, approves and publishes v2', async () => {
    const list = CampaignList.parse((await api('GET', '/api/v1/campaigns')).json);
    const id = list.items.find((c) => c.code === 'MUE001')?.id;
    if (!id) throw new Error('the demo seed made no MUE001');
    expect((await api('POST', `/api/v1/campaigns/${id}/publish`, {})).status).toBe(201);
    await saveDraft(id, edited);

    const { page, problems, close } = await newPage();
    await page.goto(`${app.baseUrl}/campaigns/${id}/review`);
    await page.getByRole('heading', { level: 1, name: /^Revisión: / }).waitFor();
    await page
      .getByLabel('Nota para quien revise')
      .fill('Muestra más cara y nueva salida para «No contesta».');
    await page.getByRole('button', { name: 'Marcar como lista para revisión' }).click();
    await page.getByRole('heading', { name: 'Esperando revisión' }).waitFor();
    const changes = page.getByTestId('diff-list');
    await changes.getByText('Nodo añadido: «Volver a llamar» (Salida)').waitFor();
    await changes
      .getByText('Nodo cambiado: «Enviar muestra (logística)» (Webhook) — coste')
      .waitFor();
    await changes
      .getByText(/^Transición cambiada: Llamada de ventas → Volver a llamar .* — destino$/)
      .waitFor();
    await changes
      .getByText(/^Transición eliminada: Formulario de sugerencias → Sugerencias recogidas/)
      .waitFor();
    await page.locator('.flow-view .react-flow__node').first().waitFor();
    expect(await page.locator('.flow-view-node[data-mark="added"]').count()).toBe(1);
    expect(await page.locator('.flow-view-node[data-mark="changed"]').count()).toBe(1);
    expect(await page.locator('.flow-view-edge__label[data-mark="removed"]').count()).toBe(1);
    await saveScreenshot(page, 'review-submitted-es');

    await page.getByTestId('simulate-for-review').click();
    await page.getByRole('heading', { level: 1, name: /Simular «/ }).waitFor();
    await page.getByLabel('Número de leads').fill('1000');
    await page.getByLabel('Semilla').fill('revision-1');
    await page.getByLabel('Horizonte (días)').fill('30');
    await page.getByLabel('Fecha de inicio').fill('2026-12-01');
    await page.getByTestId('compare-toggle').check();
    await page.getByRole('button', { name: 'Simular', exact: true }).click();
    await page.getByTestId('sim-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('sim-done').textContent()).toMatch(/1\.000 leads simulados/);
    await page.locator('.flow-view .react-flow__node').first().waitFor();
    const draft = await detail(id);
    expect(await page.getByTestId('node-count').count()).toBe(draft.draft.nodes.length);
    expect(
      await page.locator('[data-figure="roi"] .sim-figure__value').first().textContent(),
    ).toMatch(/%$/);
    await page
      .getByTestId('review-attach')
      .getByText('Guardado en la revisión en curso.')
      .waitFor();

    const compare = page.getByTestId('compare');
    await compare
      .getByRole('heading', { name: 'Borrador frente a v1' })
      .waitFor({ timeout: 30_000 });
    const ship = compare.locator('tr[data-node-id="ship-sample"]');
    // Same sample and seed: as many leads reach the shipment in both, each 1,50 € dearer now.
    expect(await ship.getByTestId('entered-delta').textContent()).toBe('0');
    expect(await compare.locator('tr[data-node-id="exit-callback"]').textContent()).toContain(
      'nuevo en el borrador',
    );
    // The dearer sample hits the campaign's budget cap: the comparison says so.
    const skips = await compare.locator('tr[data-figure="budgetSkips"] td').allTextContents();
    expect(Number(skips[1]?.replace(/\D/g, ''))).toBeGreaterThan(
      Number(skips[0]?.replace(/\D/g, '')),
    );
    const costCells = await ship.locator('td').allTextContents();
    expect(costCells[3]).not.toBe(costCells[4]);
    await compare.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'review-compare-es');

    await stepAndInjectClick(page);
    await page.locator('.sim-stepper').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'review-stepper-es', false);

    await page.getByTestId('review-attach').getByRole('link', { name: 'Ver la revisión' }).click();
    await page.getByRole('heading', { name: 'Esperando revisión' }).waitFor();
    await page
      .getByTestId('review-sim-ran')
      .getByText(/1\.000 leads \(ficticios\), semilla «revision-1», 30 días/)
      .waitFor();
    // The stored run's counts are on the diff canvas too: the entry saw all 1,000 minus the control group.
    const counts = await page
      .locator('.flow-view-node[data-node-id="entry"]')
      .getByTestId('node-count')
      .textContent();
    expect(Number(counts?.replace(/\D/g, ''))).toBeGreaterThan(900);
    await saveScreenshot(page, 'review-with-simulation-es');
    await page.getByLabel('Tu nombre').fill('Lucía Martín');
    await page.getByLabel('Comentarios').fill('Coste asumible; adelante.');
    await page.getByRole('button', { name: 'Aprobar y publicar' }).click();
    await page
      .getByTestId('review-approved')
      .getByText('Aprobada por Lucía Martín y publicada como v2')
      .waitFor();
    await page.getByTestId('diff-empty').waitFor();
    await page.getByTestId('nothing-to-review').waitFor();
    expect((await detail(id)).publishedVersion).toBe(2);
    await saveScreenshot(page, 'review-approved-es');
    expect(problems).toEqual([]);
    await close();
  });

  it("samples a segment's real leads and pre-fills a reply rate from past campaigns, saying where it comes from", async () => {
    const list = CampaignList.parse((await api('GET', '/api/v1/campaigns')).json);
    const campaignId = list.items.find((c) => c.code === 'MUE001')?.id;
    if (!campaignId) throw new Error('the demo seed made no MUE001');
    // History is per channel across the workspace: the demo's running campaign (REC001) has
    // sent its reminder emails already. Once it has, v1's review email makes it 400 email sends
    // in all, 120 of which got a reply: 30 %.
    const seededSends = await demoEmailsSent();
    const lead = await database.pool.query<{
      id: string;
      workspace_id: string;
      external_key: string;
    }>('select id, workspace_id, external_key from leads order by external_key limit 1');
    const { id: leadId, workspace_id: workspaceId, external_key: leadKey } = lead.rows[0] ?? {};
    const enrollment = await database.pool.query<{ id: string }>(
      `insert into enrollments (workspace_id, campaign_id, version, lead_id, lead_key, node_id, status)
       values ($1, $2, 1, $3, $4, 'exit-lost', 'completed') returning id`,
      [workspaceId, campaignId, leadId, leadKey],
    );
    const steps = await database.pool.query<{ id: string }>(
      `insert into steps (enrollment_id, campaign_id, version, node_id, attempt, acted_at)
       select $1, $2, 1, 'review-email', 1, now() from generate_series(1, $3) returning id`,
      [enrollment.rows[0]?.id, campaignId, 400 - seededSends],
    );
    for (const step of steps.rows.slice(0, 120)) {
      await database.pool.query(
        `insert into signals (workspace_id, lead_id, name, occurred_at, step_id)
         values ($1, $2, 'replied', now(), $3)`,
        [workspaceId, leadId, step.id],
      );
    }
    const segment = await api('POST', '/api/v1/segments', {
      kind: 'filter',
      name: 'Oportunidades y leads',
      rule: { kind: 'stage', in: ['lead', 'opportunity'] },
    });
    expect(segment.status, JSON.stringify(segment.json)).toBe(201);

    const { page, problems, close } = await newPage();
    await page.goto(`${app.baseUrl}/campaigns/${campaignId}/simulate`);
    await page.getByRole('heading', { level: 1, name: /Simular «/ }).waitFor();
    const replied = page
      .locator('tr[data-assumption]', { hasText: 'Reseña y opción de compra' })
      .filter({ hasText: 'Respondió' });
    await replied.getByText('historial: 30 % de 400 envíos').waitFor();
    expect(await replied.locator('input[data-field="percent"]').inputValue()).toBe('30');
    expect(await page.getByText('valor por defecto del canal').count()).toBeGreaterThan(0);

    await page.getByLabel('Muestra de un segmento').check();
    await page.getByLabel('Segmento', { exact: true }).selectOption(segment.json.segment.id);
    await page.getByLabel('Número de leads').fill('200');
    await page.getByLabel('Fecha de inicio').fill('2026-12-01');
    await page.getByRole('button', { name: 'Simular', exact: true }).click();
    await page
      .getByTestId('segment-sampled')
      .getByText(/^200 leads de «Oportunidades y leads» \([\d.]+ en el segmento\)\.$/)
      .waitFor();
    await page.getByTestId('sim-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('sim-done').textContent()).toMatch(/^200 leads simulados/);
    await page.getByTestId('segment-sampled').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'review-segment-calibrated-es');
    expect(problems).toEqual([]);
    await close();
  });

  it('refuses to approve a draft with errors, shows a stale review, and the marketer reads the returned comments in the designer', async () => {
    const created = await api('POST', '/api/v1/campaigns', {
      from: 'template',
      templateId: 'seed-free-sample',
      locale: 'es',
    });
    expect(created.status).toBe(201);
    const id: string = created.json.id;
    // A transition from a node to itself with no wait: the validator's cycle_without_wait error.
    await saveDraft(id, (d) =>
      FlowDocument.parse({
        ...d,
        transitions: [
          ...d.transitions,
          { id: 'loop', source: 'interested', target: 'interested', trigger: { kind: 'auto' } },
        ],
      }),
    );
    const { page, problems, close } = await newPage();
    await page.goto(`${app.baseUrl}/campaigns/${id}/review`);
    await page.getByRole('button', { name: 'Marcar como lista para revisión' }).click();
    await page.getByRole('heading', { name: 'Esperando revisión' }).waitFor();
    await page.getByTestId('never-published').waitFor();
    await page.getByTestId('flow-errors').waitFor();
    await page
      .getByTestId('approve-blocked')
      .getByText(/^No se puede aprobar: el borrador tiene \d+ errore?s?\./)
      .waitFor();
    expect(await page.getByRole('button', { name: 'Aprobar y publicar' }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'review-blocked-es');

    // The server refuses it too, whatever the page shows.
    const reviews = ReviewList.parse((await api('GET', `/api/v1/campaigns/${id}/reviews`)).json);
    const open = reviews.items[0];
    const refused = await api('POST', `/api/v1/campaigns/${id}/reviews/${open?.id}/approve`, {
      reviewer: 'Lucía',
    });
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe('validation_failed');

    await saveDraft(id, (d) =>
      FlowDocument.parse({ ...d, transitions: d.transitions.filter((t) => t.id !== 'loop') }),
    );
    await page.reload();
    await page
      .getByTestId('review-stale')
      .getByText(/El borrador ha cambiado después de enviarse a revisión/)
      .waitFor();
    expect(await page.getByRole('button', { name: 'Aprobar y publicar' }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'review-stale-es');

    await page.getByLabel('Tu nombre').fill('Lucía Martín');
    await page.getByRole('button', { name: 'Devolver con comentarios' }).click();
    await page.getByText('Escribe por qué la devuelves.').waitFor();
    await page.getByLabel('Comentarios').fill('Falta una salida para quien no contesta.');
    await page.getByRole('button', { name: 'Devolver con comentarios' }).click();
    await page.getByTestId('review-returned').getByText('Devuelta por Lucía Martín').waitFor();

    await page.goto(`${app.baseUrl}/campaigns/${id}`);
    await page
      .getByTestId('review-banner')
      .getByText('Revisión devuelta por Lucía Martín: «Falta una salida para quien no contesta.»')
      .waitFor();
    await saveScreenshot(page, 'review-returned-designer-es', false);
    expect(problems).toEqual([]);
    await close();
  });
});
