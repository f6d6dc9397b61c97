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
import {
  createCampaign,
  expectCountsAddUp,
  seedLeads,
  seedWorkspace,
  staticList,
} from './runner-fixtures.ts';

let database: TestDatabase;
let app: App;
let workspaceId: string;
let listId: string;

beforeAll(async () => {
  database = await createTestDatabase('api-runs');
  workspaceId = await seedWorkspace(database.db);
  await seedLeads(database.pool, workspaceId, 25);
  listId = await staticList(database.pool, workspaceId);
  app = await startApiWithRunner(database);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('POST /api/v1/campaigns/:id/publish', () => {
  it('refuses a draft with errors with 422 and the located issues, and publishes once fixed', async () => {
    const good = emailFlow('PUB1', listId);
    // An email with no way out: the validator reports the dead end as an error.
    const broken = { ...good, transitions: good.transitions.filter((t) => t.source !== 'mail') };
    const campaignId = await createCampaign(database.db, workspaceId, broken);

    const refused = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/publish`);
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe('validation_failed');
    const issues = refused.body.issues as { path: (string | number)[]; code: string }[];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.some((issue) => issue.path[0] === 'nodes' && issue.path[1] === 'mail')).toBe(
      true,
    );
    const unpublished = await database.pool.query<{ published_version: number | null }>(
      'SELECT published_version FROM campaigns WHERE id = $1',
      [campaignId],
    );
    expect(unpublished.rows[0]?.published_version).toBeNull();

    await database.pool.query('UPDATE campaigns SET draft = $2 WHERE id = $1', [
      campaignId,
      JSON.stringify(good),
    ]);
    const accepted = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/publish`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body).toMatchObject({ campaignId, version: 1 });
  });

  it('answers 404 for a campaign that does not exist', async () => {
    const { status, body } = await call(
      app,
      'POST',
      '/api/v1/campaigns/00000000-0000-4000-8000-000000000000/publish',
    );
    expect(status).toBe(404);
    expect(body.code).toBe('not_found');
  });
});

describe('launch, pause, resume, stop and stats', () => {
  it('launch enrols the entry segment; the runner brings every lead to the email; counts add up', async () => {
    const campaignId = await createCampaign(database.db, workspaceId, emailFlow('RUN1', listId));
    expect((await call(app, 'POST', `/api/v1/campaigns/${campaignId}/publish`)).status).toBe(201);

    const launched = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/launch`);
    expect(launched.status, JSON.stringify(launched.body)).toBe(200);
    expect(launched.body).toMatchObject({ status: 'active', version: 1, enrolled: 25 });

    const settled = await statsUntil(app, campaignId, (s) => node(s, 'mail').acted === 25);
    expect(node(settled, 'in')).toMatchObject({ entered: 25, waiting: 0 });
    expect(settled.transitions.find((t) => t.transitionId === 'a')?.passed).toBe(25);
    expect(settled.totals).toEqual({ enrolled: 25, waiting: 25, ended: 0 });
    const { rows } = await database.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM enrollments WHERE campaign_id = $1 AND NOT is_control',
      [campaignId],
    );
    expect(settled.totals.enrolled).toBe(Number(rows[0]?.n));
    await expectCountsAddUp(database.pool, campaignId);
    const messages = await database.pool.query<{ status: string }>(
      'SELECT status FROM outbox_messages WHERE campaign_id = $1',
      [campaignId],
    );
    // Test mode: every message stays in the outbox viewer.
    expect(messages.rows).toHaveLength(25);
    expect(new Set(messages.rows.map((r) => r.status))).toEqual(new Set(['captured']));

    const relaunch = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/launch`);
    expect(relaunch.status).toBe(409);
    expect(relaunch.body.code).toBe('conflict');

    const paused = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/pause`);
    expect(paused.body).toMatchObject({ status: 'paused' });
    expect((await call(app, 'POST', `/api/v1/campaigns/${campaignId}/pause`)).status).toBe(409);
    const resumed = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/resume`);
    expect(resumed.body).toMatchObject({ status: 'active' });

    const removed = await call(app, 'DELETE', `/api/v1/campaigns/${campaignId}/leads/lead-3`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body).toMatchObject({ leadKey: 'lead-3', nodeId: 'mail' });
    const again = await call(app, 'DELETE', `/api/v1/campaigns/${campaignId}/leads/lead-3`);
    expect(again.status).toBe(404);
    const afterRemoval = await stats(app, campaignId);
    expect(node(afterRemoval, 'mail')).toMatchObject({ waiting: 24, ended: 1 });
    expect(afterRemoval.totals).toEqual({ enrolled: 25, waiting: 24, ended: 1 });

    const retried = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/retry`);
    expect(retried.body).toEqual({ retried: 0 });

    const stopped = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/stop`);
    expect(stopped.body).toMatchObject({ status: 'stopped' });
  });

  it('refuses to launch an unpublished campaign with 409', async () => {
    const campaignId = await createCampaign(database.db, workspaceId, emailFlow('RUN2', listId));
    const { status, body } = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/launch`);
    expect(status).toBe(409);
    expect(body.detail).toMatch(/publish/);
  });

  it('reports the runner as ready in /api/health', async () => {
    const { body } = await call(app, 'GET', '/api/health');
    expect(body.runner).toMatchObject({ ok: true, state: 'ready' });
  });
});
