import type { Db } from '@rumbo/db';
import type { FlowDocument } from '@rumbo/flow';
import { drainNode, enrollFromSegments, publishCampaign, RunnerError } from '@rumbo/runner';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  createCampaign,
  fastForward,
  flow,
  publishAndLaunch,
  seedLeads,
  seedWorkspace,
  staticList,
} from './runner-fixtures.ts';

// Publishing v2 while leads are on v1 (DESIGN §5): leads at nodes v2 keeps continue on v2,
// leads at nodes v2 deletes drain on v1 or follow a chosen mapping; the counters stay equal
// to the enrollments per version and node after every step.

let t: TestDatabase;
let db: Db;
let pool: pg.Pool;

beforeAll(async () => {
  t = await createTestDatabase('runner-publish');
  db = t.db;
  pool = t.pool;
});
afterAll(async () => {
  await t.close();
});

const email = (id: string) => ({ id, type: 'email', config: { subject: id, body: 'x' } });
const timeout = (id: string, source: string, target: string, days: number) => ({
  id,
  source,
  target,
  trigger: { kind: 'timeout', amount: days, unit: 'days' },
});

/** v1: entry → split 50/50 → mailA | mailB, each → `late` after a day. */
function v1(listId: string): FlowDocument {
  return flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      { id: 'sp', type: 'split' },
      email('mailA'),
      email('mailB'),
      { id: 'late', type: 'exit' },
    ],
    [
      { id: 'a', source: 'in', target: 'sp', trigger: { kind: 'auto' } },
      { id: 'sa', source: 'sp', target: 'mailA', trigger: { kind: 'split', weight: 50 } },
      { id: 'sb', source: 'sp', target: 'mailB', trigger: { kind: 'split', weight: 50 } },
      timeout('ta', 'mailA', 'late', 1),
      timeout('tb', 'mailB', 'late', 1),
    ],
  );
}

/** v2 deletes the split and mailB; mailA now times out (new transition) to a new exit. */
function v2(listId: string): FlowDocument {
  return flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      email('mailA'),
      { id: 'late2', type: 'exit' },
    ],
    [
      { id: 'a2', source: 'in', target: 'mailA', trigger: { kind: 'auto' } },
      timeout('ta2', 'mailA', 'late2', 2),
    ],
  );
}

async function expectCountsAddUpPerVersion(campaignId: string) {
  const { rows } = await pool.query<{ key: string; live: number; ended: number }>(
    `SELECT key, sum(live)::int AS live, sum(ended)::int AS ended FROM (
       SELECT version || ':' || node_id AS key,
              count(*) FILTER (WHERE status IN ('active', 'waiting')) AS live,
              count(*) FILTER (WHERE status NOT IN ('active', 'waiting')) AS ended
       FROM enrollments WHERE campaign_id = $1 AND NOT is_control GROUP BY 1
       UNION ALL
       SELECT version || ':' || node_id, -waiting, -ended FROM node_counters WHERE campaign_id = $1
     ) x GROUP BY key HAVING sum(live) <> 0 OR sum(ended) <> 0`,
    [campaignId],
  );
  expect(rows, 'counter minus enrollments per version:node').toEqual([]);
}

/** Drains every due node of every version until nothing is due, checking the counts each time. */
async function drainAll(campaignId: string) {
  for (let round = 0; round < 20; round++) {
    const { rows } = await pool.query<{ version: number; node_id: string }>(
      `SELECT DISTINCT version, node_id FROM enrollments
       WHERE campaign_id = $1 AND status IN ('active', 'waiting') AND due_at <= now()`,
      [campaignId],
    );
    if (rows.length === 0) return;
    for (const r of rows) {
      await drainNode(db, { campaignId, version: r.version, nodeId: r.node_id });
      await expectCountsAddUpPerVersion(campaignId);
    }
  }
  throw new Error('did not settle');
}

async function where(campaignId: string): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ key: string; n: number }>(
    `SELECT version || ':' || node_id || ':' || status AS key, count(*)::int AS n
     FROM enrollments WHERE campaign_id = $1 GROUP BY 1`,
    [campaignId],
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}

