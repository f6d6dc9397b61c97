import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  type App,
  call,
  emailFlow,
  node,
  startApiWithRunner,
  statsUntil,
} from './api-runs-fixtures.ts';
import {
  createCampaign,
  expectCountsAddUp,
  seedLeads,
  seedWorkspace,
  staticList,
} from './runner-fixtures.ts';

// The operator's routes for test and manual mode (advance, fast-forward) on the real app with
// a real runner (pg-boss workers and the ticker) working in the background.

let database: TestDatabase;
let app: App;
let workspaceId: string;
let listId: string;

beforeAll(async () => {
  database = await createTestDatabase('api-runs-operations');
  workspaceId = await seedWorkspace(database.db);
  await seedLeads(database.pool, workspaceId, 6);
  listId = await staticList(database.pool, workspaceId);
  app = await startApiWithRunner(database);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function launched(code: string, mode: 'test' | 'manual' | 'live') {
  const document = emailFlow(code, listId);
  document.settings.mode = mode;
  const campaignId = await createCampaign(database.db, workspaceId, document);
  expect((await call(app, 'POST', `/api/v1/campaigns/${campaignId}/publish`)).status).toBe(201);
  const launch = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/launch`);
  expect(launch.status, JSON.stringify(launch.body)).toBe(200);
  return campaignId;
}

async function auditActions(campaignId: string): Promise<string[]> {
  const { rows } = await database.pool.query<{ action: string }>(
    'SELECT action FROM audit_log WHERE subject = $1 ORDER BY at',
    [`campaign:${campaignId}`],
  );
  return rows.map((r) => r.action);
}

describe('POST /api/v1/campaigns/:id/fast-forward (test mode)', () => {
  it('moves a 3-day timeout a day closer, then makes it due now, and the runner takes it', async () => {
    const campaignId = await launched('FF1', 'test');
    await statsUntil(app, campaignId, (s) => node(s, 'mail').acted === 6);

    const aDay = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/fast-forward`, {
      by: { amount: 1, unit: 'days' },
    });
    expect(aDay.status, JSON.stringify(aDay.body)).toBe(200);
    expect(aDay.body).toEqual({ shifted: 6, dueNow: 0 });
    const { rows } = await database.pool.query<{ hours: number }>(
      `SELECT DISTINCT round(extract(epoch from due_at - now()) / 3600)::int AS hours
       FROM enrollments WHERE campaign_id = $1`,
      [campaignId],
    );
    expect(rows).toEqual([{ hours: 48 }]);

    const now = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/fast-forward`);
    expect(now.body).toEqual({ shifted: 6, dueNow: 6 });
    const done = await statsUntil(app, campaignId, (s) => node(s, 'late').ended === 6);
    expect(done.totals).toEqual({ enrolled: 6, waiting: 0, ended: 6 });
    await expectCountsAddUp(database.pool, campaignId);
    expect(await auditActions(campaignId)).toEqual([
      'campaign.published',
      'campaign.launched',
      'campaign.fast_forwarded',
      'campaign.fast_forwarded',
    ]);
  });

  it('answers 409 wrong_campaign_mode for a live campaign, and 400 with the field for a bad span', async () => {
    const campaignId = await launched('FF2', 'live');
    const refused = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/fast-forward`);
    expect(refused.status).toBe(409);
    expect(refused.response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe('wrong_campaign_mode');
    expect(refused.body.detail).toMatch(/test mode.*live mode/);
    const bad = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/fast-forward`, {
      by: { amount: -1, unit: 'days' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    const issues = bad.body.issues as { path: (string | number)[] }[];
    expect(issues.map((i) => i.path)).toContainEqual(['by', 'amount']);
  });
});

describe('POST /api/v1/campaigns/:id/advance (manual mode)', () => {
  it('holds every lead before the email until a go: one lead, then all at the node', async () => {
    const campaignId = await launched('MAN1', 'manual');
    const parked = await statsUntil(app, campaignId, (s) => node(s, 'mail').waiting === 6);
    expect(node(parked, 'mail').acted).toBe(0);

    const one = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/advance`, {
      leadKey: 'lead-4',
    });
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(one.body).toEqual({ released: 1, nodes: [{ nodeId: 'mail', released: 1 }] });
    await statsUntil(app, campaignId, (s) => node(s, 'mail').acted === 1);

    const again = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/advance`, {
      leadKey: 'lead-4',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('lead_not_held');
    expect(again.body.detail).toMatch(/lead-4/);

    const rest = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/advance`, {
      nodeId: 'mail',
    });
    expect(rest.body).toEqual({ released: 5, nodes: [{ nodeId: 'mail', released: 5 }] });
    const all = await statsUntil(app, campaignId, (s) => node(s, 'mail').acted === 6);
    expect(all.totals).toEqual({ enrolled: 6, waiting: 6, ended: 0 });
    await expectCountsAddUp(database.pool, campaignId);
    const sent = await database.pool.query('SELECT 1 FROM outbox_messages WHERE campaign_id = $1', [
      campaignId,
    ]);
    expect(sent.rowCount).toBe(6);

    const wrong = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/fast-forward`);
    expect(wrong.status).toBe(409);
    expect(wrong.body.code).toBe('wrong_campaign_mode');
    expect(wrong.body.detail).toMatch(/manual mode/);
  });

  it('answers 409 wrong_campaign_mode for a test campaign and 404 for an unknown campaign', async () => {
    const campaignId = await launched('MAN2', 'test');
    const refused = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/advance`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('wrong_campaign_mode');
    expect(refused.body.detail).toMatch(/needs a campaign in manual mode/);
    const missing = await call(
      app,
      'POST',
      '/api/v1/campaigns/00000000-0000-4000-8000-000000000000/advance',
    );
    expect(missing.status).toBe(404);
  });
});

describe('POST /api/v1/campaigns/:id/publish with leads running', () => {
  it('moves the leads onto the new version, keeps them with leads: stay, and refuses a bad map with 422', async () => {
    const campaignId = await launched('PUB2', 'test');
    await statsUntil(app, campaignId, (s) => node(s, 'mail').acted === 6);
    const url = `/api/v1/campaigns/${campaignId}/publish`;

    const badMap = await call(app, 'POST', url, { nodeMap: { mail: 'ghost' } });
    expect(badMap.status).toBe(422);
    expect(badMap.body.code).toBe('validation_failed');
    const issues = badMap.body.issues as { location: string; path: string[] }[];
    expect(issues).toEqual([
      expect.objectContaining({ location: 'body', path: ['nodeMap', 'mail'] }),
    ]);

    const stay = await call(app, 'POST', url, { leads: 'stay' });
    expect(stay.status, JSON.stringify(stay.body)).toBe(201);
    expect(stay.body).toMatchObject({ version: 2, migrated: 0, stayed: 6 });

    const moved = await call(app, 'POST', url, {});
    expect(moved.body).toMatchObject({ version: 3, migrated: 6, stayed: 0 });
    const { rows } = await database.pool.query<{ version: number; n: number }>(
      `SELECT version, count(*)::int AS n FROM enrollments WHERE campaign_id = $1 GROUP BY 1`,
      [campaignId],
    );
    expect(rows).toEqual([{ version: 3, n: 6 }]);
  });
});
