import type { Db } from '@rumbo/db';
import { enrollFromSegments, ingestSignals } from '@rumbo/runner';
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
  t = await createTestDatabase('runner-signals');
  db = t.db;
  pool = t.pool;
});
afterAll(async () => {
  await t.close();
});

/** entry → email → opened / clicked / purchased (look-back since enrollment) / timeout. */
async function emailCampaign(count: number, extra: { purchasedLookback?: boolean } = {}) {
  const workspaceId = await seedWorkspace(db);
  await seedLeads(pool, workspaceId, count);
  const listId = await staticList(pool, workspaceId);
  const document = flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      { id: 'mail', type: 'email', config: { subject: 'Oferta', body: 'Hola' } },
      { id: 'opened', type: 'exit' },
      { id: 'clicked', type: 'exit' },
      { id: 'bought', type: 'goal', config: { value: 10 } },
      { id: 'late', type: 'exit' },
    ],
    [
      {
        id: 'a',
        source: 'in',
        target: 'mail',
        trigger: { kind: 'delay', amount: 1, unit: 'hours' },
      },
      { id: 'o', source: 'mail', target: 'opened', trigger: { kind: 'signal', signal: 'opened' } },
      {
        id: 'k',
        source: 'mail',
        target: 'clicked',
        trigger: { kind: 'signal', signal: 'clicked', includeMachine: true },
      },
      {
        id: 'p',
        source: 'mail',
        target: 'bought',
        trigger: {
          kind: 'signal',
          signal: 'purchased',
          ...(extra.purchasedLookback ? { lookback: { kind: 'enrollment' } } : {}),
        },
      },
      {
        id: 't',
        source: 'mail',
        target: 'late',
        trigger: { kind: 'timeout', amount: 3, unit: 'days' },
      },
    ],
  );
  const campaignId = await createCampaign(db, workspaceId, document);
  const version = await publishAndLaunch(db, campaignId);
  await enrollFromSegments(db, { campaignId, version });
  return { workspaceId, campaignId, version };
}

/** Runs entry and the delay so every lead is waiting at the email. */
async function toEmail(campaignId: string, version: number) {
  await runUntilQuiet(db, pool, campaignId, version);
  await fastForward(pool, campaignId);
  await runUntilQuiet(db, pool, campaignId, version);
}

const now = () => new Date().toISOString();

