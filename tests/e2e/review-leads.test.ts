import { CampaignDetail, CampaignList, FlowDocument } from '@rumbo/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../support/browser.ts';
import { type E2eSession, openPage, startE2eSession } from './support/e2e-session.ts';

/**
 * A reviewer approves a new version of the running demo campaign (REC001) that deletes its
 * call step, in Spanish, in real Chromium: the review screen says where the campaign's leads
 * are and what publishing does to each group; the reviewer sends the leads waiting at the
 * deleted call to the reminder email, approves, and the runner moved exactly those onto v2
 * (DESIGN §5: "chooses per node: map, let the old version drain").
 */

let session: E2eSession;

beforeAll(async () => {
  session = await startE2eSession('e2e-review-leads');
});

afterAll(async () => {
  await session?.close();
});

/** Live leads of a campaign per version and node. */
async function positions(campaignId: string): Promise<Record<string, number>> {
  const { rows } = await session.database.pool.query<{ at: string; n: number }>(
    `SELECT 'v' || version || ':' || node_id AS at, count(*)::int AS n FROM enrollments
     WHERE campaign_id = $1 AND status IN ('active', 'waiting') GROUP BY 1`,
    [campaignId],
  );
  return Object.fromEntries(rows.map((r) => [r.at, r.n]));
}

describe('review: the leads already in the campaign', () => {
  it('sends the leads of a deleted step where the reviewer chooses, on approval', async () => {
    const list = CampaignList.parse(await session.api('GET', '/api/v1/campaigns'));
    const demo = list.items.find((c) => c.code === 'REC001');
    if (!demo) throw new Error('the demo seed made no live campaign');
    // The server's runner takes the demo's leads to the call and the reminder on its own.
    await expect
      .poll(
        async () => {
          const at = await positions(demo.id);
          return (
            (at['v1:call'] ?? 0) > 0 && at['v1:entry'] === undefined && at['v1:who'] === undefined
          );
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    const before = await positions(demo.id);
    const atCall = before['v1:call'] ?? 0;
    const atReminder = before['v1:reminder'] ?? 0;

    // The marketer's v2: no calls (nor the exit only a call led to), everyone gets the reminder.
    const current = CampaignDetail.parse(await session.api('GET', `/api/v1/campaigns/${demo.id}`));
    const draft = FlowDocument.parse({
      ...current.draft,
      nodes: current.draft.nodes.filter((n) => n.id !== 'call' && n.id !== 'lost'),
      transitions: current.draft.transitions
        .filter((t) => t.source !== 'call')
        .map((t) => (t.target === 'call' ? { ...t, target: 'reminder' } : t)),
    });
    const saved = await session.api('PUT', `/api/v1/campaigns/${demo.id}/draft`, {
      document: draft,
      revision: current.draftRevision,
    });
    await session.api('POST', `/api/v1/campaigns/${demo.id}/reviews`, {
      draftRevision: saved.revision,
      note: 'Sin llamadas: todos reciben el recordatorio',
    });

    const { page, problems, close } = await openPage(session.browser);
    await page.goto(`${session.app.baseUrl}/campaigns/${demo.id}/review`);
    await page.getByRole('heading', { name: 'Esperando revisión' }).waitFor();
    const leads = page.getByRole('group', { name: 'Leads en curso' });
    const total = (n: number) => n.toLocaleString('es-ES');
    await leads
      .getByText(`Hay ${total(atCall + atReminder)} leads en la campaña ahora mismo. Al publicar:`)
      .waitFor();
    await leads
      .getByText(
        `${total(atReminder)} leads en «Recordatorio de carrito» (v1) seguirán allí en la v2.`,
      )
      .waitFor();
    const choice = leads.getByLabel(
      `${total(atCall)} leads en «Llamar para ayudar» (v1), un paso que la v2 elimina:`,
    );
    expect(await choice.inputValue()).toBe('');
    expect(await choice.locator('option').allInnerTexts()).toEqual([
      'Que terminen en su versión (v1)',
      'Pasarlos a «Recordatorio de carrito»',
      'Sacarlos de la campaña',
    ]);
    await choice.selectOption({ label: 'Pasarlos a «Recordatorio de carrito»' });
    await leads.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'review-leads-es');

    await page.getByLabel('Tu nombre').fill('Lucía Martín');
    await page.getByRole('button', { name: 'Aprobar y publicar' }).click();
    await page
      .getByTestId('review-approved')
      .getByText('Aprobada por Lucía Martín y publicada como v2')
      .waitFor();
    // Moved in the publish: nobody is left on v1, and the reminder holds both groups.
    const after = await positions(demo.id);
    expect(after['v1:call']).toBeUndefined();
    expect(after['v1:reminder']).toBeUndefined();
    expect(after['v2:reminder']).toBe(atCall + atReminder);
    expect(problems).toEqual([]);
    await close();
  });
});
