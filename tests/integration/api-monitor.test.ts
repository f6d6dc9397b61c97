import type { MonitorCounts } from '@rumbo/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { monitorFlow } from './api-monitor-fixtures.ts';
import { openSse, type SseClient } from './api-monitor-sse.ts';
import { type App, call, startApiWithRunner, statsUntil } from './api-runs-fixtures.ts';
import { createCampaign, seedLeads, seedWorkspace, staticList } from './runner-fixtures.ts';

// The run monitor's API on a real runner: live counts over a real HTTP stream, a node's
// leads, a journey with its reasons, one-lead retry and the bad inputs.

let database: TestDatabase;
let app: App;
let baseUrl: string;
let workspaceId: string;
let campaignId: string;
const streams: SseClient[] = [];

const countsOf = (e: { data: string }): MonitorCounts => JSON.parse(e.data);
const nodeIn = (c: MonitorCounts, nodeId: string) =>
  c.versions[0]?.nodes.find((n) => n.nodeId === nodeId);
const passed = (c: MonitorCounts, transitionId: string) =>
  c.versions[0]?.transitions.find((t) => t.transitionId === transitionId)?.passed ?? 0;

async function enrollmentId(leadKey: string): Promise<string> {
  const { rows } = await database.pool.query<{ id: string }>(
    'SELECT id FROM enrollments WHERE campaign_id = $1 AND lead_key = $2',
    [campaignId, leadKey],
  );
  return rows[0]?.id ?? '';
}

beforeAll(async () => {
  database = await createTestDatabase('api-monitor');
  workspaceId = await seedWorkspace(database.db);
  await seedLeads(database.pool, workspaceId, 6);
  // Attributes that are not an object make the update node throw: a real failed step.
  await database.pool.query(
    `UPDATE leads SET attributes = '"roto"'::jsonb WHERE external_key = 'lead-6'`,
  );
  const listId = await staticList(database.pool, workspaceId);
  app = await startApiWithRunner(database);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  campaignId = await createCampaign(database.db, workspaceId, monitorFlow(listId));
  expect((await call(app, 'POST', `/api/v1/campaigns/${campaignId}/publish`)).status).toBe(201);
  expect((await call(app, 'POST', `/api/v1/campaigns/${campaignId}/launch`)).status).toBe(200);
  await statsUntil(
    app,
    campaignId,
    (s) => s.nodes.find((n) => n.nodeId === 'mail')?.acted === 5 && s.totals.ended === 1,
  );
}, 60_000);

afterAll(async () => {
  for (const stream of streams) stream.close();
  await app?.close();
  await database?.close();
});

describe('GET /api/v1/campaigns/:id/stats/stream', () => {
  it('sends the counters at once and again when a signal through the API moves a lead', async () => {
    const stream = await openSse(`${baseUrl}/api/v1/campaigns/${campaignId}/stats/stream`);
    streams.push(stream);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    const first = countsOf(await stream.next((e) => e.event === 'counts'));
    expect(nodeIn(first, 'mail')).toMatchObject({ waiting: 5, entered: 5, acted: 5 });
    expect(nodeIn(first, 'tag')).toMatchObject({ failed: 1, ended: 1 });
    expect(passed(first, 'o')).toBe(0);

    const signal = await call(app, 'POST', '/api/v1/signals', {
      signals: [{ leadKey: 'lead-1', name: 'opened', occurredAt: new Date().toISOString() }],
    });
    expect(signal.body).toMatchObject({ moved: 1 });
    // The signal moves the lead to `opened` at once; the runner then ends it there.
    const arrived = countsOf(
      await stream.next((e) => e.event === 'counts' && passed(countsOf(e), 'o') === 1),
    );
    expect(nodeIn(arrived, 'mail')?.waiting).toBe(4);
    expect(nodeIn(arrived, 'opened')?.entered).toBe(1);
    const ended = countsOf(
      await stream.next((e) => e.event === 'counts' && nodeIn(countsOf(e), 'opened')?.ended === 1),
    );
    expect(nodeIn(ended, 'opened')?.waiting).toBe(0);
    // Nothing changed since: no further snapshot is pushed.
    const pushed = stream.events.length;
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(stream.events.length).toBe(pushed);
  });

  it('keeps an idle stream alive with heartbeat comments', async () => {
    const stream = await openSse(
      `${baseUrl}/api/v1/campaigns/${campaignId}/stats/stream?heartbeat=1`,
    );
    streams.push(stream);
    await expect.poll(() => stream.comments.includes('heartbeat'), { timeout: 5_000 }).toBe(true);
    stream.close();
  });

  it('answers an unknown campaign with a 404 problem instead of a stream', async () => {
    const response = await fetch(
      `${baseUrl}/api/v1/campaigns/00000000-0000-4000-8000-000000000000/stats/stream`,
    );
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await response.json()).toMatchObject({ code: 'not_found' });
  });
});