describe('signals', () => {
  it('moves a waiting lead by the first signal; a duplicate is stored once and moves nobody again', async () => {
    const { workspaceId, campaignId, version } = await emailCampaign(3);
    await toEmail(campaignId, version);
    const opened = {
      leadKey: 'lead-1',
      name: 'opened',
      occurredAt: now(),
      idempotencyKey: 'evt-1',
    };
    const first = await ingestSignals(db, { workspaceId, signals: [opened] });
    expect(first).toMatchObject({ stored: 1, duplicates: 0, moved: 1, rejected: [] });
    const again = await ingestSignals(db, { workspaceId, signals: [opened, opened] });
    expect(again).toMatchObject({ stored: 0, duplicates: 2, moved: 0 });
    await runUntilQuiet(db, pool, campaignId, version);
    const at = await positions(pool, campaignId);
    expect(at['lead-1']).toBe('opened:exited');
    expect(at['lead-2']).toBe('mail:waiting');
    expect(await transitionCounts(pool, campaignId)).toMatchObject({ o: 1 });
    await expectCountsAddUp(pool, campaignId);
  });

  it('lets the earliest of two signals in one batch win, and only once', async () => {
    const { workspaceId, campaignId, version } = await emailCampaign(1);
    await toEmail(campaignId, version);
    const later = new Date(Date.now() + 60_000).toISOString();
    const result = await ingestSignals(db, {
      workspaceId,
      signals: [
        { leadKey: 'lead-1', name: 'clicked', occurredAt: later },
        { leadKey: 'lead-1', name: 'opened', occurredAt: now() },
      ],
    });
    expect(result).toMatchObject({ stored: 2, moved: 1 });
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await positions(pool, campaignId)).toEqual({ 'lead-1': 'opened:exited' });
  });

  it('ignores machine-flagged opens unless the transition includes them', async () => {
    const { workspaceId, campaignId, version } = await emailCampaign(2);
    await toEmail(campaignId, version);
    await ingestSignals(db, {
      workspaceId,
      signals: [
        {
          leadKey: 'lead-1',
          name: 'opened',
          occurredAt: now(),
          machine: true,
          machineReason: 'proxy',
        },
        {
          leadKey: 'lead-2',
          name: 'clicked',
          occurredAt: now(),
          machine: true,
          machineReason: 'scanner',
        },
      ],
    });
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await positions(pool, campaignId)).toEqual({
      'lead-1': 'mail:waiting',
      'lead-2': 'clicked:exited',
    });
  });

  it('counts an early global signal inside the look-back window and ignores it outside', async () => {
    const inWindow = await emailCampaign(1, { purchasedLookback: true });
    const outside = await emailCampaign(1);
    for (const c of [inWindow, outside]) {
      await runUntilQuiet(db, pool, c.campaignId, c.version);
      // Bought while the lead still sat at the entry's delay, before the email went out.
      await ingestSignals(db, {
        workspaceId: c.workspaceId,
        signals: [{ leadKey: 'lead-1', name: 'purchased', occurredAt: now() }],
      });
      await fastForward(pool, c.campaignId);
      await runUntilQuiet(db, pool, c.campaignId, c.version);
    }
    expect(await positions(pool, inWindow.campaignId)).toEqual({ 'lead-1': 'bought:converted' });
    expect(Number((await nodeCounts(pool, inWindow.campaignId)).bought?.revenue)).toBe(10);
    expect(await positions(pool, outside.campaignId)).toEqual({ 'lead-1': 'mail:waiting' });
  });

  it('scopes a step signal to its step: an open of another visit moves nobody', async () => {
    const { workspaceId, campaignId, version } = await emailCampaign(1);
    await toEmail(campaignId, version);
    const { rows } = await pool.query<{ current_step_id: string }>(
      'SELECT current_step_id FROM enrollments WHERE campaign_id = $1',
      [campaignId],
    );
    const stepId = Number(rows[0]?.current_step_id);
    const wrong = await ingestSignals(db, {
      workspaceId,
      signals: [{ leadKey: 'lead-1', name: 'opened', occurredAt: now(), stepId: stepId + 1000 }],
    });
    expect(wrong.moved).toBe(0);
    const right = await ingestSignals(db, {
      workspaceId,
      signals: [{ leadKey: 'lead-1', name: 'opened', occurredAt: now(), stepId }],
    });
    expect(right.moved).toBe(1);
  });

  it('rejects bad signals by position with a code and still stores the good ones', async () => {
    const { workspaceId, campaignId, version } = await emailCampaign(1);
    await toEmail(campaignId, version);
    const result = await ingestSignals(db, {
      workspaceId,
      signals: [
        { leadKey: 'lead-1', name: 'opened', occurredAt: 'yesterday' },
        { leadKey: 'ghost', name: 'opened', occurredAt: now() },
        { leadKey: 'lead-1', name: 'opened', occurredAt: now() },
      ],
    });
    expect(result.rejected.map((r) => [r.index, r.code])).toEqual([
      [0, 'invalid_signal'],
      [1, 'lead_not_found'],
    ]);
    expect(result).toMatchObject({ stored: 1, moved: 1 });
  });

  it('takes the timeout only when no signal came first', async () => {
    const { workspaceId, campaignId, version } = await emailCampaign(2);
    await toEmail(campaignId, version);
    await ingestSignals(db, {
      workspaceId,
      signals: [{ leadKey: 'lead-2', name: 'opened', occurredAt: now() }],
    });
    await fastForward(pool, campaignId);
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await positions(pool, campaignId)).toEqual({
      'lead-1': 'late:exited',
      'lead-2': 'opened:exited',
    });
    expect(await transitionCounts(pool, campaignId)).toMatchObject({ o: 1, t: 1 });
  });
});
