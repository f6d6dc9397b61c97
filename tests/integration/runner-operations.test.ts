import type { Db } from '@rumbo/db';
import {
  changeCampaignStatus,
  drainNode,
  enrollFromSegments,
  findStuckEnrollments,
  processNodeBatch,
  removeEnrollment,
  retryFailed,
} from '@rumbo/runner';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  createCampaign,
  expectCountsAddUp,
  flow,
  positions,
  publishAndLaunch,
  runUntilQuiet,
  seedLeads,
  seedWorkspace,
  staticList,
} from './runner-fixtures.ts';

let t: TestDatabase;
let db: Db;
let pool: pg.Pool;

beforeAll(async () => {
  t = await createTestDatabase('runner-operations');
  db = t.db;
  pool = t.pool;
});
afterAll(async () => {
  await t.close();
});

async function linear(count: number) {
  const workspaceId = await seedWorkspace(db);
  await seedLeads(pool, workspaceId, count);
  const listId = await staticList(pool, workspaceId);
  const document = flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      { id: 'br', type: 'branch' },
      { id: 'sp', type: 'split' },
      { id: 'won', type: 'goal', config: { value: 3 } },
      { id: 'out', type: 'exit' },
    ],
    [
      { id: 'a', source: 'in', target: 'br', trigger: { kind: 'auto' } },
      {
        id: 'c',
        source: 'br',
        target: 'won',
        trigger: { kind: 'condition', order: 0, rule: { kind: 'stage', in: ['customer'] } },
      },
      { id: 'e', source: 'br', target: 'sp', trigger: { kind: 'else' } },
      { id: 's1', source: 'sp', target: 'won', trigger: { kind: 'split', weight: 50 } },
      { id: 's2', source: 'sp', target: 'out', trigger: { kind: 'split', weight: 50 } },
    ],
  );
  const campaignId = await createCampaign(db, workspaceId, document);
  const version = await publishAndLaunch(db, campaignId);
  await enrollFromSegments(db, { campaignId, version });
  return { campaignId, version };
}

