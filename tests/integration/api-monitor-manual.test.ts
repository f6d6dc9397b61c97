import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { monitorFlow } from './api-monitor-fixtures.ts';
import { type App, call, startApiWithRunner } from './api-runs-fixtures.ts';
import { createCampaign, seedLeads, seedWorkspace, staticList } from './runner-fixtures.ts';

// The monitor in manual mode: leads parked for an operator's go are marked `held` in a node's
// list until POST /advance (the runs API) releases them, and they never count as stuck.

let database: TestDatabase;
let app: App;
let workspaceId: string;

beforeAll(async () => {
  database = await createTestDatabase('api-monitor-manual');
  workspaceId = await seedWorkspace(database.db);
  await seedLeads(database.pool, workspaceId, 6);
  app = await startApiWithRunner(database);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('manual mode', () => {
  it('marks the leads parked for an operator as held until POST /advance releases them', async () => {
    const listId = await staticList(database.pool, workspaceId, 'Manual');
    const manual = { ...monitorFlow(listId), settings: { ...monitorFlow(listId).settings } };
    manual.settings.code = 'MAN1';
    manual.settings.mode = 'manual';
    const id = await createCampaign(database.db, workspaceId, manual);
    expect((await call(app, 'POST', `/api/v1/campaigns/${id}/publish`)).status).toBe(201);
    expect((await call(app, 'POST', `/api/v1/campaigns/${id}/launch`)).status).toBe(200);
    const held = async (nodeId: string) => {
      const page = await call(app, 'GET', `/api/v1/campaigns/${id}/monitor/nodes/${nodeId}/leads`);
      return (page.body.items as { leadKey: string; held: boolean }[]).filter((i) => i.held);
    };
    // Each lead stops at the step after the entry until an operator lets it take it.
    await expect.poll(async () => (await held('tag')).length, { timeout: 15_000 }).toBe(6);
    const one = await call(app, 'POST', `/api/v1/campaigns/${id}/advance`, { leadKey: 'lead-1' });
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    await expect
      .poll(async () => (await held('mail')).map((i) => i.leadKey), { timeout: 15_000 })
      .toEqual(['lead-1']);
    expect(await held('tag')).toHaveLength(5);
    // Leads waiting for an operator are not stuck: the checker leaves them out.
    const alerts = await call(app, 'GET', `/api/v1/campaigns/${id}/monitor/alerts`);
    expect(alerts.body.stuckCount).toBe(0);
  });
});
