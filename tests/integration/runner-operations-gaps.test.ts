import type { Db } from '@rumbo/db';
import {
  changeCampaignStatus,
  enrollFromSegments,
  ingestSignals,
  refreshAfterBulkEnrollment,
  removeEnrollment,
} from '@rumbo/runner';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  createCampaign,
  expectCountsAddUp,
  fastForward,
  flow,
  positions,
  publishAndLaunch,
  runUntilQuiet,
  seedLeads,
  seedWorkspace,
  staticList,
} from './runner-fixtures.ts';

// Journeys that leave by an unusual road: signals held by a pause, calls left behind by a
// timeout, a removal or a stop, and steps that fell due long ago (after an outage).

let t: TestDatabase;
let db: Db;
let pool: pg.Pool;

beforeAll(async () => {
  t = await createTestDatabase('runner-operations-gaps');
  db = t.db;
  pool = t.pool;
});
afterAll(async () => {
  await t.close();
});

type Action = {
  id: string;
  type: string;
  config?: Record<string, unknown>;
  stalePolicy?: Record<string, unknown>;
};

/** entry → `action` → `done` on `signal`, or `late` after a 1-day timeout; `count` leads. */
async function campaign(action: Action, count: number, settings: Record<string, unknown> = {}) {
  const workspaceId = await seedWorkspace(db);
  await seedLeads(pool, workspaceId, count);
  const listId = await staticList(pool, workspaceId);
  const signal = action.type === 'call' ? 'objective_achieved' : 'opened';
  const document = flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      action,
      { id: 'done', type: 'exit' },
      { id: 'late', type: 'exit' },
    ],
    [
      { id: 'a', source: 'in', target: action.id, trigger: { kind: 'auto' } },
      { id: 's', source: action.id, target: 'done', trigger: { kind: 'signal', signal } },
      {
        id: 't',
        source: action.id,
        target: 'late',
        trigger: { kind: 'timeout', amount: 1, unit: 'days' },
      },
    ],
    settings,
  );
  const campaignId = await createCampaign(db, workspaceId, document);
  const version = await publishAndLaunch(db, campaignId);
  await enrollFromSegments(db, { campaignId, version });
  await runUntilQuiet(db, pool, campaignId, version);
  return { workspaceId, campaignId, version };
}

const mail: Action = { id: 'mail', type: 'email', config: { subject: 'Hola', body: 'x' } };
const call: Action = { id: 'call', type: 'call', config: { script: 'Llamar', priority: 'high' } };

async function callTasks(campaignId: string): Promise<Record<string, string>> {
  const { rows } = await pool.query<{ external_key: string; status: string; closed: boolean }>(
    `SELECT l.external_key, t.status, t.closed_at IS NOT NULL AS closed FROM call_tasks t
     JOIN leads l ON l.id = t.lead_id WHERE t.campaign_id = $1`,
    [campaignId],
  );
  return Object.fromEntries(rows.map((r) => [r.external_key, `${r.status}:${r.closed}`]));
}

describe('signals during a pause', () => {
  it('stores them while paused and moves their leads when the campaign resumes', async () => {
    const { workspaceId, campaignId, version } = await campaign(mail, 3);
    await changeCampaignStatus(db, { campaignId, command: 'pause', actor: 'user:ops' });
    const occurredAt = new Date().toISOString();
    const held = await ingestSignals(db, {
      workspaceId,
      signals: [
        { leadKey: 'lead-1', name: 'opened', occurredAt },
        { leadKey: 'lead-2', name: 'unrelated', occurredAt },
      ],
    });
    expect(held).toMatchObject({ stored: 2, moved: 0 });
    expect(await positions(pool, campaignId)).toMatchObject({ 'lead-1': 'mail:waiting' });

    await changeCampaignStatus(db, { campaignId, command: 'resume', actor: 'user:ops' });
    expect(await positions(pool, campaignId)).toEqual({
      'lead-1': 'done:active',
      'lead-2': 'mail:waiting',
      'lead-3': 'mail:waiting',
    });
    await runUntilQuiet(db, pool, campaignId, version);
    expect((await positions(pool, campaignId))['lead-1']).toBe('done:exited');
    await expectCountsAddUp(pool, campaignId);
    const { rows } = await pool.query<{ data: { movedBySignals?: number } }>(
      `SELECT data FROM audit_log WHERE subject = $1 AND action = 'campaign.resumed'`,
      [`campaign:${campaignId}`],
    );
    expect(rows[0]?.data.movedBySignals).toBe(1);
  });

  it('lets the timeout win over a held signal that happened after the timeout fell due', async () => {
    const { workspaceId, campaignId, version } = await campaign(mail, 1);
    await changeCampaignStatus(db, { campaignId, command: 'pause', actor: 'user:ops' });
    await pool.query(
      `UPDATE enrollments SET due_at = now() - interval '1 hour' WHERE campaign_id = $1`,
      [campaignId],
    );
    const occurredAt = new Date().toISOString();
    await ingestSignals(db, {
      workspaceId,
      signals: [{ leadKey: 'lead-1', name: 'opened', occurredAt }],
    });
    await changeCampaignStatus(db, { campaignId, command: 'resume', actor: 'user:ops' });
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await positions(pool, campaignId)).toEqual({ 'lead-1': 'late:exited' });
  });
});

