import type { AddressInfo } from 'node:net';
import type { Db } from '@rumbo/db';
import {
  advanceManual,
  createSmtpTransport,
  drainNode,
  enrollFromSegments,
  fastForward,
  findStuckEnrollments,
  ingestSignals,
  RunnerError,
  sendPendingEmails,
} from '@rumbo/runner';
import type pg from 'pg';
import { SMTPServer } from 'smtp-server';
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
  t = await createTestDatabase('runner-modes');
  db = t.db;
  pool = t.pool;
});
afterAll(async () => {
  await t.close();
});

/** entry → email → `opened` to `done` (exit), or `late` (exit) after a 5-day timeout. */
async function emailCampaign(mode: 'test' | 'manual' | 'live', count: number) {
  const workspaceId = await seedWorkspace(db);
  await seedLeads(pool, workspaceId, count, `${mode}${count}`);
  const listId = await staticList(pool, workspaceId);
  const document = flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      { id: 'mail', type: 'email', config: { subject: 'Hola {{ lead.name }}', body: 'x' } },
      { id: 'done', type: 'exit' },
      { id: 'late', type: 'exit' },
    ],
    [
      { id: 'a', source: 'in', target: 'mail', trigger: { kind: 'auto' } },
      { id: 'o', source: 'mail', target: 'done', trigger: { kind: 'signal', signal: 'opened' } },
      {
        id: 't',
        source: 'mail',
        target: 'late',
        trigger: { kind: 'timeout', amount: 5, unit: 'days' },
      },
    ],
    { code: `M${mode}${count}`, mode },
  );
  const campaignId = await createCampaign(db, workspaceId, document);
  const version = await publishAndLaunch(db, campaignId);
  await enrollFromSegments(db, { campaignId, version });
  return { workspaceId, campaignId, version, prefix: `${mode}${count}` };
}

async function dueInHours(campaignId: string): Promise<number[]> {
  const { rows } = await pool.query<{ hours: number }>(
    `SELECT round(extract(epoch from due_at - now()) / 3600)::int AS hours FROM enrollments
     WHERE campaign_id = $1 AND status IN ('active', 'waiting') ORDER BY lead_key`,
    [campaignId],
  );
  return rows.map((r) => r.hours);
}

async function audit(campaignId: string, action: string) {
  const { rows } = await pool.query<{ actor: string; data: Record<string, unknown> }>(
    'SELECT actor, data FROM audit_log WHERE subject = $1 AND action = $2 ORDER BY at',
    [`campaign:${campaignId}`, action],
  );
  return rows;
}

async function refusal(operation: Promise<unknown>): Promise<string> {
  const error = await operation.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RunnerError);
  return error instanceof RunnerError ? error.code : '';
}

