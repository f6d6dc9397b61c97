import type { Db } from '@rumbo/db';
import {
  createSmsAdapter,
  drainNode,
  enrollFromSegments,
  sendPendingMessages,
} from '@rumbo/runner';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { zoneAtLocalHour } from '../support/time-zones.ts';
import { LoopbackTarget } from './runner-channels-target.ts';
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
} from './runner-fixtures.ts';

let t: TestDatabase;
let db: Db;
let pool: pg.Pool;

beforeAll(async () => {
  t = await createTestDatabase('runner-policies');
  db = t.db;
  pool = t.pool;
});
afterAll(async () => {
  await t.close();
});

async function workspaceWith(policies: unknown, count: number) {
  const workspaceId = await seedWorkspace(db);
  await pool.query('UPDATE workspaces SET settings = $2::jsonb WHERE id = $1', [
    workspaceId,
    JSON.stringify({ policies }),
  ]);
  await seedLeads(pool, workspaceId, count);
  const listId = await staticList(pool, workspaceId);
  return { workspaceId, listId };
}

const MAIL = { subject: 'Hola {{ lead.name }}', body: '<p>Hola</p>' };

/** Entry → one message node (cost 0.05) → exit after a day. */
async function launch(
  listId: string,
  workspaceId: string,
  node: { type: string; config: Record<string, unknown> },
  settings: Record<string, unknown> = {},
) {
  const document = flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      { id: 'msg', cost: 0.05, ...node },
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
    settings,
  );
  const campaignId = await createCampaign(db, workspaceId, document);
  const version = await publishAndLaunch(db, campaignId);
  await enrollFromSegments(db, { campaignId, version });
  await runUntilQuiet(db, pool, campaignId, version);
  await expectCountsAddUp(pool, campaignId);
  return { campaignId, version };
}

async function stepsAt(campaignId: string) {
  const { rows } = await pool.query<{
    lead_key: string;
    outcome: string;
    reason: { eligibility?: string; policy?: Record<string, unknown> } | null;
    left: boolean;
  }>(
    `SELECT e.lead_key, s.outcome, s.reason, s.left_at IS NOT NULL AS left FROM steps s
     JOIN enrollments e ON e.id = s.enrollment_id
     WHERE s.campaign_id = $1 AND s.node_id = 'msg' ORDER BY e.lead_key, s.id`,
    [campaignId],
  );
  return rows;
}

async function sentTo(campaignId: string): Promise<string[]> {
  const { rows } = await pool.query<{ key: string }>(
    `SELECT l.external_key AS key FROM outbox_messages o JOIN leads l ON l.id = o.lead_id
     WHERE o.campaign_id = $1 ORDER BY 1`,
    [campaignId],
  );
  return rows.map((r) => r.key);
}

describe('quiet hours in the lead’s time zone', () => {
  it('defers a send due at night where the lead lives until 09:00 there, and sends by day', async () => {
    const night = zoneAtLocalHour(23);
    const day = zoneAtLocalHour(12);
    const { workspaceId, listId } = await workspaceWith(
      { quietHours: [{ start: '21:00', end: '09:00', channels: ['email', 'sms'] }] },
      2,
    );
    await pool.query(
      `UPDATE leads SET time_zone = CASE external_key WHEN 'lead-1' THEN $2 ELSE $3 END WHERE workspace_id = $1`,
      [workspaceId, night, day],
    );
    const { campaignId, version } = await launch(listId, workspaceId, {
      type: 'email',
      config: MAIL,
    });
    expect(await sentTo(campaignId)).toEqual(['lead-2']);
    const steps = await stepsAt(campaignId);
    expect(steps.map((s) => [s.lead_key, s.outcome, s.left])).toEqual([
      ['lead-1', 'deferred', true],
      ['lead-2', 'sent', false],
    ]);
    expect(steps[0]?.reason?.policy).toMatchObject({ code: 'quiet_hours', timeZone: night });
    const { rows } = await pool.query<{ status: string; local: string; until: string }>(
      `SELECT status, to_char(due_at AT TIME ZONE $2, 'HH24:MI') AS local,
              to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS until
       FROM enrollments WHERE campaign_id = $1 AND lead_key = 'lead-1'`,
      [campaignId, night],
    );
    expect(rows[0]).toMatchObject({ status: 'active', local: '09:00' });
    expect(steps[0]?.reason?.policy?.until).toBe(rows[0]?.until);
    expect((await positions(pool, campaignId))['lead-1']).toBe('msg:active');

    // Due again while it is still night there: deferred again, never dropped, nothing sent.
    await fastForward(pool, campaignId);
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await sentTo(campaignId)).toEqual(['lead-2']);
    // The window opens (here: the workspace narrows its quiet hours): the next pass sends.
    await pool.query(
      `UPDATE workspaces SET settings = '{"policies": {"quietHours": []}}'::jsonb WHERE id = $1`,
      [workspaceId],
    );
    await pool.query(
      `UPDATE enrollments SET due_at = now() WHERE campaign_id = $1 AND lead_key = 'lead-1'`,
      [campaignId],
    );
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await sentTo(campaignId)).toEqual(['lead-1', 'lead-2']);
    const after = await stepsAt(campaignId);
    expect(after.filter((s) => s.lead_key === 'lead-1').map((s) => s.outcome)).toEqual([
      'deferred',
      'deferred',
      'sent',
    ]);
    expect(Number((await nodeCounts(pool, campaignId)).msg?.acted)).toBe(2);
    await expectCountsAddUp(pool, campaignId);
  });
});

