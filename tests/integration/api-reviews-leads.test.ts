import { type CampaignDetail, FlowDocument, type ReviewList } from '@rumbo/flow';
import { enrollFromSegments } from '@rumbo/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';
import {
  createCampaign,
  flow,
  publishAndLaunch,
  runUntilQuiet,
  seedLeads,
  seedWorkspace,
  staticList,
} from './runner-fixtures.ts';

// The reviewer's view of the leads already in a campaign (DESIGN §5): the review list says
// where they are, and the approval carries the reviewer's choice for a node the draft deletes —
// map its leads to a node of the new version, or let them finish on their version.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: TestApp;
let workspaceId = '';

beforeAll(async () => {
  database = await createTestDatabase('api-reviews-leads');
  app = await buildTestApp(database);
  // The only workspace: the API acts on it.
  workspaceId = await seedWorkspace(database.db);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Json = Record<string, unknown>;

async function call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: Json) {
  const response = await app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload }),
  });
  return { status: response.statusCode, body: response.json<Json>() };
}

/**
 * v1 (entry → call → exit after 7 days) launched with `count` leads, all now waiting at the
 * call; then a draft that deletes the call (entry → email → exit), submitted for review.
 */
async function campaignWithLeadsAtACall(code: string, count: number) {
  await seedLeads(database.pool, workspaceId, count, code.toLowerCase());
  const listId = await staticList(database.pool, workspaceId, code);
  await database.pool.query(
    `DELETE FROM list_members WHERE list_id = $1 AND lead_id IN
       (SELECT id FROM leads WHERE external_key NOT LIKE $2)`,
    [listId, `${code.toLowerCase()}-%`],
  );
  const entry = {
    id: 'in',
    type: 'entry',
    config: { sources: [{ kind: 'segment', segmentId: listId }] },
  };
  const v1 = flow(
    [entry, { id: 'call', type: 'call', config: { script: 'Hola' } }, { id: 'end', type: 'exit' }],
    [
      { id: 'a', source: 'in', target: 'call', trigger: { kind: 'auto' } },
      {
        id: 't',
        source: 'call',
        target: 'end',
        trigger: { kind: 'timeout', amount: 7, unit: 'days' },
      },
    ],
    { code, name: `Campaña ${code}` },
  );
  const campaignId = await createCampaign(database.db, workspaceId, v1);
  const version = await publishAndLaunch(database.db, campaignId);
  await enrollFromSegments(database.db, { campaignId, version });
  await runUntilQuiet(database.db, database.pool, campaignId, version);
  const detail = (await call('GET', `/api/v1/campaigns/${campaignId}`)).body as CampaignDetail;
  const v2 = FlowDocument.parse({
    ...v1,
    nodes: [
      ...v1.nodes.filter((n) => n.id !== 'call'),
      { id: 'mail', type: 'email', name: 'Bienvenida', config: { subject: 'Hola', body: 'x' } },
    ],
    transitions: [
      { id: 'b', source: 'in', target: 'mail', trigger: { kind: 'auto' } },
      {
        id: 'u',
        source: 'mail',
        target: 'end',
        trigger: { kind: 'timeout', amount: 7, unit: 'days' },
      },
    ],
  });
  const saved = await call('PUT', `/api/v1/campaigns/${campaignId}/draft`, {
    document: v2,
    revision: detail.draftRevision,
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const submitted = await call('POST', `/api/v1/campaigns/${campaignId}/reviews`, {
    draftRevision: saved.body.revision,
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  return { campaignId, reviewId: String(submitted.body.id) };
}

async function positions(campaignId: string) {
  const { rows } = await database.pool.query<{ version: number; node_id: string; n: number }>(
    `SELECT version, node_id, count(*)::int AS n FROM enrollments
     WHERE campaign_id = $1 AND status IN ('active', 'waiting') GROUP BY 1, 2 ORDER BY 1, 2`,
    [campaignId],
  );
  return rows;
}

const approve = (campaignId: string, reviewId: string, choice: Json) =>
  call('POST', `/api/v1/campaigns/${campaignId}/reviews/${reviewId}/approve`, {
    reviewer: 'Lucía',
    ...choice,
  });

describe('a review of a campaign with leads in it', () => {
  it('lists where the leads are, per version and node', async () => {
    const { campaignId } = await campaignWithLeadsAtACall('RVL1', 3);
    const list = (await call('GET', `/api/v1/campaigns/${campaignId}/reviews`)).body as ReviewList;
    expect(list.liveLeads).toEqual([{ version: 1, nodeId: 'call', count: 3 }]);
  });

  it("moves a deleted node's leads where the reviewer maps them", async () => {
    const { campaignId, reviewId } = await campaignWithLeadsAtACall('RVL2', 2);
    const approved = await approve(campaignId, reviewId, { nodeMap: { call: 'mail' } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(await positions(campaignId)).toEqual([{ version: 2, node_id: 'mail', n: 2 }]);
    const list = (await call('GET', `/api/v1/campaigns/${campaignId}/reviews`)).body as ReviewList;
    expect(list.liveLeads).toEqual([{ version: 2, nodeId: 'mail', count: 2 }]);
  });

  it('lets them finish on their version when the reviewer maps nothing, or says stay', async () => {
    const drain = await campaignWithLeadsAtACall('RVL3', 2);
    expect((await approve(drain.campaignId, drain.reviewId, {})).status).toBe(200);
    expect(await positions(drain.campaignId)).toEqual([{ version: 1, node_id: 'call', n: 2 }]);
    const stay = await campaignWithLeadsAtACall('RVL4', 1);
    const approved = await approve(stay.campaignId, stay.reviewId, {
      leads: 'stay',
      nodeMap: { call: 'mail' },
    });
    expect(approved.status).toBe(200);
    expect(await positions(stay.campaignId)).toEqual([{ version: 1, node_id: 'call', n: 1 }]);
  });

  it("takes a deleted node's leads out of the campaign when the reviewer says so", async () => {
    const { campaignId, reviewId } = await campaignWithLeadsAtACall('RVL7', 2);
    const approved = await approve(campaignId, reviewId, { exit: ['call'] });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(await positions(campaignId)).toEqual([]);
    const { rows } = await database.pool.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM enrollments WHERE campaign_id = $1 GROUP BY 1`,
      [campaignId],
    );
    expect(rows).toEqual([{ status: 'removed', n: 2 }]);
    // Their calls left the call list, their open steps closed, and the counters add up.
    const calls = await database.pool.query<{ status: string }>(
      'SELECT DISTINCT status FROM call_tasks WHERE campaign_id = $1',
      [campaignId],
    );
    expect(calls.rows).toEqual([{ status: 'closed' }]);
    const open = await database.pool.query(
      `SELECT 1 FROM steps WHERE campaign_id = $1 AND node_id = 'call' AND left_at IS NULL`,
      [campaignId],
    );
    expect(open.rowCount).toBe(0);
    const counters = await database.pool.query<{ waiting: number; ended: number }>(
      `SELECT waiting::int, ended::int FROM node_counters
       WHERE campaign_id = $1 AND version = 1 AND node_id = 'call'`,
      [campaignId],
    );
    expect(counters.rows).toEqual([{ waiting: 0, ended: 2 }]);
    const list = (await call('GET', `/api/v1/campaigns/${campaignId}/reviews`)).body as ReviewList;
    expect(list.liveLeads).toEqual([]);
  });

  it('refuses a node both mapped and taken out, located, and publishes nothing', async () => {
    const { campaignId, reviewId } = await campaignWithLeadsAtACall('RVL8', 1);
    const refused = await approve(campaignId, reviewId, {
      nodeMap: { call: 'mail' },
      exit: ['call'],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.issues).toEqual([
      expect.objectContaining({ path: ['nodeMap', 'call'], code: 'invalid_node_map' }),
    ]);
    expect(await positions(campaignId)).toEqual([{ version: 1, node_id: 'call', n: 1 }]);
  });

  it('refuses a map onto a node the new version lacks, located, and publishes nothing', async () => {
    const { campaignId, reviewId } = await campaignWithLeadsAtACall('RVL5', 1);
    const refused = await approve(campaignId, reviewId, { nodeMap: { call: 'nowhere' } });
    expect(refused.status).toBe(422);
    expect(refused.body.issues).toEqual([
      expect.objectContaining({ path: ['nodeMap', 'call'], code: 'invalid_node_map' }),
    ]);
    const detail = (await call('GET', `/api/v1/campaigns/${campaignId}`)).body as CampaignDetail;
    expect(detail.publishedVersion).toBe(1);
    expect(await positions(campaignId)).toEqual([{ version: 1, node_id: 'call', n: 1 }]);
    // The review still waits: the reviewer can choose again.
    const retried = await approve(campaignId, reviewId, { nodeMap: { call: 'mail' } });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
  });

  it('locates a bad choice in the body: an unknown leads option', async () => {
    const { campaignId, reviewId } = await campaignWithLeadsAtACall('RVL6', 1);
    const refused = await approve(campaignId, reviewId, { leads: 'exit' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('leads');
  });
});
