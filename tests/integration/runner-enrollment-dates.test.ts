import type { Db } from '@rumbo/db';
import { syncEntries } from '@rumbo/runner';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { addLead, entryFlow, journeys } from './runner-enrollment-fixtures.ts';
import {
  createCampaign,
  expectCountsAddUp,
  publishAndLaunch,
  runUntilQuiet,
  seedWorkspace,
} from './runner-fixtures.ts';

/**
 * Date entries (DESIGN §5): a birthday or renewal date enrols its lead when the day comes
 * round in the lead's own time zone, at the hour given, once per occurrence. The pass takes
 * `now`, so the test picks instants instead of waiting for them.
 */

let t: TestDatabase;
let db: Db;
let pool: pg.Pool;

beforeAll(async () => {
  t = await createTestDatabase('runner-enrollment-dates');
  db = t.db;
  pool = t.pool;
});
afterAll(async () => {
  await t.close();
});

describe('date entries', () => {
  const birthday = { kind: 'date', attribute: 'birthday', offsetDays: 0, at: '00:00' };

  it("enrols a lead on its birthday in its own time zone: Madrid's day comes before Mexico City's", async () => {
    const workspaceId = await seedWorkspace(db);
    await addLead(pool, workspaceId, 'madrid', {
      timeZone: 'Europe/Madrid',
      attributes: { birthday: '1990-03-15' },
    });
    await addLead(pool, workspaceId, 'mexico', {
      timeZone: 'America/Mexico_City',
      attributes: { birthday: '1985-03-15' },
    });
    await addLead(pool, workspaceId, 'other-day', {
      timeZone: 'Europe/Madrid',
      attributes: { birthday: '1990-03-16' },
    });
    await addLead(pool, workspaceId, 'garbled', { attributes: { birthday: 'el quince' } });
    await addLead(pool, workspaceId, 'unknown-zone', {
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
    expect(await journeys(pool, campaignId)).toEqual({ madrid: [1], 'unknown-zone': [1] });
    await runUntilQuiet(db, pool, campaignId, version);

    // 06:30 UTC: Mexico City's 15th has begun; Madrid's journey ended but its birthday is spent.
    await syncEntries(db, { now: Date.parse('2026-03-15T06:30:00Z') });
    expect(await journeys(pool, campaignId)).toEqual({
      madrid: [1],
      mexico: [1],
      'unknown-zone': [1],
    });
    await runUntilQuiet(db, pool, campaignId, version);

    // A year later the birthday comes round again and, as the journeys ended, they start anew.
    await syncEntries(db, { now: Date.parse('2027-03-15T12:00:00Z') });
    expect(await journeys(pool, campaignId)).toEqual({
      madrid: [1, 2],
      mexico: [1, 2],
      'unknown-zone': [1, 2],
    });
    await runUntilQuiet(db, pool, campaignId, version);
    await expectCountsAddUp(pool, campaignId);
  });

  it('enrols a renewal once on its date minus the offset, at the hour given, not yearly', async () => {
    const workspaceId = await seedWorkspace(db);
    await addLead(pool, workspaceId, 'renews', {
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
    expect(await journeys(pool, campaignId)).toEqual({});
    await syncEntries(db, { now: Date.parse('2026-07-03T07:05:00Z') });
    expect(await journeys(pool, campaignId)).toEqual({ renews: [1] });
    // The same date a year later is not a renewal date.
    await pool.query(`DELETE FROM enrollments WHERE campaign_id = $1`, [campaignId]);
    await syncEntries(db, { now: Date.parse('2027-07-03T07:05:00Z') });
    expect(await journeys(pool, campaignId)).toEqual({});
  });
});
