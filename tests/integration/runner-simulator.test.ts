import type { Db } from '@rumbo/db';
import { simulate } from '@rumbo/flow';
import { enrollFromSegments, loadLeads } from '@rumbo/runner';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  createCampaign,
  fastForward,
  flow,
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
  t = await createTestDatabase('runner-simulator');
  db = t.db;
  pool = t.pool;
});
afterAll(async () => {
  await t.close();
});

describe('runner and simulator agree', () => {
  it('walks every lead down the same path the simulator traces for it', async () => {
    const workspaceId = await seedWorkspace(db);
    await seedLeads(pool, workspaceId, 300);
    await pool.query(
      `UPDATE leads SET stage = 'customer' WHERE workspace_id = $1 AND (attributes->>'n')::int % 4 = 0`,
      [workspaceId],
    );
    const listId = await staticList(pool, workspaceId);
    const document = flow(
      [
        { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
        { id: 'tag', type: 'update', config: { addTags: ['vip'], setAttributes: { seen: true } } },
        { id: 'br', type: 'branch' },
        { id: 'sp', type: 'split' },
        {
          id: 'wait',
          type: 'wait',
          config: { mode: 'duration', duration: { amount: 2, unit: 'days' } },
        },
        { id: 'won', type: 'goal', config: { value: 5 } },
        { id: 'lost', type: 'exit' },
      ],
      [
        {
          id: 'a',
          source: 'in',
          target: 'tag',
          trigger: { kind: 'delay', amount: 1, unit: 'hours' },
        },
        { id: 'b', source: 'tag', target: 'br', trigger: { kind: 'auto' } },
        {
          id: 'c1',
          source: 'br',
          target: 'won',
          trigger: { kind: 'condition', order: 0, rule: { kind: 'stage', in: ['customer'] } },
        },
        {
          id: 'c2',
          source: 'br',
          target: 'wait',
          trigger: {
            kind: 'condition',
            order: 1,
            rule: { kind: 'attribute', path: 'n', type: 'number', test: { op: 'lt', value: 60 } },
          },
        },
        { id: 'e', source: 'br', target: 'sp', trigger: { kind: 'else' } },
        { id: 'w', source: 'wait', target: 'sp', trigger: { kind: 'auto' } },
        { id: 's1', source: 'sp', target: 'won', trigger: { kind: 'split', weight: 30 } },
        { id: 's2', source: 'sp', target: 'lost', trigger: { kind: 'split', weight: 70 } },
      ],
      { seed: 'agree' },
    );
    const campaignId = await createCampaign(db, workspaceId, document);
    const version = await publishAndLaunch(db, campaignId);
    const { rows: ids } = await pool.query<{ id: string }>(
      'SELECT id FROM leads WHERE workspace_id = $1',
      [workspaceId],
    );
    const records = await loadLeads(
      db,
      ids.map((r) => r.id),
      { lock: false },
    );
    const snapshots = [...records.values()].map((r) => r.snapshot);
    const { result, issues } = simulate({
      flow: document,
      leads: snapshots,
      options: { seed: 'agree', start: Date.now(), horizonDays: 30, traceLeads: 300 },
    });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);

    await enrollFromSegments(db, { campaignId, version });
    for (let round = 0; round < 4; round++) {
      await runUntilQuiet(db, pool, campaignId, version);
      await fastForward(pool, campaignId);
    }
    const { rows } = await pool.query<{ lead_key: string; path: string[] }>(
      `SELECT e.lead_key, array_agg(s.node_id || '>' || coalesce(s.transition_id, '') ORDER BY s.id) AS path
       FROM steps s JOIN enrollments e ON e.id = s.enrollment_id WHERE e.campaign_id = $1 GROUP BY 1`,
      [campaignId],
    );
    const runner = Object.fromEntries(rows.map((r) => [r.lead_key, r.path]));
    const simulated = Object.fromEntries(
      (result?.journeys ?? []).map((j) => [
        j.leadKey,
        j.steps.map((s) => `${s.nodeId}>${s.transitionId ?? ''}`),
      ]),
    );
    expect(Object.keys(simulated)).toHaveLength(300);
    // Every route of the flow is walked: condition 1, condition 2 + wait, else, both split arms.
    expect(new Set(Object.values(runner).map((path) => path.join(' '))).size).toBe(5);
    expect(runner).toEqual(simulated);
  });
});
