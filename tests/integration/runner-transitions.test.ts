import type { Db } from '@rumbo/db';
import { compareIds, createSplitter } from '@rumbo/flow';
import {
  applyClaimed,
  claimBatch,
  drainNode,
  enrollFromSegments,
  processNodeBatch,
} from '@rumbo/runner';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  createCampaign,
  expectCountsAddUp,
  fastForward,
  flow,
  nodeCounts,
  positions,
  publishAndLaunch,
  runUntilQuiet,
  seedLeads,
  seedWorkspace,
  staticList,
  transitionCounts,
} from './runner-fixtures.ts';

let t: TestDatabase;
let db: Db;
let pool: pg.Pool;

beforeAll(async () => {
  t = await createTestDatabase('runner-transitions');
  db = t.db;
  pool = t.pool;
});
afterAll(async () => {
  await t.close();
});

/** A workspace with `count` leads in one static list; returns ids for the entry. */
async function audience(count: number) {
  const workspaceId = await seedWorkspace(db);
  await seedLeads(pool, workspaceId, count);
  const listId = await staticList(pool, workspaceId);
  return { workspaceId, listId };
}

const entry = (listId: string) => ({
  id: 'in',
  type: 'entry',
  config: { sources: [{ kind: 'segment', segmentId: listId }] },
});

async function launch(workspaceId: string, document: ReturnType<typeof flow>) {
  const campaignId = await createCampaign(db, workspaceId, document);
  const version = await publishAndLaunch(db, campaignId);
  await enrollFromSegments(db, { campaignId, version });
  await expectCountsAddUp(pool, campaignId);
  return { campaignId, version };
}