describe('call tasks follow their lead', () => {
  it('closes the open call of a lead that times out, in the move', async () => {
    const { campaignId, version } = await campaign(call, 2);
    expect(await callTasks(campaignId)).toEqual({ 'lead-1': 'open:false', 'lead-2': 'open:false' });
    await pool.query(
      `UPDATE enrollments SET due_at = now() WHERE campaign_id = $1 AND lead_key = 'lead-1'`,
      [campaignId],
    );
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await positions(pool, campaignId)).toEqual({
      'lead-1': 'late:exited',
      'lead-2': 'call:waiting',
    });
    expect(await callTasks(campaignId)).toEqual({
      'lead-1': 'closed:true',
      'lead-2': 'open:false',
    });
  });

  it('closes the call of a removed lead, and every open call when the campaign stops', async () => {
    const { campaignId } = await campaign(call, 3);
    const { rows } = await pool.query<{ id: string }>(
      `SELECT id FROM enrollments WHERE campaign_id = $1 AND lead_key = 'lead-2'`,
      [campaignId],
    );
    await removeEnrollment(db, { enrollmentId: rows[0]?.id ?? '', actor: 'user:ops' });
    expect(await callTasks(campaignId)).toEqual({
      'lead-1': 'open:false',
      'lead-2': 'closed:true',
      'lead-3': 'open:false',
    });
    await changeCampaignStatus(db, { campaignId, command: 'stop', actor: 'user:ops' });
    expect(Object.values(await callTasks(campaignId))).toEqual([
      'closed:true',
      'closed:true',
      'closed:true',
    ]);
  });
});

/** entry → delay 1 hour → email → timeout: the email arrival is what falls due late. */
async function delayedMail(count: number, settings: Record<string, unknown>, mailNode = mail) {
  const workspaceId = await seedWorkspace(db);
  await seedLeads(pool, workspaceId, count);
  const listId = await staticList(pool, workspaceId);
  const document = flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      mailNode,
      { id: 'late', type: 'exit' },
    ],
    [
      {
        id: 'a',
        source: 'in',
        target: 'mail',
        trigger: { kind: 'delay', amount: 1, unit: 'hours' },
      },
      {
        id: 't',
        source: 'mail',
        target: 'late',
        trigger: { kind: 'timeout', amount: 1, unit: 'days' },
      },
    ],
    settings,
  );
  const campaignId = await createCampaign(db, workspaceId, document);
  const version = await publishAndLaunch(db, campaignId);
  await enrollFromSegments(db, { campaignId, version });
  await runUntilQuiet(db, pool, campaignId, version);
  return { campaignId, version };
}

async function mailSteps(campaignId: string) {
  const { rows } = await pool.query<{ outcome: string; stale: string | null; sent: boolean }>(
    `SELECT s.outcome, s.reason->'stale'->>'action' AS stale,
            EXISTS (SELECT 1 FROM outbox_messages o WHERE o.step_id = s.id) AS sent
     FROM steps s WHERE s.campaign_id = $1 AND s.node_id = 'mail' ORDER BY s.id`,
    [campaignId],
  );
  return rows;
}

/** Makes lead-1's due time `lateLead` ago and every other lead's `others` ago, as after an outage. */
async function dueAgo(campaignId: string, lateLead: string, others: string) {
  await pool.query(
    `UPDATE enrollments SET due_at = now() - CASE lead_key WHEN 'lead-1' THEN $2::interval
                                                          ELSE $3::interval END
     WHERE campaign_id = $1`,
    [campaignId, lateLead, others],
  );
}

