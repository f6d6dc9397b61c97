import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  type App,
  call,
  emailFlow,
  node,
  startApiWithRunner,
  stats,
  statsUntil,
} from './api-runs-fixtures.ts';
import { createCampaign, seedLeads, seedWorkspace, staticList } from './runner-fixtures.ts';

let database: TestDatabase;
let app: App;
let campaignId: string;

beforeAll(async () => {
  database = await createTestDatabase('api-signals');
  const workspaceId = await seedWorkspace(database.db);
  await seedLeads(database.pool, workspaceId, 6);
  const listId = await staticList(database.pool, workspaceId);
  app = await startApiWithRunner(database);
  campaignId = await createCampaign(database.db, workspaceId, emailFlow('SIG1', listId));
  expect((await call(app, 'POST', `/api/v1/campaigns/${campaignId}/publish`)).status).toBe(201);
  expect((await call(app, 'POST', `/api/v1/campaigns/${campaignId}/launch`)).status).toBe(200);
  await statsUntil(app, campaignId, (s) => node(s, 'mail').acted === 6);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const now = () => new Date().toISOString();

async function signalCount(): Promise<number> {
  const { rows } = await database.pool.query<{ n: string }>('SELECT count(*) AS n FROM signals');
  return Number(rows[0]?.n);
}

describe('POST /api/v1/signals', () => {
  it('moves the waiting lead its signal names; the stats follow', async () => {
    const { status, body } = await call(app, 'POST', '/api/v1/signals', {
      signals: [{ leadKey: 'lead-1', name: 'opened', occurredAt: now() }],
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ stored: 1, moved: 1, rejected: [], replayed: false });
    const after = await statsUntil(app, campaignId, (s) => node(s, 'opened').ended === 1);
    expect(node(after, 'mail').waiting).toBe(5);
    expect(after.transitions.find((t) => t.transitionId === 'o')?.passed).toBe(1);
    expect(after.totals).toEqual({ enrolled: 6, waiting: 5, ended: 1 });
  });

  it('answers a replayed Idempotency-Key with the first answer and changes nothing', async () => {
    const batch = {
      signals: [
        { leadKey: 'lead-2', name: 'opened', occurredAt: now() },
        { leadKey: 'nobody', name: 'opened', occurredAt: now() },
      ],
    };
    const headers = { 'idempotency-key': 'batch-42' };
    const first = await call(app, 'POST', '/api/v1/signals', batch, headers);
    expect(first.body).toMatchObject({
      stored: 1,
      moved: 1,
      rejected: [{ index: 1, code: 'lead_not_found' }],
      replayed: false,
    });
    await statsUntil(app, campaignId, (s) => node(s, 'opened').ended === 2);
    const storedBefore = await signalCount();
    const statsBefore = await stats(app, campaignId);

    const replay = await call(app, 'POST', '/api/v1/signals', batch, headers);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ ...first.body, replayed: true });
    expect(await signalCount()).toBe(storedBefore);
    expect(await stats(app, campaignId)).toEqual(statsBefore);

    const reused = await call(
      app,
      'POST',
      '/api/v1/signals',
      { signals: [{ leadKey: 'lead-3', name: 'opened', occurredAt: now() }] },
      headers,
    );
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('conflict');
    expect(node(await stats(app, campaignId), 'mail').waiting).toBe(4);
  });

  it('refuses a batch with a bad item with 400 located at the item and field, storing nothing', async () => {
    const before = await signalCount();
    const { status, body, response } = await call(app, 'POST', '/api/v1/signals', {
      signals: [
        { leadKey: 'lead-4', name: 'opened', occurredAt: now() },
        { leadKey: 'lead-5', name: 'opened', occurredAt: 'yesterday' },
        { leadKey: '', name: 'opened', occurredAt: now() },
      ],
    });
    expect(status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const issues = body.issues as { location: string; path: (string | number)[] }[];
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ location: 'body', path: ['signals', 1, 'occurredAt'] }),
        expect.objectContaining({ location: 'body', path: ['signals', 2, 'leadKey'] }),
      ]),
    );
    expect(await signalCount()).toBe(before);
    expect(node(await stats(app, campaignId), 'mail').waiting).toBe(4);
  });
});

describe('POST /api/v1/events', () => {
  it('stores lead events once by id and routes them as signals', async () => {
    const events = {
      events: [
        { leadKey: 'lead-6', name: 'opened', occurredAt: now(), id: 'crm-1' },
        { leadKey: 'lead-6', name: 'visited', occurredAt: now(), properties: { page: '/precios' } },
      ],
    };
    const first = await call(app, 'POST', '/api/v1/events', events);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ stored: 2, duplicates: 0, moved: 1, rejected: [] });
    const again = await call(app, 'POST', '/api/v1/events', { events: [events.events[0]] });
    expect(again.body).toMatchObject({ stored: 0, duplicates: 1, moved: 0 });
    const { rows } = await database.pool.query<{ name: string }>(
      `SELECT e.name FROM lead_events e JOIN leads l ON l.id = e.lead_id
       WHERE l.external_key = 'lead-6' ORDER BY e.name`,
    );
    expect(rows.map((r) => r.name)).toEqual(['opened', 'visited']);
    await statsUntil(app, campaignId, (s) => node(s, 'opened').ended === 3);
  });

  it('refuses an event without a name with a located 400', async () => {
    const { status, body } = await call(app, 'POST', '/api/v1/events', {
      events: [{ leadKey: 'lead-6', occurredAt: now() }],
    });
    expect(status).toBe(400);
    expect(body.issues).toEqual([
      expect.objectContaining({ location: 'body', path: ['events', 0, 'name'] }),
    ]);
  });
});