describe('runner transitions', () => {
  it('auto moves at once and a delay parks the lead until its due time, then goal converts with value', async () => {
    const { workspaceId, listId } = await audience(20);
    const doc = flow(
      [
        entry(listId),
        { id: 'upd', type: 'update', config: { stage: 'opportunity' } },
        { id: 'won', type: 'goal', config: { value: 25 } },
      ],
      [
        { id: 'a', source: 'in', target: 'upd', trigger: { kind: 'auto' } },
        {
          id: 'd',
          source: 'upd',
          target: 'won',
          trigger: { kind: 'delay', amount: 2, unit: 'days' },
        },
      ],
    );
    const { campaignId, version } = await launch(workspaceId, doc);
    await runUntilQuiet(db, pool, campaignId, version);
    expect(Object.values(await positions(pool, campaignId))).toEqual(Array(20).fill('upd:waiting'));
    const { rows: due } = await pool.query<{ hours: number }>(
      `SELECT round(extract(epoch from (due_at - entered_node_at)) / 3600) AS hours FROM enrollments WHERE campaign_id = $1 LIMIT 1`,
      [campaignId],
    );
    expect(Number(due[0]?.hours)).toBe(48);
    const { rows: stages } = await pool.query(
      'SELECT DISTINCT stage FROM leads WHERE workspace_id = $1',
      [workspaceId],
    );
    expect(stages).toEqual([{ stage: 'opportunity' }]);
    await fastForward(pool, campaignId);
    await runUntilQuiet(db, pool, campaignId, version);
    expect(Object.values(await positions(pool, campaignId))).toEqual(
      Array(20).fill('won:converted'),
    );
    const counts = await nodeCounts(pool, campaignId);
    expect(Number(counts.won?.converted)).toBe(20);
    expect(Number(counts.won?.revenue)).toBe(500);
    expect(await transitionCounts(pool, campaignId)).toEqual({ a: 20, d: 20 });
    const { rows: steps } = await pool.query(
      `SELECT s.node_id, s.transition_id, s.version, s.attempt > 0 AS fenced, s.reason FROM steps s
       JOIN enrollments e ON e.id = s.enrollment_id WHERE e.lead_key = 'lead-1' AND e.campaign_id = $1 ORDER BY s.id`,
      [campaignId],
    );
    expect(steps).toEqual([
      { node_id: 'in', transition_id: 'a', version, fenced: true, reason: { kind: 'auto' } },
      {
        node_id: 'upd',
        transition_id: 'd',
        version,
        fenced: true,
        reason: { left: { kind: 'delay' } },
      },
      { node_id: 'won', transition_id: null, version, fenced: true, reason: { kind: 'goal' } },
    ]);
  });

  it('tries branch conditions in order through the SQL compiler, else takes the rest, exit ends', async () => {
    const { workspaceId, listId } = await audience(30);
    await pool.query(
      `UPDATE leads SET stage = 'customer' WHERE workspace_id = $1 AND (attributes->>'n')::int <= 10`,
      [workspaceId],
    );
    const doc = flow(
      [
        entry(listId),
        { id: 'br', type: 'branch' },
        { id: 'big', type: 'exit' },
        { id: 'cust', type: 'exit' },
        { id: 'rest', type: 'exit' },
      ],
      [
        { id: 'a', source: 'in', target: 'br', trigger: { kind: 'auto' } },
        {
          id: 'c1',
          source: 'br',
          target: 'cust',
          trigger: { kind: 'condition', order: 1, rule: { kind: 'stage', in: ['customer'] } },
        },
        {
          id: 'c0',
          source: 'br',
          target: 'big',
          trigger: {
            kind: 'condition',
            order: 0,
            rule: { kind: 'attribute', path: 'n', type: 'number', test: { op: 'gt', value: 25 } },
          },
        },
        { id: 'e', source: 'br', target: 'rest', trigger: { kind: 'else' } },
      ],
    );
    const { campaignId, version } = await launch(workspaceId, doc);
    await runUntilQuiet(db, pool, campaignId, version);
    const at = await positions(pool, campaignId);
    expect(at['lead-26']).toBe('big:exited');
    expect(at['lead-5']).toBe('cust:exited');
    expect(at['lead-15']).toBe('rest:exited');
    expect(await transitionCounts(pool, campaignId)).toEqual({ a: 30, c0: 5, c1: 10, e: 15 });
  });

  it('puts each lead on the split branch of the shared hash, as the simulator does', async () => {
    const { workspaceId, listId } = await audience(200);
    const doc = flow(
      [
        entry(listId),
        { id: 'sp', type: 'split' },
        { id: 'x', type: 'exit' },
        { id: 'y', type: 'exit' },
      ],
      [
        { id: 'a', source: 'in', target: 'sp', trigger: { kind: 'auto' } },
        { id: 'sB', source: 'sp', target: 'y', trigger: { kind: 'split', weight: 40 } },
        { id: 'sA', source: 'sp', target: 'x', trigger: { kind: 'split', weight: 60 } },
      ],
      { seed: 'ab-seed' },
    );
    const { campaignId, version } = await launch(workspaceId, doc);
    await runUntilQuiet(db, pool, campaignId, version);
    const at = await positions(pool, campaignId);
    const ids = ['sA', 'sB'].sort(compareIds);
    const targets: Record<string, string> = { sA: 'x', sB: 'y' };
    const split = createSplitter({ nodeId: 'sp', seed: 'ab-seed', weights: [60, 40] });
    for (let i = 1; i <= 200; i++) {
      const chosen = ids[split(`lead-${i}`)] ?? '';
      expect(at[`lead-${i}`]).toBe(`${targets[chosen]}:exited`);
    }
  });

  it('holds leads at a wait node until waitUntil, then moves them on', async () => {
    const { workspaceId, listId } = await audience(5);
    const doc = flow(
      [
        entry(listId),
        {
          id: 'w',
          type: 'wait',
          config: { mode: 'duration', duration: { amount: 3, unit: 'hours' } },
        },
        { id: 'x', type: 'exit' },
      ],
      [
        { id: 'a', source: 'in', target: 'w', trigger: { kind: 'auto' } },
        { id: 'b', source: 'w', target: 'x', trigger: { kind: 'auto' } },
      ],
    );
    const { campaignId, version } = await launch(workspaceId, doc);
    await runUntilQuiet(db, pool, campaignId, version);
    expect(Object.values(await positions(pool, campaignId))).toEqual(Array(5).fill('w:waiting'));
    const { rows } = await pool.query<{ minutes: string }>(
      `SELECT round(extract(epoch from (due_at - entered_node_at)) / 60) AS minutes FROM enrollments WHERE campaign_id = $1`,
      [campaignId],
    );
    expect(rows.map((r) => Number(r.minutes))).toEqual(Array(5).fill(180));
    await fastForward(pool, campaignId);
    await runUntilQuiet(db, pool, campaignId, version);
    expect(Object.values(await positions(pool, campaignId))).toEqual(Array(5).fill('x:exited'));
  });

  it('takes the timeout of a message node when no signal came, and records the send in the outbox', async () => {
    const { workspaceId, listId } = await audience(4);
    const doc = flow(
      [
        entry(listId),
        {
          id: 'mail',
          type: 'email',
          config: { subject: 'Hola {{ lead.name }}', body: '<p>{{ lead.n }}</p>' },
        },
        { id: 'yes', type: 'exit' },
        { id: 'no', type: 'exit' },
      ],
      [
        { id: 'a', source: 'in', target: 'mail', trigger: { kind: 'auto' } },
        { id: 'o', source: 'mail', target: 'yes', trigger: { kind: 'signal', signal: 'opened' } },
        {
          id: 't',
          source: 'mail',
          target: 'no',
          trigger: { kind: 'timeout', amount: 5, unit: 'days' },
        },
      ],
    );
    const { campaignId, version } = await launch(workspaceId, doc);
    await runUntilQuiet(db, pool, campaignId, version);
    expect(Object.values(await positions(pool, campaignId))).toEqual(Array(4).fill('mail:waiting'));
    const { rows: outbox } = await pool.query(
      `SELECT recipient, subject, payload->>'html' AS html, idempotency_key FROM outbox_messages WHERE campaign_id = $1 ORDER BY recipient`,
      [campaignId],
    );
    expect(outbox).toHaveLength(4);
    expect(outbox[0]).toMatchObject({
      recipient: 'lead1@example.com',
      subject: 'Hola Lead 1',
      html: '<p>1</p>',
    });
    await fastForward(pool, campaignId);
    await runUntilQuiet(db, pool, campaignId, version);
    expect(Object.values(await positions(pool, campaignId))).toEqual(Array(4).fill('no:exited'));
    expect(Number((await nodeCounts(pool, campaignId)).mail?.acted)).toBe(4);
  });

  it('fails a journey that loops without waiting once it spends its step budget', async () => {
    const { workspaceId, listId } = await audience(3);
    const doc = flow(
      [
        entry(listId),
        { id: 'u1', type: 'update', config: { addTags: ['a'] } },
        { id: 'u2', type: 'update', config: { addTags: ['b'] } },
      ],
      [
        { id: 'a', source: 'in', target: 'u1', trigger: { kind: 'auto' } },
        { id: 'b', source: 'u1', target: 'u2', trigger: { kind: 'auto' } },
        {
          id: 'c',
          source: 'u2',
          target: 'u1',
          trigger: { kind: 'delay', amount: 1, unit: 'minutes' },
        },
      ],
    );
    const { campaignId, version } = await launch(workspaceId, doc);
    for (let round = 0; round < 12; round++) {
      for (const nodeId of ['in', 'u1', 'u2']) {
        await drainNode(db, { campaignId, version, nodeId }, { stepBudget: 7 });
      }
      await fastForward(pool, campaignId);
      await expectCountsAddUp(pool, campaignId);
    }
    const { rows } = await pool.query(
      'SELECT DISTINCT status, error, step_count FROM enrollments WHERE campaign_id = $1',
      [campaignId],
    );
    // Seven visits ran; the eighth is recorded as the failed step that stopped the loop.
    expect(rows).toEqual([{ status: 'failed', error: 'step_budget_exceeded', step_count: 8 }]);
    const counts = await nodeCounts(pool, campaignId);
    expect(Number(counts.u1?.failed ?? 0) + Number(counts.u2?.failed ?? 0)).toBe(3);
  });
});