describe('stale-step policy after an outage', () => {
  it('skips a send whose delay fell due two days ago, logs why, and the lead still moves on', async () => {
    const policy = { action: 'skip', after: { amount: 6, unit: 'hours' } };
    const { campaignId, version } = await delayedMail(2, { stalePolicy: policy });
    // Both wait at the entry's 1-hour delay; lead-1's fell due 2 days ago, lead-2's just now.
    await dueAgo(campaignId, '2 days', '1 second');
    await runUntilQuiet(db, pool, campaignId, version);
    const steps = await mailSteps(campaignId);
    expect(steps).toContainEqual({ outcome: 'skipped', stale: 'skip', sent: false });
    expect(steps).toContainEqual({ outcome: 'sent', stale: null, sent: true });
    const { rows } = await pool.query<{ reason: { stale: { overdueMs: number } } }>(
      `SELECT reason FROM steps WHERE campaign_id = $1 AND node_id = 'mail' AND outcome = 'skipped'`,
      [campaignId],
    );
    expect(rows[0]?.reason.stale.overdueMs).toBeGreaterThan(47 * 3_600_000);
    expect(new Set(Object.values(await positions(pool, campaignId)))).toEqual(
      new Set(['mail:waiting']),
    );
    await fastForward(pool, campaignId);
    await runUntilQuiet(db, pool, campaignId, version);
    await expectCountsAddUp(pool, campaignId);
  });

  it('sends a late step under the default policy and records how late it was', async () => {
    const { campaignId, version } = await delayedMail(1, {});
    // The entry's 1-hour delay fell due 30 hours ago, as if the runner had been down since.
    await pool.query(
      `UPDATE enrollments SET due_at = now() - interval '30 hours' WHERE campaign_id = $1`,
      [campaignId],
    );
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await mailSteps(campaignId)).toEqual([{ outcome: 'sent', stale: 'send', sent: true }]);
  });

  it('sends late when the document says send, past its own tolerance, and not before it', async () => {
    const policy = { action: 'send', after: { amount: 2, unit: 'hours' } };
    const { campaignId, version } = await delayedMail(2, { stalePolicy: policy });
    await dueAgo(campaignId, '3 hours', '1 hour');
    await runUntilQuiet(db, pool, campaignId, version);
    const steps = await mailSteps(campaignId);
    expect(steps).toHaveLength(2);
    expect(steps).toContainEqual({ outcome: 'sent', stale: 'send', sent: true });
    expect(steps).toContainEqual({ outcome: 'sent', stale: null, sent: true });
  });
});

describe("a node's own stale policy", () => {
  it("skips at the node that says skip while the campaign's policy says send", async () => {
    const campaignPolicy = { action: 'send', after: { amount: 1, unit: 'days' } };
    const nodePolicy = { action: 'skip', after: { amount: 6, unit: 'hours' } };
    const { campaignId, version } = await delayedMail(
      2,
      { stalePolicy: campaignPolicy },
      { ...mail, stalePolicy: nodePolicy },
    );
    // 10 hours late: within the campaign's day, past the node's 6 hours.
    await dueAgo(campaignId, '10 hours', '1 second');
    await runUntilQuiet(db, pool, campaignId, version);
    const steps = await mailSteps(campaignId);
    expect(steps).toHaveLength(2);
    expect(steps).toContainEqual({ outcome: 'skipped', stale: 'skip', sent: false });
    expect(steps).toContainEqual({ outcome: 'sent', stale: null, sent: true });
  });

  it("sends at a node without a policy of its own, under the campaign's", async () => {
    const campaignPolicy = { action: 'send', after: { amount: 1, unit: 'days' } };
    const { campaignId, version } = await delayedMail(1, { stalePolicy: campaignPolicy });
    await pool.query(
      `UPDATE enrollments SET due_at = now() - interval '10 hours' WHERE campaign_id = $1`,
      [campaignId],
    );
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await mailSteps(campaignId)).toEqual([{ outcome: 'sent', stale: null, sent: true }]);
  });
});

describe('planner statistics after a bulk enrollment', () => {
  it('analyzes the enrollments once 10,000 or more arrive at once, not for a handful', async () => {
    const { campaignId } = await campaign(mail, 3);
    expect(await refreshAfterBulkEnrollment(db, 3)).toBe(false);
    const workspaceId = await seedWorkspace(db);
    await seedLeads(pool, workspaceId, 12_000, 'bulk');
    await pool.query(
      `INSERT INTO enrollments (workspace_id, campaign_id, version, lead_id, lead_key, node_id, status)
       SELECT $1, $2, 1, id, external_key, 'late', 'exited' FROM leads WHERE workspace_id = $1`,
      [workspaceId, campaignId],
    );
    expect(await refreshAfterBulkEnrollment(db, 12_000)).toBe(true);
    const { rows } = await pool.query<{ reltuples: number }>(
      `SELECT reltuples FROM pg_class WHERE relname = 'enrollments'`,
    );
    expect(rows[0]?.reltuples).toBeGreaterThanOrEqual(12_000);
  });
});
