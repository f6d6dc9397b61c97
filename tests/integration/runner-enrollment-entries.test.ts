import type { Db } from '@rumbo/db';
import {
  createBoss,
  ENTRY_SYNC_QUEUE,
  enrollFromSegments,
  enrollLead,
  startRunner,
  syncEntries,
} from '@rumbo/runner';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { addLead, customers, entryFlow, journeys } from './runner-enrollment-fixtures.ts';
import {
  createCampaign,
  expectCountsAddUp,
  publishAndLaunch,
  runUntilQuiet,
  seedWorkspace,
} from './runner-fixtures.ts';
import { until } from './runner-worker-processes.ts';

/**
 * Rule-bound and scheduled entries (DESIGN §5, enrollment): the campaign's re-entry rule,
 * continuous segments re-synced in OpenERP's three modes, and the pg-boss schedule that runs
 * them, registered once by any number of workers. Date entries: runner-enrollment-dates.
 */

let t: TestDatabase;
let db: Db;
let pool: pg.Pool;

beforeAll(async () => {
  t = await createTestDatabase('runner-enrollment-entries');
  db = t.db;
  pool = t.pool;
});
afterAll(async () => {
  await t.close();
});

describe('re-entry rule', () => {
  it('never: a lead enters once, whether it has ended or not', async () => {
    const workspaceId = await seedWorkspace(db);
    await addLead(pool, workspaceId, 'n-1');
    const campaignId = await createCampaign(
      db,
      workspaceId,
      entryFlow('RE1', [{ kind: 'manual' }]),
    );
    const version = await publishAndLaunch(db, campaignId);
    expect(await enrollLead(db, { campaignId, version, leadKey: 'n-1' })).toMatchObject({
      enrolled: 1,
    });
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await enrollLead(db, { campaignId, version, leadKey: 'n-1' })).toMatchObject({
      enrolled: 0,
    });
    expect(await journeys(pool, campaignId)).toEqual({ 'n-1': [1] });
  });

  it('afterExit: a lead enters again only once its journey ended, as entry 2', async () => {
    const workspaceId = await seedWorkspace(db);
    await addLead(pool, workspaceId, 'x-1');
    const campaignId = await createCampaign(
      db,
      workspaceId,
      entryFlow('RE2', [{ kind: 'manual' }], { reentry: { kind: 'afterExit' } }),
    );
    const version = await publishAndLaunch(db, campaignId);
    const add = () => enrollLead(db, { campaignId, version, leadKey: 'x-1' });
    expect(await add()).toMatchObject({ enrolled: 1 });
    expect(await add()).toMatchObject({ enrolled: 0 });
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await add()).toMatchObject({ enrolled: 1 });
    expect(await journeys(pool, campaignId)).toEqual({ 'x-1': [1, 2] });
    await runUntilQuiet(db, pool, campaignId, version);
    await expectCountsAddUp(pool, campaignId);
  });

  it('afterCooldown: an ended journey blocks re-entry until the cooldown since it began', async () => {
    const workspaceId = await seedWorkspace(db);
    await addLead(pool, workspaceId, 'c-1');
    const campaignId = await createCampaign(
      db,
      workspaceId,
      entryFlow('RE3', [{ kind: 'manual' }], {
        reentry: { kind: 'afterCooldown', duration: { amount: 30, unit: 'days' } },
      }),
    );
    const version = await publishAndLaunch(db, campaignId);
    const add = () => enrollLead(db, { campaignId, version, leadKey: 'c-1' });
    expect(await add()).toMatchObject({ enrolled: 1 });
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await add()).toMatchObject({ enrolled: 0 });
    await pool.query(
      `UPDATE enrollments SET created_at = now() - interval '31 days' WHERE campaign_id = $1`,
      [campaignId],
    );
    expect(await add()).toMatchObject({ enrolled: 1 });
    expect(await journeys(pool, campaignId)).toEqual({ 'c-1': [1, 2] });
  });
});