describe('quiet hours at send time', () => {
  it('holds an SMS that waited in the outbox until the night is over where its lead lives', async () => {
    const gateway = new LoopbackTarget();
    await gateway.start();
    try {
      const night = zoneAtLocalHour(2);
      const day = zoneAtLocalHour(15);
      // The step ran before the workspace set quiet hours; the message waited (gateway down).
      const { workspaceId, listId } = await workspaceWith({}, 2);
      await pool.query(
        `UPDATE leads SET time_zone = CASE external_key WHEN 'lead-1' THEN $2 ELSE $3 END WHERE workspace_id = $1`,
        [workspaceId, night, day],
      );
      const { campaignId } = await launch(listId, workspaceId, {
        type: 'sms',
        config: { text: 'Hola {{ lead.name }}' },
      });
      await pool.query(
        `UPDATE workspaces SET settings = '{"policies": {"quietHours": [{"start": "22:00", "end": "08:30"}]}}'::jsonb
         WHERE id = $1`,
        [workspaceId],
      );
      const result = await sendPendingMessages(db, {
        adapters: { sms: createSmsAdapter(gateway.url('/sms')) },
        channels: ['sms'],
      });
      expect(result).toMatchObject({ sent: 1, deferred: 1 });
      expect(gateway.at('/sms').requests.map((r) => JSON.parse(r.body).to)).toEqual([
        '+34600000002',
      ]);
      const { rows } = await pool.query<{
        key: string;
        status: string;
        error: string | null;
        local: string | null;
      }>(
        `SELECT l.external_key AS key, o.status, o.error,
                to_char(o.next_attempt_at AT TIME ZONE l.time_zone, 'HH24:MI') AS local
         FROM outbox_messages o JOIN leads l ON l.id = o.lead_id WHERE o.campaign_id = $1 ORDER BY 1`,
        [campaignId],
      );
      expect(rows).toEqual([
        { key: 'lead-1', status: 'pending', error: 'quiet_hours', local: '08:30' },
        { key: 'lead-2', status: 'sent', error: null, local: null },
      ]);
      // Not due before the window ends: a second pass sends nothing.
      const again = await sendPendingMessages(db, {
        adapters: { sms: createSmsAdapter(gateway.url('/sms')) },
        channels: ['sms'],
      });
      expect(again).toMatchObject({ sent: 0, deferred: 0 });
      expect(gateway.at('/sms').requests).toHaveLength(1);
    } finally {
      await gateway.stop();
    }
  });
});