describe('GET /api/v1/campaigns/:id/monitor', () => {
  it('gives the campaign, its versions with their leads and the running version’s flow', async () => {
    const { status, body } = await call(app, 'GET', `/api/v1/campaigns/${campaignId}/monitor`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: 'MON1', status: 'active', mode: 'test', version: 1 });
    expect(body.versions).toEqual([expect.objectContaining({ version: 1, enrolled: 6 })]);
    expect((body.document as { nodes: unknown[] }).nodes).toHaveLength(5);
    const missing = await call(app, 'GET', `/api/v1/campaigns/${campaignId}/monitor?version=9`);
    expect(missing.status).toBe(404);
  });
});

describe('GET /api/v1/campaigns/:id/monitor/nodes/:nodeId/leads', () => {
  const leads = (nodeId: string, query = '') =>
    call(app, 'GET', `/api/v1/campaigns/${campaignId}/monitor/nodes/${nodeId}/leads${query}`);
  const keys = (body: Record<string, unknown>) =>
    (body.items as { leadKey: string }[]).map((i) => i.leadKey);

  it('lists the leads waiting, ended and failed at a node, and finds one by name', async () => {
    const live = await leads('mail');
    expect(live.status).toBe(200);
    expect(keys(live.body)).toEqual(['lead-2', 'lead-3', 'lead-4', 'lead-5']);
    expect((live.body.items as { waitingFor: string[] }[])[0]?.waitingFor).toEqual(['opened']);
    expect(keys((await leads('opened', '?state=ended')).body)).toEqual(['lead-1']);
    const failed = await leads('tag', '?state=failed');
    expect(keys(failed.body)).toEqual(['lead-6']);
    expect((failed.body.items as { error: string }[])[0]?.error).toBeTruthy();
    expect(keys((await leads('mail', '?q=LEAD%203')).body)).toEqual(['lead-3']);
    expect(keys((await leads('mail', '?q=%25')).body)).toEqual([]);
  });

  it('pages with a cursor until every lead was seen once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await leads('mail', query);
      expect(page.status).toBe(200);
      seen.push(...keys(page.body));
      cursor = page.body.nextCursor as string | null;
    } while (cursor !== null);
    expect(seen).toEqual(['lead-2', 'lead-3', 'lead-4', 'lead-5']);
  });

  it('answers unknown campaigns and nodes with 404, bad paging with a located 400', async () => {
    const unknownCampaign = await call(
      app,
      'GET',
      '/api/v1/campaigns/00000000-0000-4000-8000-000000000000/monitor/nodes/mail/leads',
    );
    expect(unknownCampaign.status).toBe(404);
    expect(unknownCampaign.response.headers['content-type']).toMatch(/problem\+json/);
    const unknownNode = await leads('nope');
    expect(unknownNode.status).toBe(404);
    expect(unknownNode.body.detail).toMatch(/node nope/);
    for (const query of ['?limit=0', '?limit=abc', '?state=gone', '?cursor=bm9wZQ']) {
      const bad = await leads('mail', query);
      expect(bad.status, query).toBe(400);
      expect(bad.response.headers['content-type']).toMatch(/problem\+json/);
      expect(bad.body.code).toBe('validation_failed');
      const issue = (bad.body.issues as { location: string; path: string[] }[])[0];
      expect(issue?.location).toBe('querystring');
      expect(['limit', 'state', 'cursor']).toContain(issue?.path[0]);
    }
  });
});

describe('GET /api/v1/campaigns/:id/monitor/journeys/:enrollmentId', () => {
  it('explains each step: auto moves, the update, the email sent and the signal that moved it', async () => {
    const { status, body } = await call(
      app,
      'GET',
      `/api/v1/campaigns/${campaignId}/monitor/journeys/${await enrollmentId('lead-1')}`,
    );
    expect(status).toBe(200);
    expect(body.enrollment).toMatchObject({
      leadKey: 'lead-1',
      status: 'exited',
      nodeId: 'opened',
    });
    const steps = body.steps as {
      nodeId: string;
      transitionId: string | null;
      outcome: string | null;
      move: { kind: string; signal: string | null } | null;
      eligibility: string | null;
      leftAt: string | null;
    }[];
    expect(steps.map((s) => s.nodeId)).toEqual(['in', 'tag', 'mail', 'opened']);
    expect(steps[0]).toMatchObject({ transitionId: 'a', move: { kind: 'auto' } });
    expect(steps[1]).toMatchObject({ transitionId: 'b', outcome: 'updated' });
    expect(steps[2]).toMatchObject({
      transitionId: 'o',
      outcome: 'sent',
      eligibility: 'eligible',
      move: { kind: 'signal', signal: 'opened' },
    });
    expect(steps[3]).toMatchObject({ outcome: 'exited', move: { kind: 'exit' } });
    expect(steps.every((s) => s.leftAt !== null)).toBe(true);
    expect(body.signals).toEqual([expect.objectContaining({ name: 'opened', machine: false })]);
  });

  it('answers a journey of another campaign or none with 404', async () => {
    const { status, body } = await call(
      app,
      'GET',
      `/api/v1/campaigns/${campaignId}/monitor/journeys/00000000-0000-4000-8000-000000000000`,
    );
    expect(status).toBe(404);
    expect(body.code).toBe('not_found');
    const bad = await call(app, 'GET', `/api/v1/campaigns/${campaignId}/monitor/journeys/x`);
    expect(bad.status).toBe(400);
  });
});

