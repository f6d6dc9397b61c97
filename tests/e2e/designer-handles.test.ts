import {
  asNodeId,
  asTransitionId,
  CampaignDetail,
  type FlowDocument,
  type FlowNode,
  nodeModules,
} from '@rumbo/flow';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedApp, startApp } from '../support/app.ts';
import { launchBrowser, prepareE2e, recordProblems, saveScreenshot } from '../support/browser.ts';
import { createTestDatabase } from '../support/db.ts';

/**
 * A marketer starts a connection by pressing a step's handle. Whatever is drawn over a handle
 * (the step's own text, a badge, the edge layer, an edge's wide click area) takes that press:
 * the canvas then pans instead of drawing a transition. Every handle of every step type, with
 * transitions already arriving and leaving, must be what the pointer hits at its centre and
 * a few pixels around it, at the zoom the canvas opens with and zoomed out. And a step near the
 * canvas's border must stay under the pointer while a connection rests on it: React Flow's
 * auto-pan slid it away, so the release found no handle.
 */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: StartedApp;
let browser: Browser;

beforeAll(async () => {
  prepareE2e();
  database = await createTestDatabase('e2e-designer-handles');
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

/**
 * One step of every type in a grid, each joined to the next one that takes incoming
 * transitions, so handles have edges ending on them (and errors: badges on the steps).
 */
function everyTypeFlow(blank: FlowDocument): FlowDocument {
  const nodes: FlowNode[] = nodeModules.map((m) => ({
    id: asNodeId(`n-${m.type}`),
    type: m.type,
    name: m.label.es,
    config: m.defaults() as Record<string, unknown>,
  }));
  const layout = Object.fromEntries(
    nodes.map((n, i) => [n.id, { x: (i % 4) * 320, y: Math.floor(i / 4) * 200 }]),
  );
  const takesIncoming = (n: FlowNode) => n.type !== 'entry' && n.type !== 'note';
  const transitions: FlowDocument['transitions'] = [];
  // `auto` is not allowed everywhere: the wrong ones are errors, so steps carry badges too.
  nodes.forEach((source, i) => {
    const module = nodeModules.find((m) => m.type === source.type);
    const target = nodes.slice(i + 1).find(takesIncoming);
    if (!module || module.allowedTriggers.length === 0 || !target) return;
    transitions.push({
      id: asTransitionId(`t-${source.type}`),
      source: source.id,
      target: target.id,
      trigger: { kind: 'auto' },
    });
  });
  return { ...blank, nodes, transitions, layout: { ...blank.layout, nodes: layout } };
}

interface Miss {
  node: string;
  handle: string;
  at: string;
  hit: string;
}

/** In the page: every handle's centre and four points 5 px around it, and what they hit. */
function probeHandles(): { handles: number; misses: Miss[] } {
  const misses: Miss[] = [];
  const handles = [
    ...document.querySelectorAll<HTMLElement>('.react-flow__node .react-flow__handle'),
  ];
  const describe = (el: Element | null) =>
    el
      ? `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}${el.closest('.react-flow__edge') ? ' (edge)' : ''}`
      : 'nothing';
  for (const handle of handles) {
    const r = handle.getBoundingClientRect();
    const [cx, cy] = [r.left + r.width / 2, r.top + r.height / 2];
    const points: [string, number, number][] = [
      ['centre', cx, cy],
      ['left', cx - 5, cy],
      ['right', cx + 5, cy],
      ['above', cx, cy - 5],
      ['below', cx, cy + 5],
    ];
    for (const [at, x, y] of points) {
      const hit = document.elementFromPoint(x, y);
      if (hit && (hit === handle || handle.contains(hit))) continue;
      misses.push({
        node: handle.closest<HTMLElement>('.react-flow__node')?.dataset.id ?? '?',
        handle: handle.classList.contains('source') ? 'source' : 'target',
        at,
        hit: describe(hit),
      });
    }
  }
  return { handles: handles.length, misses };
}

async function openEveryType(page: Page, code: string): Promise<void> {
  const created = await fetch(`${app.baseUrl}/api/v1/campaigns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: 'blank', code, name: 'Asas', locale: 'es' }),
  });
  expect(created.status).toBe(201);
  const campaign = CampaignDetail.parse(await created.json());
  const put = await fetch(`${app.baseUrl}/api/v1/campaigns/${campaign.id}/draft`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      document: everyTypeFlow(campaign.draft),
      revision: campaign.draftRevision,
    }),
  });
  expect(put.status).toBe(200);
  await page.goto(`${app.baseUrl}/campaigns/${campaign.id}`);
  await expect
    .poll(() => page.locator('.react-flow__node').count(), { timeout: 30_000 })
    .toBe(nodeModules.length);
  await page.waitForTimeout(500); // the canvas frames the flow with a short animation
}

describe('designer: handles take the press', () => {
  it('finds every handle of every step type under the pointer at its centre and 5 px around it', async () => {
    const context = await browser.newContext({
      locale: 'es-ES',
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    const problems: string[] = [];
    recordProblems(page, problems);
    await openEveryType(page, 'ASAS1');
    await saveScreenshot(page, 'designer-handles-es', false);

    const framed = await page.evaluate(probeHandles);
    const expected =
      nodeModules.filter((m) => m.type !== 'entry' && m.type !== 'note').length +
      nodeModules.filter((m) => m.allowedTriggers.length > 0).length;
    expect(framed.handles).toBe(expected);
    expect(framed.misses).toEqual([]);

    for (let i = 0; i < 3; i++) await page.locator('.react-flow__controls-zoomout').click();
    await page.waitForTimeout(400);
    const zoomedOut = await page.evaluate(probeHandles);
    expect(zoomedOut.handles).toBe(expected);
    expect(zoomedOut.misses).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('connects to a step at the canvas border: the canvas holds still on its handle, and scrolls on empty border', async () => {
    const context = await browser.newContext({
      locale: 'es-ES',
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    const problems: string[] = [];
    recordProblems(page, problems);
    await openEveryType(page, 'ASAS2');
    const canvas = await page.locator('.react-flow').boundingBox();
    if (!canvas) throw new Error('no canvas');
    const handle = (node: string, kind: 'source' | 'target') =>
      page.locator(`.react-flow__node[data-id="${node}"] .react-flow__handle.${kind}`);
    const centre = async (node: string, kind: 'source' | 'target') => {
      const box = await handle(node, kind).boundingBox();
      if (!box) throw new Error(`${node} has no ${kind} handle on screen`);
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    };
    const viewport = () =>
      page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);

    // Pan by dragging the empty canvas until the exit's handle lies 15 px above its bottom.
    const empty = await page.evaluate(
      ([left, top, width, height]) => {
        for (let y = top + 60; y < top + height - 60; y += 10) {
          for (let x = left + 60; x < left + width - 60; x += 10) {
            if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) {
              return { x, y };
            }
          }
        }
        return null;
      },
      [canvas.x, canvas.y, canvas.width, canvas.height] as const,
    );
    if (!empty) throw new Error('no empty spot on the canvas');
    const exit = await centre('n-exit', 'target');
    const dy = canvas.y + canvas.height - 15 - exit.y;
    await page.mouse.move(empty.x, empty.y);
    await page.mouse.down();
    await page.mouse.move(empty.x, empty.y + dy, { steps: 8 });
    await page.mouse.up();
    const to = await centre('n-exit', 'target');
    expect(Math.abs(canvas.y + canvas.height - to.y - 15)).toBeLessThan(3);

    // Entry → exit: the pointer rests on the exit's handle, inside the scrolling band.
    const edges = await page.locator('.react-flow__edge').count();
    const from = await centre('n-entry', 'source');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 12 });
    const resting = await viewport();
    await page.waitForTimeout(400);
    expect(await viewport()).toBe(resting);
    await saveScreenshot(page, 'designer-handles-connecting-es', false);
    await page.mouse.up();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(edges + 1);
    await saveScreenshot(page, 'designer-handles-border-es', false);

    // On empty border the canvas still scrolls toward what lies beyond; nothing is connected.
    const from2 = await centre('n-email', 'source');
    await page.mouse.move(from2.x, from2.y);
    await page.mouse.down();
    await page.mouse.move(canvas.x + canvas.width - 10, from2.y, { steps: 12 });
    const before = await viewport();
    await expect.poll(viewport).not.toBe(before);
    await page.mouse.up();
    expect(await page.locator('.react-flow__edge').count()).toBe(edges + 1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
