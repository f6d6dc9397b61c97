import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type App, call, node, startApiWithRunner, statsUntil } from './api-runs-fixtures.ts';
import { createCampaign, flow, seedLeads, seedWorkspace } from './runner-fixtures.ts';

/**
 * Entries through the API (DESIGN §5): an event entry enrols the lead whose event arrives at
 * `POST /api/v1/events`, and `POST /api/v1/campaigns/:id/enrollments` adds a lead by hand;
 * both respect the re-entry rule and the runner walks the new journeys.
 */

let database: TestDatabase;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase('runner-enrollment-api');
  const workspaceId = await seedWorkspace(database.db);
  await seedLeads(database.pool, workspaceId, 4);
  app = await startApiWithRunner(database);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const now = () => new Date().toISOString();

async function campaignWith(code: string, source: Record<string, unknown>): Promise<string> {
  const { rows } = await database.pool.query<{ id: string }>('SELECT id FROM workspaces LIMIT 1');
  const draft = flow(
    [
      { id: 'in', type: 'entry', config: { sources: [source] } },
      { id: 'x', type: 'exit' },
    ],
    [{ id: 'a', source: 'in', target: 'x', trigger: { kind: 'auto' } }],
    { code, name: code },
  );
  return createCampaign(database.db, rows[0]?.id ?? '', draft);
}

async function launch(campaignId: string) {
  expect((await call(app, 'POST', `/api/v1/campaigns/${campaignId}/publish`)).status).toBe(201);
  expect((await call(app, 'POST', `/api/v1/campaigns/${campaignId}/launch`)).status).toBe(200);
}

describe('event entry', () => {
  it('enrols the lead whose named event arrives, once, and the runner walks it to the end', async () => {
    const campaignId = await campaignWith('EVT', { kind: 'event', event: 'signed_up' });
    await launch(campaignId);
    const signedUp = { leadKey: 'lead-1', name: 'signed_up', occurredAt: now(), id: 'crm-7' };
    const first = await call(app, 'POST', '/api/v1/events', {
      events: [signedUp, { leadKey: 'lead-2', name: 'visited', occurredAt: now() }],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ stored: 2, enrolled: 1, rejected: [] });
    await statsUntil(app, campaignId, (s) => node(s, 'x').ended === 1);

    // The same event id again is a duplicate and starts nothing; a new one meets the rule.
    const replay = await call(app, 'POST', '/api/v1/events', { events: [signedUp] });
    expect(replay.body).toMatchObject({ stored: 0, duplicates: 1, enrolled: 0 });
    const later = await call(app, 'POST', '/api/v1/events', {
      events: [{ leadKey: 'lead-1', name: 'signed_up', occurredAt: now() }],
    });
    expect(later.body).toMatchObject({ stored: 1, enrolled: 0 });
    const { rows } = await database.pool.query<{ lead_key: string }>(
      'SELECT lead_key FROM enrollments WHERE campaign_id = $1',
      [campaignId],
    );
    expect(rows).toEqual([{ lead_key: 'lead-1' }]);
  });

  it('does not enrol into a paused campaign', async () => {
    const campaignId = await campaignWith('EVT-P', { kind: 'event', event: 'churned' });
    await launch(campaignId);
    expect((await call(app, 'POST', `/api/v1/campaigns/${campaignId}/pause`)).status).toBe(200);
    const { body } = await call(app, 'POST', '/api/v1/events', {
      events: [{ leadKey: 'lead-3', name: 'churned', occurredAt: now() }],
    });
    expect(body).toMatchObject({ stored: 1, enrolled: 0 });
  });
});

describe('POST /api/v1/campaigns/:id/enrollments', () => {
  it('adds a lead by key (201), then answers 200 with nothing added for the same lead', async () => {
    const campaignId = await campaignWith('MAN', { kind: 'manual' });
    const url = `/api/v1/campaigns/${campaignId}/enrollments`;
    const early = await call(app, 'POST', url, { leadKey: 'lead-4' });
    expect(early.status, JSON.stringify(early.body)).toBe(409);

    await launch(campaignId);
    const added = await call(app, 'POST', url, { leadKey: 'lead-4' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toEqual({
      campaignId,
      version: 1,
      leadKey: 'lead-4',
      nodeId: 'in',
      enrolled: 1,
      control: 0,
    });
    await statsUntil(app, campaignId, (s) => node(s, 'x').ended === 1);
    const again = await call(app, 'POST', url, { leadKey: 'lead-4' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ enrolled: 0, control: 0 });

    const { rows } = await database.pool.query(
      `SELECT actor, data FROM audit_log WHERE action = 'campaign.lead_added' AND subject = $1`,
      [`campaign:${campaignId}`],
    );
    expect(rows).toEqual([
      { actor: 'anonymous', data: { leadKey: 'lead-4', nodeId: 'in', version: 1 } },
    ]);
  });

  it('refuses an unknown lead (404), a missing key (400, located), an unknown entry (422) and a stopped campaign (409)', async () => {
    const campaignId = await campaignWith('MAN2', { kind: 'manual' });
    await launch(campaignId);
    const url = `/api/v1/campaigns/${campaignId}/enrollments`;
    expect((await call(app, 'POST', url, { leadKey: 'nobody' })).status).toBe(404);
    const missing = await call(app, 'POST', url, {});
    expect(missing.status).toBe(400);
    expect(missing.body.issues).toEqual([
      expect.objectContaining({ location: 'body', path: ['leadKey'] }),
    ]);
    const wrongNode = await call(app, 'POST', url, { leadKey: 'lead-1', nodeId: 'x' });
    expect(wrongNode.status).toBe(422);
    expect((await call(app, 'POST', `/api/v1/campaigns/${campaignId}/stop`)).status).toBe(200);
    const stopped = await call(app, 'POST', url, { leadKey: 'lead-1' });
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(409);
    const { rows } = await database.pool.query('SELECT 1 FROM enrollments WHERE campaign_id = $1', [
      campaignId,
    ]);
    expect(rows).toEqual([]);
  });
});