describe('continuous segments', () => {
  it('re-sync enrols new leads only, modified ones too, or every match, per the sync mode', async () => {
    const workspaceId = await seedWorkspace(db);
    const segmentId = await customers(pool, workspaceId);
    await addLead(pool, workspaceId, 'a', { stage: 'customer' });
    await addLead(pool, workspaceId, 'b', { stage: 'customer' });
    await addLead(pool, workspaceId, 'd');
    const byMode: Record<string, string> = {};
    for (const mode of ['new', 'modified', 'all']) {
      const source = { kind: 'segment', segmentId, continuous: true, syncMode: mode };
      const draft = entryFlow(`CS-${mode}`, [source], { reentry: { kind: 'afterExit' } });
      const campaignId = await createCampaign(db, workspaceId, draft);
      const version = await publishAndLaunch(db, campaignId);
      expect(await enrollFromSegments(db, { campaignId, version })).toMatchObject({ enrolled: 2 });
      await runUntilQuiet(db, pool, campaignId, version);
      byMode[mode] = campaignId;
    }
    // After the launch: c is created, d is changed into a customer; a and b ended their journeys.
    await addLead(pool, workspaceId, 'c', { stage: 'customer' });
    await pool.query(
      `UPDATE leads SET stage = 'customer', updated_at = now()
       WHERE workspace_id = $1 AND external_key = 'd'`,
      [workspaceId],
    );

    const synced = await syncEntries(db);
    expect(synced.campaigns).toBe(3);
    const entered = async (mode: string) => journeys(pool, byMode[mode] ?? '');
    expect(await entered('new')).toEqual({ a: [1], b: [1], c: [1] });
    expect(await entered('modified')).toEqual({ a: [1], b: [1], c: [1], d: [1] });
    expect(await entered('all')).toEqual({ a: [1, 2], b: [1, 2], c: [1], d: [1] });
    expect(synced.enrolled).toBe(1 + 2 + 4);

    // Nothing changed since: the next pass adds nobody, and live journeys are never doubled.
    const again = await syncEntries(db);
    expect(again.enrolled).toBe(0);
    for (const campaignId of Object.values(byMode)) await expectCountsAddUp(pool, campaignId);
  });

  it('leaves a paused campaign and a one-off (not continuous) segment alone', async () => {
    const workspaceId = await seedWorkspace(db);
    const segmentId = await customers(pool, workspaceId);
    const once = await createCampaign(
      db,
      workspaceId,
      entryFlow('CS-ONCE', [{ kind: 'segment', segmentId }]),
    );
    await publishAndLaunch(db, once);
    const paused = await createCampaign(
      db,
      workspaceId,
      entryFlow('CS-PAUSED', [{ kind: 'segment', segmentId, continuous: true, syncMode: 'all' }]),
    );
    await publishAndLaunch(db, paused);
    await pool.query(`UPDATE campaigns SET status = 'paused' WHERE id = $1`, [paused]);
    await addLead(pool, workspaceId, 'late', { stage: 'customer' });
    expect(await syncEntries(db)).toMatchObject({ enrolled: 0 });
    expect(await journeys(pool, once)).toEqual({});
    expect(await journeys(pool, paused)).toEqual({});
  });
});

describe('entry schedule', () => {
  it('is stored once by two runners, and its job enrols the continuous segment', async () => {
    const workspaceId = await seedWorkspace(db);
    const segmentId = await customers(pool, workspaceId);
    const campaignId = await createCampaign(
      db,
      workspaceId,
      entryFlow('SCHED', [{ kind: 'segment', segmentId, continuous: true }]),
    );
    await publishAndLaunch(db, campaignId);
    await addLead(pool, workspaceId, 'joins-later', { stage: 'customer' });

    const bosses = [createBoss(t.url), createBoss(t.url)];
    const runners = [];
    for (const boss of bosses) {
      await boss.start();
      runners.push(await startRunner({ db, pool, boss, tickMs: 100 }));
    }
    try {
      const { rows } = await pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM pgboss.schedule WHERE name = $1',
        [ENTRY_SYNC_QUEUE],
      );
      expect(rows[0]?.n).toBe('1');
      // The minute's job, sent now rather than waited for.
      await bosses[0]?.send(ENTRY_SYNC_QUEUE, {});
      await until(
        async () => (await journeys(pool, campaignId))['joins-later'] !== undefined,
        'the scheduled pass',
        20_000,
      );
      await until(
        async () => {
          const { rows: done } = await pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM enrollments WHERE campaign_id = $1 AND status = 'exited'`,
            [campaignId],
          );
          return done[0]?.n === '1';
        },
        'the runner to walk the new lead to the exit',
        20_000,
      );
    } finally {
      for (const runner of runners) await runner.stop();
      for (const boss of bosses) await boss.stop({ graceful: false, close: true });
    }
  }, 60_000);
});