describe('monitor actions and alerts', () => {
  it('retries one failed journey, which then walks on; a live one is a 409', async () => {
    const id = await enrollmentId('lead-6');
    const live = await call(
      app,
      'POST',
      `/api/v1/campaigns/${campaignId}/monitor/journeys/${await enrollmentId('lead-2')}/retry`,
    );
    expect(live.status).toBe(409);
    await database.pool.query(`UPDATE leads SET attributes = '{}' WHERE external_key = 'lead-6'`);
    const retried = await call(
      app,
      'POST',
      `/api/v1/campaigns/${campaignId}/monitor/journeys/${id}/retry`,
    );
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toEqual({ retried: 1 });
    const journey = () =>
      call(app, 'GET', `/api/v1/campaigns/${campaignId}/monitor/journeys/${id}`).then(
        (r) => r.body.enrollment as { status: string; nodeId: string },
      );
    await expect
      .poll(journey, { timeout: 15_000 })
      .toMatchObject({ status: 'waiting', nodeId: 'mail' });
    const counts = await statsUntil(app, campaignId, () => true);
    const { rows } = await database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM enrollments
       WHERE campaign_id = $1 AND node_id = 'mail' AND status IN ('active', 'waiting')`,
      [campaignId],
    );
    expect(counts.nodes.find((n) => n.nodeId === 'mail')?.waiting).toBe(rows[0]?.n);
    expect(counts.nodes.find((n) => n.nodeId === 'tag')).toMatchObject({ waiting: 0, ended: 0 });
  });

  it('reports no stuck leads on a healthy run, and the one the checker finds', async () => {
    const healthy = await call(app, 'GET', `/api/v1/campaigns/${campaignId}/monitor/alerts`);
    expect(healthy.status).toBe(200);
    expect(healthy.body).toMatchObject({ stuckCount: 0, stuck: [] });
    // A live journey with neither a due time nor a signal to wait for: what the checker exists for.
    await database.pool.query(
      `UPDATE enrollments SET waiting_for = '{"due":null,"dueReason":null,"signals":[]}', due_at = NULL
       WHERE campaign_id = $1 AND lead_key = 'lead-5'`,
      [campaignId],
    );
    const stuck = await call(app, 'GET', `/api/v1/campaigns/${campaignId}/monitor/alerts`);
    expect(stuck.body).toMatchObject({
      stuckCount: 1,
      stuck: [expect.objectContaining({ leadKey: 'lead-5', nodeId: 'mail' })],
    });
  });
});

describe('versions', () => {
  it('lists every version with its leads, opens the newest with leads, and any on request', async () => {
    const draft = (await call(app, 'GET', `/api/v1/campaigns/${campaignId}`)).body.draft as {
      nodes: { id: string; name: string }[];
    };
    const renamed = {
      ...draft,
      nodes: draft.nodes.map((n) => (n.id === 'mail' ? { ...n, name: 'Correo v2' } : n)),
    };
    await database.pool.query('UPDATE campaigns SET draft = $2 WHERE id = $1', [
      campaignId,
      JSON.stringify(renamed),
    ]);
    expect((await call(app, 'POST', `/api/v1/campaigns/${campaignId}/publish`)).status).toBe(201);
    const shown = await call(app, 'GET', `/api/v1/campaigns/${campaignId}/monitor`);
    expect(
      (shown.body.versions as { version: number; enrolled: number }[]).map((v) => v.version),
    ).toEqual([2, 1]);
    // Publishing carried the live leads over to version 2; the journey that ended stays on 1.
    expect(shown.body.versions).toEqual([
      expect.objectContaining({ version: 2, enrolled: 5 }),
      expect.objectContaining({ version: 1, enrolled: 1 }),
    ]);
    expect(shown.body.version).toBe(2);
    const name = (body: Record<string, unknown>) =>
      (body.document as { nodes: { id: string; name: string }[] }).nodes.find(
        (n) => n.id === 'mail',
      )?.name;
    expect(name(shown.body)).toBe('Correo v2');
    const v1 = await call(app, 'GET', `/api/v1/campaigns/${campaignId}/monitor?version=1`);
    expect(v1.body.version).toBe(1);
    expect(name(v1.body)).toBe('mail');
    // The node lists follow the version asked for.
    const live = await call(
      app,
      'GET',
      `/api/v1/campaigns/${campaignId}/monitor/nodes/mail/leads?version=1`,
    );
    expect(live.body.items).toEqual([]);
  });
});

describe('shutdown with open streams', () => {
  it('ends every open stream with a close event and stops promptly', async () => {
    const stream = await openSse(`${baseUrl}/api/v1/campaigns/${campaignId}/stats/stream`);
    streams.push(stream);
    await stream.next((e) => e.event === 'counts');
    const started = performance.now();
    await app.close();
    await stream.ended;
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(stream.events.at(-1)?.event).toBe('close');
  });
});
