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
import {
  createCampaign,
  expectCountsAddUp,
  flow,
  publishAndLaunch,
  runUntilQuiet,
  seedWorkspace,
} from './runner-fixtures.ts';
import { until } from './runner-worker-processes.ts';

/**
 * Scheduled and rule-bound entries (DESIGN §5, enrollment): the campaign's re-entry rule,
 * continuous segments re-synced in OpenERP's three modes, date entries in the lead's own time
 * zone, and the pg-boss schedule that runs them, registered once by any number of workers.
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

type Source = Record<string, unknown>;

const entryFlow = (code: string, sources: Source[], settings: Record<string, unknown> = {}) =>
  flow(
    [
      { id: 'in', type: 'entry', config: { sources } },
      { id: 'x', type: 'exit' },
    ],
    [{ id: 'a', source: 'in', target: 'x', trigger: { kind: 'auto' } }],
    { code, name: code, ...settings },
  );

async function addLead(workspaceId: string, key: string, extra: Record<string, unknown> = {}) {
  const { stage = 'lead', timeZone = 'UTC', attributes = {} } = extra;
  await pool.query(
    `INSERT INTO leads (workspace_id, external_key, name, stage, time_zone, attributes)
     VALUES ($1, $2, $2, $3, $4, $5)`,
    [workspaceId, key, stage, timeZone, JSON.stringify(attributes)],
  );
}

async function customers(workspaceId: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO segments (workspace_id, name, kind, rule)
     VALUES ($1, 'Customers', 'filter', $2) RETURNING id`,
    [workspaceId, JSON.stringify({ kind: 'stage', in: ['customer'] })],
  );
  return rows[0]?.id ?? '';
}

/** Lead key → entry numbers of its journeys, in order. */
async function journeys(campaignId: string): Promise<Record<string, number[]>> {
  const { rows } = await pool.query<{ lead_key: string; entries: number[] }>(
    `SELECT lead_key, array_agg(entry_number ORDER BY entry_number) AS entries
     FROM enrollments WHERE campaign_id = $1 GROUP BY lead_key ORDER BY lead_key`,
    [campaignId],
  );
  return Object.fromEntries(rows.map((r) => [r.lead_key, r.entries]));
}

describe('re-entry rule', () => {
  it('never: a lead enters once, whether it has ended or not', async () => {
    const workspaceId = await seedWorkspace(db);
    await addLead(workspaceId, 'n-1');
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
    expect(await journeys(campaignId)).toEqual({ 'n-1': [1] });
  });

  it('afterExit: a lead enters again only once its journey ended, as entry 2', async () => {
    const workspaceId = await seedWorkspace(db);
    await addLead(workspaceId, 'x-1');
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
    expect(await journeys(campaignId)).toEqual({ 'x-1': [1, 2] });
    await runUntilQuiet(db, pool, campaignId, version);
    await expectCountsAddUp(pool, campaignId);
  });

  it('afterCooldown: an ended journey blocks re-entry until the cooldown since it began', async () => {
    const workspaceId = await seedWorkspace(db);
    await addLead(workspaceId, 'c-1');
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
    expect(await journeys(campaignId)).toEqual({ 'c-1': [1, 2] });
  });
});

describe('continuous segments', () => {
  it('re-sync enrols new leads only, modified ones too, or every match, per the sync mode', async () => {
    const workspaceId = await seedWorkspace(db);
    const segmentId = await customers(workspaceId);
    await addLead(workspaceId, 'a', { stage: 'customer' });
    await addLead(workspaceId, 'b', { stage: 'customer' });
    await addLead(workspaceId, 'd');
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
    await addLead(workspaceId, 'c', { stage: 'customer' });
    await pool.query(
      `UPDATE leads SET stage = 'customer', updated_at = now()
       WHERE workspace_id = $1 AND external_key = 'd'`,
      [workspaceId],
    );

    const synced = await syncEntries(db);
    expect(synced.campaigns).toBe(3);
    const entered = async (mode: string) => journeys(byMode[mode] ?? '');
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
    const segmentId = await customers(workspaceId);
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
    await addLead(workspaceId, 'late', { stage: 'customer' });
    expect(await syncEntries(db)).toMatchObject({ enrolled: 0 });
    expect(await journeys(once)).toEqual({});
    expect(await journeys(paused)).toEqual({});
  });
});

