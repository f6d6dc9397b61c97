import type { Db } from '@rumbo/db';
import { simulate } from '@rumbo/flow';
import { readContactPolicies } from '@rumbo/flow/policy';
import { enrollFromSegments, loadLeads } from '@rumbo/runner';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { zoneAtLocalHour } from '../support/time-zones.ts';
import {
  createCampaign,
  flow,
  publishAndLaunch,
  runUntilQuiet,
  seedLeads,
  seedWorkspace,
  staticList,
} from './runner-fixtures.ts';

/**
 * The runner and the simulator apply the workspace's quiet hours alike (DESIGN §6: "policies
 * apply as in the runner"): the lead for whom it is night has its email held until the same
 * instant, the other is sent at once.
 */

let t: TestDatabase;
let db: Db;
let pool: pg.Pool;

beforeAll(async () => {
  t = await createTestDatabase('runner-simulator-policies');
  db = t.db;
  pool = t.pool;
});
afterAll(async () => {
  await t.close();
});

describe('runner and simulator agree under quiet hours', () => {
  it('holds the same lead’s email until the same instant and sends the other’s at once', async () => {
    const workspaceId = await seedWorkspace(db);
    const settings = {
      policies: { quietHours: [{ start: '21:00', end: '09:00', channels: ['email'] }] },
    };
    await pool.query('UPDATE workspaces SET settings = $2::jsonb WHERE id = $1', [
      workspaceId,
      JSON.stringify(settings),
    ]);
    await seedLeads(pool, workspaceId, 2);
    await pool.query(
      `UPDATE leads SET time_zone = CASE external_key WHEN 'lead-1' THEN $2 ELSE $3 END WHERE workspace_id = $1`,
      [workspaceId, zoneAtLocalHour(23), zoneAtLocalHour(12)],
    );
    const listId = await staticList(pool, workspaceId);
    const document = flow(
      [
        { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
        { id: 'msg', type: 'email', config: { subject: 'Hola', body: '<p>Hola</p>' } },
        { id: 'x', type: 'exit' },
      ],
      [
        { id: 'a', source: 'in', target: 'msg', trigger: { kind: 'auto' } },
        {
          id: 't',
          source: 'msg',
          target: 'x',
          trigger: { kind: 'timeout', amount: 1, unit: 'days' },
        },
      ],
    );
    const campaignId = await createCampaign(db, workspaceId, document);
    const version = await publishAndLaunch(db, campaignId);
    await enrollFromSegments(db, { campaignId, version });
    await runUntilQuiet(db, pool, campaignId, version);

    const { rows } = await pool.query<{
      lead_key: string;
      outcome: string;
      entered_ms: number;
      reason: { policy?: { until?: string } } | null;
    }>(
      `SELECT e.lead_key, s.outcome, s.reason,
              (extract(epoch from s.entered_at) * 1000)::float8 AS entered_ms
       FROM steps s JOIN enrollments e ON e.id = s.enrollment_id
       WHERE s.campaign_id = $1 AND s.node_id = 'msg' ORDER BY e.lead_key, s.id`,
      [campaignId],
    );
    expect(rows.map((r) => [r.lead_key, r.outcome])).toEqual([
      ['lead-1', 'deferred'],
      ['lead-2', 'sent'],
    ]);
    const runnerUntil = Date.parse(rows[0]?.reason?.policy?.until ?? '');

    const { rows: ids } = await pool.query<{ id: string }>(
      'SELECT id FROM leads WHERE workspace_id = $1',
      [workspaceId],
    );
    const records = await loadLeads(
      db,
      ids.map((r) => r.id),
      { lock: false },
    );
    const { result } = simulate({
      flow: document,
      leads: [...records.values()].map((r) => r.snapshot),
      options: {
        seed: 'agree',
        start: Math.round(rows[0]?.entered_ms ?? 0),
        horizonDays: 3,
        traceLeads: 2,
      },
      policies: readContactPolicies(settings).policies,
    });
    const journey = (key: string) => result?.journeys.find((j) => j.leadKey === key)?.steps ?? [];
    const held = journey('lead-1').find((s) => s.nodeId === 'msg' && !s.acted);
    expect(held?.reason).toEqual({ kind: 'policyDeferred', code: 'quiet_hours' });
    expect(held?.leftAt).toBe(runnerUntil);
    expect(journey('lead-1').find((s) => s.nodeId === 'msg' && s.acted)?.enteredAt).toBe(
      runnerUntil,
    );
    expect(journey('lead-2').find((s) => s.nodeId === 'msg')?.acted).toBe(true);
    expect(result?.policies?.deferredQuietHours).toBe(1);
  });
});