describe('manual mode', () => {
  it('parks each lead at its next node until an operator releases one lead, then the rest', async () => {
    const { campaignId, version, prefix } = await emailCampaign('manual', 3);
    await runUntilQuiet(db, pool, campaignId, version);
    // The entry moved everyone to the email node, where they wait for a go: nothing sent yet.
    expect(new Set(Object.values(await positions(pool, campaignId)))).toEqual(
      new Set(['mail:active']),
    );
    const outbox = await pool.query('SELECT 1 FROM outbox_messages WHERE campaign_id = $1', [
      campaignId,
    ]);
    expect(outbox.rowCount).toBe(0);
    expect(await findStuckEnrollments(db, { campaignId })).toEqual([]);
    await expectCountsAddUp(pool, campaignId);

    const one = await advanceManual(db, { campaignId, leadKey: `${prefix}-2`, actor: 'user:op' });
    expect(one).toMatchObject({ released: 1, nodes: [{ nodeId: 'mail', released: 1 }] });
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await positions(pool, campaignId)).toEqual({
      [`${prefix}-1`]: 'mail:active',
      [`${prefix}-2`]: 'mail:waiting',
      [`${prefix}-3`]: 'mail:active',
    });
    const sent = await pool.query<{ recipient: string }>(
      'SELECT recipient FROM outbox_messages WHERE campaign_id = $1',
      [campaignId],
    );
    expect(sent.rows.map((r) => r.recipient)).toEqual([`${prefix}2@example.com`]);

    const rest = await advanceManual(db, { campaignId, nodeId: 'mail', actor: 'user:op' });
    expect(rest.released).toBe(2);
    await runUntilQuiet(db, pool, campaignId, version);
    expect(new Set(Object.values(await positions(pool, campaignId)))).toEqual(
      new Set(['mail:waiting']),
    );
    await expectCountsAddUp(pool, campaignId);
    expect((await audit(campaignId, 'campaign.advanced')).map((a) => a.data.released)).toEqual([
      1, 2,
    ]);
  });

  it('parks a lead a signal moved at its new node; the go lets it take that step', async () => {
    const { workspaceId, campaignId, version, prefix } = await emailCampaign('manual', 2);
    await runUntilQuiet(db, pool, campaignId, version);
    await advanceManual(db, { campaignId, actor: 'user:op' });
    await runUntilQuiet(db, pool, campaignId, version);
    const signal = { leadKey: `${prefix}-1`, name: 'opened', occurredAt: new Date().toISOString() };
    expect((await ingestSignals(db, { workspaceId, signals: [signal] })).moved).toBe(1);
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await positions(pool, campaignId)).toEqual({
      [`${prefix}-1`]: 'done:active',
      [`${prefix}-2`]: 'mail:waiting',
    });
    await advanceManual(db, { campaignId, nodeId: 'done', actor: 'user:op' });
    await runUntilQuiet(db, pool, campaignId, version);
    expect((await positions(pool, campaignId))[`${prefix}-1`]).toBe('done:exited');
    await expectCountsAddUp(pool, campaignId);
  });

  it('refuses a lead that is not parked (lead_not_held) and any campaign not in manual mode', async () => {
    const manual = await emailCampaign('manual', 1);
    await runUntilQuiet(db, pool, manual.campaignId, manual.version);
    await advanceManual(db, { campaignId: manual.campaignId, actor: 'user:op' });
    await runUntilQuiet(db, pool, manual.campaignId, manual.version);
    const leadKey = `${manual.prefix}-1`;
    expect(
      await refusal(advanceManual(db, { campaignId: manual.campaignId, leadKey, actor: 'op' })),
    ).toBe('lead_not_held');

    const live = await emailCampaign('live', 1);
    expect(
      await refusal(advanceManual(db, { campaignId: live.campaignId, actor: 'user:op' })),
    ).toBe('wrong_campaign_mode');
    // Live leads are not parked: the entry's move left them due now at the email node.
    await drainNode(db, { campaignId: live.campaignId, version: live.version, nodeId: 'in' });
    expect(await positions(pool, live.campaignId)).toEqual({ [`${live.prefix}-1`]: 'mail:active' });
  });
});

describe('test mode', () => {
  it('fast-forwards a 5-day timeout: 2 days earlier, then due now, and the runner moves the leads', async () => {
    const { campaignId, version, prefix } = await emailCampaign('test', 2);
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await dueInHours(campaignId)).toEqual([120, 120]);

    const partial = await fastForward(db, {
      campaignId,
      by: { amount: 2, unit: 'days' },
      actor: 'user:tester',
    });
    expect(partial).toMatchObject({ shifted: 2, dueNow: 0 });
    expect(await dueInHours(campaignId)).toEqual([72, 72]);

    const all = await fastForward(db, { campaignId, actor: 'user:tester' });
    expect(all).toMatchObject({
      shifted: 2,
      dueNow: 2,
      targets: [{ campaignId, version, nodeId: 'mail' }],
    });
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await positions(pool, campaignId)).toEqual({
      [`${prefix}-1`]: 'late:exited',
      [`${prefix}-2`]: 'late:exited',
    });
    await expectCountsAddUp(pool, campaignId);
    expect((await audit(campaignId, 'campaign.fast_forwarded')).map((a) => a.data)).toEqual([
      { shifted: 2, dueNow: 0, by: '2 days', nodeId: null },
      { shifted: 2, dueNow: 2, by: null, nodeId: null },
    ]);
  });

  it('refuses to fast-forward a live campaign and leaves its due times alone', async () => {
    const { campaignId, version } = await emailCampaign('live', 2);
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await refusal(fastForward(db, { campaignId, actor: 'user:tester' }))).toBe(
      'wrong_campaign_mode',
    );
    expect(await dueInHours(campaignId)).toEqual([120, 120]);
  });

  it('sends nothing over SMTP even with a server configured: messages stay captured', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          received.push(...session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.server.address() as AddressInfo;
      const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
      const { campaignId, version, prefix } = await emailCampaign('test', 3);
      await runUntilQuiet(db, pool, campaignId, version);
      // A live campaign in the same pass proves the server takes mail from this transport.
      const live = await emailCampaign('live', 4);
      await runUntilQuiet(db, pool, live.campaignId, live.version);
      await sendPendingEmails(db, { transport });
      const { rows } = await pool.query<{ status: string }>(
        'SELECT status FROM outbox_messages WHERE campaign_id = $1',
        [campaignId],
      );
      expect(rows.map((r) => r.status)).toEqual(['captured', 'captured', 'captured']);
      expect(received.filter((to) => to.startsWith(prefix))).toEqual([]);
      expect(received.filter((to) => to.startsWith(live.prefix)).sort()).toEqual(
        [1, 2, 3, 4].map((i) => `${live.prefix}${i}@example.com`),
      );
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