describe('date entries', () => {
  const birthday = { kind: 'date', attribute: 'birthday', offsetDays: 0, at: '00:00' };

  it("enrols a lead on its birthday in its own time zone: Madrid's day comes before Mexico City's", async () => {
    const workspaceId = await seedWorkspace(db);
    await addLead(workspaceId, 'madrid', {
      timeZone: 'Europe/Madrid',
      attributes: { birthday: '1990-03-15' },
    });
    await addLead(workspaceId, 'mexico', {
      timeZone: 'America/Mexico_City',
      attributes: { birthday: '1985-03-15' },
    });
    await addLead(workspaceId, 'other-day', {
      timeZone: 'Europe/Madrid',
      attributes: { birthday: '1990-03-16' },
    });
    await addLead(workspaceId, 'garbled', { attributes: { birthday: 'el quince' } });
    await addLead(workspaceId, 'unknown-zone', {
      timeZone: 'Mars/Olympus_Mons',
      attributes: { birthday: '2000-03-15' },
    });
    const campaignId = await createCampaign(
      db,
      workspaceId,
      entryFlow('BDAY', [birthday], { reentry: { kind: 'afterExit' } }),
    );
    const version = await publishAndLaunch(db, campaignId);

    // 00:30 UTC on 15 March 2026: 01:30 in Madrid, still 18:30 on the 14th in Mexico City.
    const first = await syncEntries(db, { now: Date.parse('2026-03-15T00:30:00Z') });
    expect(first.enrolled).toBe(2);
    expect(await journeys(campaignId)).toEqual({ madrid: [1], 'unknown-zone': [1] });
    await runUntilQuiet(db, pool, campaignId, version);

    // 06:30 UTC: Mexico City's 15th has begun; Madrid's journey ended but its birthday is spent.
    await syncEntries(db, { now: Date.parse('2026-03-15T06:30:00Z') });
    expect(await journeys(campaignId)).toEqual({ madrid: [1], mexico: [1], 'unknown-zone': [1] });
    await runUntilQuiet(db, pool, campaignId, version);

    // A year later the birthday comes round again and, as the journeys ended, they start anew.
    await syncEntries(db, { now: Date.parse('2027-03-15T12:00:00Z') });
    expect(await journeys(campaignId)).toEqual({
      madrid: [1, 2],
      mexico: [1, 2],
      'unknown-zone': [1, 2],
    });
    await runUntilQuiet(db, pool, campaignId, version);
    await expectCountsAddUp(pool, campaignId);
  });

  it('enrols a renewal once on its date minus the offset, at the hour given, not yearly', async () => {
    const workspaceId = await seedWorkspace(db);
    await addLead(workspaceId, 'renews', {
      timeZone: 'Europe/Madrid',
      attributes: { renewal: '2026-07-10' },
    });
    const renewal = {
      kind: 'date',
      attribute: 'renewal',
      offsetDays: -7,
      at: '09:00',
      yearly: false,
    };
    const campaignId = await createCampaign(db, workspaceId, entryFlow('RENEW', [renewal]));
    await publishAndLaunch(db, campaignId);
    // 3 July 08:30 in Madrid (06:30 UTC): the day, not yet the hour.
    await syncEntries(db, { now: Date.parse('2026-07-03T06:30:00Z') });
    expect(await journeys(campaignId)).toEqual({});
    await syncEntries(db, { now: Date.parse('2026-07-03T07:05:00Z') });
    expect(await journeys(campaignId)).toEqual({ renews: [1] });
    // The same date a year later is not a renewal date.
    await pool.query(`DELETE FROM enrollments WHERE campaign_id = $1`, [campaignId]);
    await syncEntries(db, { now: Date.parse('2027-07-03T07:05:00Z') });
    expect(await journeys(campaignId)).toEqual({});
  });
});

describe('entry schedule', () => {
  it('is stored once by two runners, and its job enrols the continuous segment', async () => {
    const workspaceId = await seedWorkspace(db);
    const segmentId = await customers(workspaceId);
    const campaignId = await createCampaign(
      db,
      workspaceId,
      entryFlow('SCHED', [{ kind: 'segment', segmentId, continuous: true }]),
    );
    await publishAndLaunch(db, campaignId);
    await addLead(workspaceId, 'joins-later', { stage: 'customer' });

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
        async () => (await journeys(campaignId))['joins-later'] !== undefined,
        'the scheduled pass',
        20_000,
      );
      const { rows: ended } = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM enrollments WHERE campaign_id = $1 AND status = 'exited'`,
        [campaignId],
      );
      await until(
        async () => {
          const { rows: done } = await pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM enrollments WHERE campaign_id = $1 AND status = 'exited'`,
            [campaignId],
          );
          return done[0]?.n === '1';
        },
        `the runner to walk the new lead to the exit (was ${ended[0]?.n})`,
        20_000,
      );
    } finally {
      for (const runner of runners) await runner.stop();
      for (const boss of bosses) await boss.stop({ graceful: false, close: true });
    }
  }, 60_000);
});