describe('contact pressure across campaigns', () => {
  it('defers a second campaign’s SMS until the first campaign’s email leaves the period', async () => {
    const { workspaceId, listId } = await workspaceWith(
      { pressure: [{ max: 1, period: { amount: 7, unit: 'days' }, onLimit: 'defer' }] },
      2,
    );
    const first = await launch(listId, workspaceId, { type: 'email', config: MAIL });
    expect(await sentTo(first.campaignId)).toEqual(['lead-1', 'lead-2']);
    const second = await launch(
      listId,
      workspaceId,
      { type: 'sms', config: { text: 'Hola {{ lead.name }}' } },
      { code: 'RT2' },
    );
    expect(await sentTo(second.campaignId)).toEqual([]);
    const steps = await stepsAt(second.campaignId);
    expect(steps.map((s) => [s.lead_key, s.outcome])).toEqual([
      ['lead-1', 'deferred'],
      ['lead-2', 'deferred'],
    ]);
    expect(steps[0]?.reason?.policy).toMatchObject({ code: 'pressure_cap', max: 1, count: 1 });
    const { rows } = await pool.query<{ days: number }>(
      `SELECT round(extract(epoch from (e.due_at - o.created_at)) / 86400)::int AS days
       FROM enrollments e JOIN outbox_messages o ON o.lead_id = e.lead_id AND o.campaign_id = $2
       WHERE e.campaign_id = $1`,
      [second.campaignId, first.campaignId],
    );
    expect(rows.map((r) => r.days)).toEqual([7, 7]);
  });

  it('never lets two campaigns deciding at the same moment both contact a lead past the cap', async () => {
    const { workspaceId, listId } = await workspaceWith(
      { pressure: [{ max: 1, period: { amount: 1, unit: 'days' }, onLimit: 'skip' }] },
      40,
    );
    const scopes = [];
    for (const code of ['RA', 'RB']) {
      const document = flow(
        [
          {
            id: 'in',
            type: 'entry',
            config: { sources: [{ kind: 'segment', segmentId: listId }] },
          },
          { id: 'msg', type: 'email', config: MAIL },
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
        { code },
      );
      const campaignId = await createCampaign(db, workspaceId, document);
      const version = await publishAndLaunch(db, campaignId);
      await enrollFromSegments(db, { campaignId, version });
      await drainNode(db, { campaignId, version, nodeId: 'in' });
      scopes.push({ campaignId, version, nodeId: 'msg' });
    }
    // Both campaigns' sends at once, in small interleaving batches on separate connections.
    await Promise.all(scopes.map((scope) => drainNode(db, scope, { batchSize: 5 })));
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox_messages o JOIN leads l ON l.id = o.lead_id
       WHERE l.workspace_id = $1 GROUP BY o.lead_id`,
      [workspaceId],
    );
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const { rows: skipped } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM steps WHERE campaign_id = ANY($1::uuid[]) AND node_id = 'msg'
         AND outcome = 'skipped' AND reason->'policy'->>'code' = 'pressure_cap'`,
      [scopes.map((s) => s.campaignId)],
    );
    expect(skipped[0]?.n).toBe(40);
    for (const scope of scopes) await expectCountsAddUp(pool, scope.campaignId);
  });

  it('skips instead, with the reason, when the cap says skip; the lead goes on waiting', async () => {
    const { workspaceId, listId } = await workspaceWith(
      { pressure: [{ max: 1, period: { amount: 1, unit: 'days' }, onLimit: 'skip' }] },
      1,
    );
    await launch(listId, workspaceId, { type: 'email', config: MAIL });
    const second = await launch(
      listId,
      workspaceId,
      { type: 'email', config: MAIL },
      { code: 'RT2' },
    );
    expect(await sentTo(second.campaignId)).toEqual([]);
    const [step] = await stepsAt(second.campaignId);
    expect([step?.outcome, step?.reason?.policy?.code, step?.reason?.policy?.until]).toEqual([
      'skipped',
      'pressure_cap',
      null,
    ]);
    expect(await positions(pool, second.campaignId)).toEqual({ 'lead-1': 'msg:waiting' });
  });
});

describe('campaign budget cap', () => {
  it('sends while fixed plus spent cost fits the budget and skips the rest with the reason', async () => {
    const { workspaceId, listId } = await workspaceWith({}, 5);
    const { campaignId } = await launch(
      listId,
      workspaceId,
      { type: 'email', config: MAIL },
      { budgetCap: 0.25, fixedCost: 0.1 },
    );
    expect(await sentTo(campaignId)).toHaveLength(3);
    const steps = await stepsAt(campaignId);
    expect(steps.map((s) => s.outcome).sort()).toEqual([
      'sent',
      'sent',
      'sent',
      'skipped',
      'skipped',
    ]);
    const skipped = steps.find((s) => s.outcome === 'skipped');
    expect(skipped?.reason?.policy).toEqual({ code: 'budget_exhausted', budgetCap: 0.25 });
    const counts = await nodeCounts(pool, campaignId);
    expect([Number(counts.msg?.acted), Number(counts.msg?.cost)]).toEqual([3, 0.15]);
  });
});
