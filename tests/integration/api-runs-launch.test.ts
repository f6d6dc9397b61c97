import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type App, call, emailFlow, startApiWithRunner } from './api-runs-fixtures.ts';
import { createCampaign, seedLeads, seedWorkspace, staticList } from './runner-fixtures.ts';

// `POST /launch` says why nobody entered when the campaign's validity period keeps them out,
// so the monitor's run bar can tell the operator instead of showing an unexplained zero.

let database: TestDatabase;
let app: App;
let workspaceId: string;
let listId: string;

beforeAll(async () => {
  database = await createTestDatabase('api-runs-launch');
  workspaceId = await seedWorkspace(database.db);
  await seedLeads(database.pool, workspaceId, 6);
  listId = await staticList(database.pool, workspaceId);
  app = await startApiWithRunner(database);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function publishedCampaign(code: string, period: { validFrom?: string; validTo?: string }) {
  const document = emailFlow(code, listId);
  const draft = { ...document, settings: { ...document.settings, ...period } };
  const campaignId = await createCampaign(database.db, workspaceId, draft);
  const published = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/publish`);
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  return campaignId;
}

const today = () => new Date().toISOString().slice(0, 10);

describe('POST /api/v1/campaigns/:id/launch and the validity period', () => {
  it('says the period has not begun, with its dates and today, and enrols nobody', async () => {
    const campaignId = await publishedCampaign('VAL1', { validFrom: '2999-01-01' });
    const { status, body } = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/launch`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({
      status: 'active',
      enrolled: 0,
      control: 0,
      refused: {
        code: 'before_validity_period',
        validFrom: '2999-01-01',
        validTo: null,
        today: today(),
      },
    });
    const rows = await database.pool.query(
      'SELECT count(*)::int AS n FROM enrollments WHERE campaign_id = $1',
      [campaignId],
    );
    expect(rows.rows[0]?.n).toBe(0);
  });

  it('says the period is over when its last day has passed', async () => {
    const campaignId = await publishedCampaign('VAL2', {
      validFrom: '2000-01-01',
      validTo: '2000-12-31',
    });
    const { status, body } = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/launch`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.enrolled).toBe(0);
    expect(body.refused).toEqual({
      code: 'after_validity_period',
      validFrom: '2000-01-01',
      validTo: '2000-12-31',
      today: today(),
    });
  });

  it('carries no refusal when today is inside the period, and the list enters', async () => {
    const campaignId = await publishedCampaign('VAL3', {
      validFrom: '2000-01-01',
      validTo: '2999-12-31',
    });
    const { status, body } = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/launch`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).not.toHaveProperty('refused');
    expect(Number(body.enrolled) + Number(body.control)).toBe(6);
  });
});