/** 40 leads on v1, parked at mailA or mailB; the draft is then replaced by v2. */
async function runningOnV1() {
  const workspaceId = await seedWorkspace(db);
  await seedLeads(pool, workspaceId, 40);
  const listId = await staticList(pool, workspaceId);
  const campaignId = await createCampaign(db, workspaceId, v1(listId));
  await publishAndLaunch(db, campaignId);
  await enrollFromSegments(db, { campaignId, version: 1 });
  await drainAll(campaignId);
  const before = await where(campaignId);
  const atA = before['1:mailA:waiting'] ?? 0;
  const atB = before['1:mailB:waiting'] ?? 0;
  expect(atA + atB).toBe(40);
  expect(atA).toBeGreaterThan(0);
  expect(atB).toBeGreaterThan(0);
  await pool.query('UPDATE campaigns SET draft = $2 WHERE id = $1', [
    campaignId,
    JSON.stringify(v2(listId)),
  ]);
  return { campaignId, atA, atB };
}

describe('publishing a new version while leads run', () => {
  it('moves leads at kept nodes to v2 and lets leads at deleted nodes drain on v1', async () => {
    const { campaignId, atA, atB } = await runningOnV1();
    const published = await publishCampaign(db, { campaignId, actor: 'user:reviewer' });
    expect(published).toMatchObject({ version: 2, migrated: atA, stayed: atB });
    expect(await where(campaignId)).toEqual({ '2:mailA:waiting': atA, '1:mailB:waiting': atB });
    await expectCountsAddUpPerVersion(campaignId);

    await fastForward(pool, campaignId);
    await drainAll(campaignId);
    // v2's timeout (to late2) took the migrated leads; v1's took the others.
    expect(await where(campaignId)).toEqual({ '2:late2:exited': atA, '1:late:exited': atB });
    const { rows } = await pool.query<{ version: number; transition_id: string; n: number }>(
      `SELECT version, transition_id, count(*)::int AS n FROM steps
       WHERE campaign_id = $1 AND node_id IN ('mailA', 'mailB') AND transition_id IS NOT NULL
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [campaignId],
    );
    // The visit that began on v1 keeps its step (version 1); it closed through v2's transition.
    expect(rows).toEqual([
      { version: 1, transition_id: 'ta2', n: atA },
      { version: 1, transition_id: 'tb', n: atB },
    ]);
  });

  it("keeps every lead on v1 with leads: 'stay'", async () => {
    const { campaignId, atA, atB } = await runningOnV1();
    const published = await publishCampaign(db, { campaignId, actor: 'user:r', leads: 'stay' });
    expect(published).toMatchObject({ migrated: 0, stayed: 40 });
    await fastForward(pool, campaignId);
    await drainAll(campaignId);
    expect(await where(campaignId)).toEqual({ '1:late:exited': atA + atB });
  });

  it('maps the leads of a deleted node onto a node of v2', async () => {
    const { campaignId, atA, atB } = await runningOnV1();
    const published = await publishCampaign(db, {
      campaignId,
      actor: 'user:reviewer',
      nodeMap: { mailB: 'mailA' },
    });
    expect(published).toMatchObject({ migrated: 40, stayed: 0 });
    expect(await where(campaignId)).toEqual({ '2:mailA:waiting': atA + atB });
    await expectCountsAddUpPerVersion(campaignId);
    await fastForward(pool, campaignId);
    await drainAll(campaignId);
    expect(await where(campaignId)).toEqual({ '2:late2:exited': 40 });
  });

  it('refuses a mapping onto a node v2 does not have, and publishes nothing', async () => {
    const { campaignId } = await runningOnV1();
    const refused = await publishCampaign(db, {
      campaignId,
      actor: 'user:reviewer',
      nodeMap: { mailB: 'ghost' },
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(RunnerError);
    expect(refused instanceof RunnerError ? refused.code : '').toBe('invalid_node_map');
    const { rows } = await pool.query<{ published_version: number }>(
      'SELECT published_version FROM campaigns WHERE id = $1',
      [campaignId],
    );
    expect(rows[0]?.published_version).toBe(1);
    expect(Object.keys(await where(campaignId)).sort()).toEqual([
      '1:mailA:waiting',
      '1:mailB:waiting',
    ]);
  });
});