describe('operations', () => {
  it('pause holds every lead where it is; resume lets the due work run', async () => {
    const { campaignId, version } = await linear(10);
    await changeCampaignStatus(db, { campaignId, command: 'pause', actor: 'user:ops' });
    expect(await processNodeBatch(db, { campaignId, version, nodeId: 'in' })).toMatchObject({
      claimed: 0,
    });
    expect(new Set(Object.values(await positions(pool, campaignId)))).toEqual(
      new Set(['in:active']),
    );
    await changeCampaignStatus(db, { campaignId, command: 'resume', actor: 'user:ops' });
    await runUntilQuiet(db, pool, campaignId, version);
    const ends = new Set(Object.values(await positions(pool, campaignId)));
    expect([...ends].every((p) => p === 'won:converted' || p === 'out:exited')).toBe(true);
  });

  it('three workers draining the same nodes at once take every step exactly once', async () => {
    const { campaignId, version } = await linear(1_500);
    for (const nodeId of ['in', 'br', 'sp', 'won', 'out']) {
      const scope = { campaignId, version, nodeId };
      await Promise.all([1, 2, 3].map(() => drainNode(db, scope, { batchSize: 100 })));
    }
    const { rows: twice } = await pool.query(
      'SELECT enrollment_id, node_id FROM steps WHERE campaign_id = $1 GROUP BY 1, 2 HAVING count(*) > 1',
      [campaignId],
    );
    expect(twice).toEqual([]);
    const { rows: live } = await pool.query(
      `SELECT count(*)::int AS n FROM enrollments WHERE campaign_id = $1 AND status IN ('active', 'waiting')`,
      [campaignId],
    );
    expect(live).toEqual([{ n: 0 }]);
    await expectCountsAddUp(pool, campaignId);
  });

  it('finds live enrollments nothing can move, and none in a healthy run', async () => {
    const { campaignId, version } = await linear(4);
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await findStuckEnrollments(db, { campaignId })).toEqual([]);
    await pool.query(
      `UPDATE enrollments SET status = 'waiting', due_at = NULL, waiting_for = NULL
       WHERE campaign_id = $1 AND lead_key = 'lead-2'`,
      [campaignId],
    );
    const stuck = await findStuckEnrollments(db, { campaignId });
    expect(stuck.map((s) => s.leadKey)).toEqual(['lead-2']);
  });

  it('fails only the journey whose lead data cannot be read (attributes not an object) and moves the rest', async () => {
    const workspaceId = await seedWorkspace(db);
    await seedLeads(pool, workspaceId, 5);
    await pool.query(
      `UPDATE leads SET attributes = '[1, 2]'::jsonb WHERE workspace_id = $1 AND external_key = 'lead-3'`,
      [workspaceId],
    );
    const listId = await staticList(pool, workspaceId);
    const document = flow(
      [
        { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
        {
          id: 'wait',
          type: 'wait',
          config: { mode: 'duration', duration: { amount: 2, unit: 'days' } },
        },
        { id: 'out', type: 'exit' },
      ],
      [
        { id: 'a', source: 'in', target: 'wait', trigger: { kind: 'auto' } },
        { id: 'b', source: 'wait', target: 'out', trigger: { kind: 'auto' } },
      ],
    );
    const campaignId = await createCampaign(db, workspaceId, document);
    const version = await publishAndLaunch(db, campaignId);
    await enrollFromSegments(db, { campaignId, version });
    await runUntilQuiet(db, pool, campaignId, version);
    const { rows } = await pool.query<{ lead_key: string; status: string; error: string | null }>(
      'SELECT lead_key, status, error FROM enrollments WHERE campaign_id = $1 ORDER BY lead_key',
      [campaignId],
    );
    expect(rows.map((r) => `${r.lead_key}:${r.status}`)).toEqual([
      'lead-1:waiting',
      'lead-2:waiting',
      'lead-3:failed',
      'lead-4:waiting',
      'lead-5:waiting',
    ]);
    expect(rows[2]?.error).toMatch(/ZodError/);
    await expectCountsAddUp(pool, campaignId);
  });

  it('removes a live journey and puts failed ones back in the flow, with counts adding up and audit rows', async () => {
    const workspaceId = await seedWorkspace(db);
    await seedLeads(pool, workspaceId, 4);
    await pool.query(
      `UPDATE leads SET attributes = '"broken"'::jsonb WHERE workspace_id = $1 AND external_key = 'lead-4'`,
      [workspaceId],
    );
    const listId = await staticList(pool, workspaceId);
    const document = flow(
      [
        { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
        { id: 'tag', type: 'update', config: { addTags: ['x'] } },
        { id: 'out', type: 'exit' },
      ],
      [
        { id: 'a', source: 'in', target: 'tag', trigger: { kind: 'auto' } },
        {
          id: 'b',
          source: 'tag',
          target: 'out',
          trigger: { kind: 'delay', amount: 1, unit: 'days' },
        },
      ],
    );
    const campaignId = await createCampaign(db, workspaceId, document);
    const version = await publishAndLaunch(db, campaignId);
    await enrollFromSegments(db, { campaignId, version });
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await positions(pool, campaignId)).toMatchObject({
      'lead-1': 'tag:waiting',
      'lead-4': 'tag:failed',
    });
    const { rows } = await pool.query<{ id: string }>(
      `SELECT id FROM enrollments WHERE campaign_id = $1 AND lead_key = 'lead-1'`,
      [campaignId],
    );
    await removeEnrollment(db, { enrollmentId: rows[0]?.id ?? '', actor: 'user:ops' });
    await expectCountsAddUp(pool, campaignId);
    await pool.query(`UPDATE leads SET attributes = '{}'::jsonb WHERE workspace_id = $1`, [
      workspaceId,
    ]);
    expect(await retryFailed(db, { campaignId, actor: 'user:ops' })).toBe(1);
    await expectCountsAddUp(pool, campaignId);
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await positions(pool, campaignId)).toEqual({
      'lead-1': 'tag:removed',
      'lead-2': 'tag:waiting',
      'lead-3': 'tag:waiting',
      'lead-4': 'tag:waiting',
    });
    const { rows: audit } = await pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE action LIKE 'enrollment.%' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['enrollment.removed', 'enrollment.retried']);
  });
});