describe('fencing', () => {
  it('a handler holding a stale attempt commits nothing; the newer claim moves the lead once', async () => {
    const { workspaceId, listId } = await audience(10);
    const doc = flow(
      [entry(listId), { id: 'x', type: 'exit' }],
      [{ id: 'a', source: 'in', target: 'x', trigger: { kind: 'auto' } }],
    );
    const { campaignId, version } = await launch(workspaceId, doc);
    const scope = { campaignId, version, nodeId: 'in' };
    const first = await db.transaction((tx) => claimBatch(tx, scope, 100));
    // The first handler is presumed dead; another claims the same rows again.
    const second = await db.transaction((tx) => claimBatch(tx, scope, 100));
    expect(second.map((c) => c.attempt)).toEqual(first.map((c) => c.attempt + 1));
    const stale = await db.transaction((tx) => applyClaimed(tx, scope, first));
    expect(stale).toMatchObject({ applied: 0, stale: 10 });
    const fresh = await db.transaction((tx) => applyClaimed(tx, scope, second));
    expect(fresh).toMatchObject({ applied: 10, stale: 0 });
    expect(await processNodeBatch(db, scope)).toMatchObject({ claimed: 0 });
    expect(await transitionCounts(pool, campaignId)).toEqual({ a: 10 });
    await expectCountsAddUp(pool, campaignId);
  });
});
