import type { Db } from '@rumbo/db';
import { enrollFromEvents, enrollFromSegments, enrollLead, syncEntries } from '@rumbo/runner';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type App, call, startApiWithRunner } from './api-runs-fixtures.ts';
import { addLead, customers, entryFlow, journeys } from './runner-enrollment-fixtures.ts';
import { createCampaign, publishAndLaunch, seedWorkspace } from './runner-fixtures.ts';

/**
 * The campaign's validity period (settings `validFrom` / `validTo`, inclusive UTC days): no
 * entry of any kind enrols a lead before it begins or after it ends, and each says why.
 */

let t: TestDatabase;
let db: Db;
let pool: pg.Pool;

beforeAll(async () => {
  t = await createTestDatabase('runner-enrollment-validity');
  db = t.db;
  pool = t.pool;
});
afterAll(async () => {
  await t.close();
});

const JUNE = { validFrom: '2026-06-01', validTo: '2026-06-30' };
const at = (iso: string) => Date.parse(iso);
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function customersCampaign(code: string, source: Record<string, unknown>) {
  const workspaceId = await seedWorkspace(db);
  const segmentId = await customers(pool, workspaceId);
  await addLead(pool, workspaceId, `${code}-a`, { stage: 'customer' });
  await addLead(pool, workspaceId, `${code}-b`, { stage: 'customer' });
  const campaignId = await createCampaign(
    db,
    workspaceId,
    entryFlow(code, [{ kind: 'segment', segmentId, ...source }], JUNE),
  );
  const version = await publishAndLaunch(db, campaignId);
  return { workspaceId, campaignId, version };
}

describe('bulk segment enrolment', () => {
  it('enrols nobody before the period or after it, says why, and enrols inside it', async () => {
    const { campaignId, version } = await customersCampaign('BULK', {});
    const early = await enrollFromSegments(db, {
      campaignId,
      version,
      now: at('2026-05-31T23:59:00Z'),
    });
    expect(early).toEqual({
      enrolled: 0,
      control: 0,
      missingSegments: [],
      refused: { code: 'before_validity_period', ...JUNE, today: '2026-05-31' },
    });
    const late = await enrollFromSegments(db, {
      campaignId,
      version,
      now: at('2026-07-01T00:00:00Z'),
    });
    expect(late.refused).toEqual({ code: 'after_validity_period', ...JUNE, today: '2026-07-01' });
    expect(await journeys(pool, campaignId)).toEqual({});
    // The last day counts whole.
    const inside = await enrollFromSegments(db, {
      campaignId,
      version,
      now: at('2026-06-30T23:59:00Z'),
    });
    expect(inside).toMatchObject({ enrolled: 2, refused: null });
    expect(await journeys(pool, campaignId)).toEqual({ 'BULK-a': [1], 'BULK-b': [1] });
  });
});

describe('a launch before the period', () => {
  it('enrols the plain segment at the first scheduled pass inside the period, once', async () => {
    const { campaignId, version } = await customersCampaign('HELD', {});
    const launch = await enrollFromSegments(db, {
      campaignId,
      version,
      now: at('2026-05-20T10:00:00Z'),
    });
    expect(launch.refused?.code).toBe('before_validity_period');
    const early = await syncEntries(db, { campaignId, now: at('2026-05-31T10:00:00Z') });
    expect(early).toMatchObject({ campaigns: 1, enrolled: 0 });
    const opened = await syncEntries(db, { campaignId, now: at('2026-06-01T00:01:00Z') });
    expect(opened).toMatchObject({ enrolled: 2, refused: [] });
    expect(await journeys(pool, campaignId)).toEqual({ 'HELD-a': [1], 'HELD-b': [1] });
    // The watermark is set now: a plain segment is not re-run by later passes.
    const { rows } = await pool.query<{ workspace_id: string }>(
      'SELECT workspace_id FROM campaigns WHERE id = $1',
      [campaignId],
    );
    await addLead(pool, rows[0]?.workspace_id ?? '', 'HELD-late', { stage: 'customer' });
    const later = await syncEntries(db, { campaignId, now: at('2026-06-02T00:01:00Z') });
    expect(later).toMatchObject({ campaigns: 0, enrolled: 0 });
  });
});

describe('continuous re-sync', () => {
  it('takes nobody outside the period and, at its first pass inside, every lead that matched meanwhile', async () => {
    const { campaignId, version } = await customersCampaign('CONT', {
      continuous: true,
      syncMode: 'new',
    });
    // A launch before the period refuses the bulk enrolment and leaves the watermark unset.
    const launch = await enrollFromSegments(db, {
      campaignId,
      version,
      now: at('2026-05-20T10:00:00Z'),
    });
    expect(launch.refused?.code).toBe('before_validity_period');
    const before = await syncEntries(db, { campaignId, now: at('2026-05-25T10:00:00Z') });
    expect(before).toMatchObject({ campaigns: 1, enrolled: 0 });
    expect(before.refused).toEqual([
      {
        campaignId,
        refusal: { code: 'before_validity_period', ...JUNE, today: '2026-05-25' },
      },
    ]);
    expect(await journeys(pool, campaignId)).toEqual({});

    const first = await syncEntries(db, { campaignId, now: at('2026-06-01T00:01:00Z') });
    expect(first).toMatchObject({ enrolled: 2, refused: [] });

    const { rows } = await pool.query<{ workspace_id: string }>(
      'SELECT workspace_id FROM campaigns WHERE id = $1',
      [campaignId],
    );
    await addLead(pool, rows[0]?.workspace_id ?? '', 'CONT-late', { stage: 'customer' });
    const after = await syncEntries(db, { campaignId, now: at('2026-07-02T08:00:00Z') });
    expect(after).toMatchObject({ enrolled: 0 });
    expect(after.refused[0]?.refusal.code).toBe('after_validity_period');
    expect(Object.keys(await journeys(pool, campaignId))).toEqual(['CONT-a', 'CONT-b']);
  });
});

describe('date entries', () => {
  it('do not enrol a birthday that falls outside the period, and do inside it', async () => {
    const workspaceId = await seedWorkspace(db);
    await addLead(pool, workspaceId, 'may-bday', { attributes: { birthday: '1990-05-15' } });
    await addLead(pool, workspaceId, 'june-bday', { attributes: { birthday: '1991-06-15' } });
    const birthday = { kind: 'date', attribute: 'birthday', offsetDays: 0, at: '00:00' };
    const campaignId = await createCampaign(db, workspaceId, entryFlow('DATE', [birthday], JUNE));
    await publishAndLaunch(db, campaignId);
    const may = await syncEntries(db, { campaignId, now: at('2026-05-15T12:00:00Z') });
    expect(may.enrolled).toBe(0);
    expect(may.refused[0]?.refusal).toMatchObject({ code: 'before_validity_period' });
    await syncEntries(db, { campaignId, now: at('2026-06-15T12:00:00Z') });
    expect(await journeys(pool, campaignId)).toEqual({ 'june-bday': [1] });
  });
});

describe('event-triggered entry', () => {
  it('enrols nobody into a campaign whose period is over and names it', async () => {
    const workspaceId = await seedWorkspace(db);
    await addLead(pool, workspaceId, 'evt-lead');
    const { rows } = await pool.query<{ id: string }>(
      'SELECT id FROM leads WHERE workspace_id = $1',
      [workspaceId],
    );
    const leadId = rows[0]?.id ?? '';
    const source = { kind: 'event', event: 'signed_up' };
    const over = await createCampaign(
      db,
      workspaceId,
      entryFlow('EVT-OVER', [source], { validFrom: null, validTo: day(-1) }),
    );
    const open = await createCampaign(
      db,
      workspaceId,
      entryFlow('EVT-OPEN', [source], { validFrom: day(-1), validTo: day(1) }),
    );
    await publishAndLaunch(db, over);
    await publishAndLaunch(db, open);
    const result = await db.transaction((tx) =>
      enrollFromEvents(tx, { workspaceId, events: [{ leadId, name: 'signed_up' }] }),
    );
    expect(result.enrolled).toBe(1);
    expect(result.refused).toEqual([
      {
        campaignId: over,
        refusal: {
          code: 'after_validity_period',
          validFrom: null,
          validTo: day(-1),
          today: day(0),
        },
      },
    ]);
    expect(await journeys(pool, over)).toEqual({});
    expect(await journeys(pool, open)).toEqual({ 'evt-lead': [1] });
  });
});

describe('manual add', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApiWithRunner(t);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is refused before the period with a 409 that states the period, and adds nobody', async () => {
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM workspaces LIMIT 1');
    const workspaceId = rows[0]?.id ?? '';
    await addLead(pool, workspaceId, 'by-hand');
    const campaignId = await createCampaign(
      db,
      workspaceId,
      entryFlow('HAND', [{ kind: 'event', event: 'asked' }], { validFrom: day(2), validTo: null }),
    );
    const version = await publishAndLaunch(db, campaignId);
    const refused = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/enrollments`, {
      leadKey: 'by-hand',
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'conflict',
      detail: `The campaign takes leads from ${day(2)} (today is ${day(0)}, UTC).`,
    });
    // The call list's «Nuevo» enrols a lead with no journey the same way, and is refused alike.
    const listed = await call(app, 'POST', '/api/v1/call-tasks', {
      campaignId,
      leadKey: 'by-hand',
    });
    expect(listed.status).toBe(409);
    expect(listed.body).toMatchObject({ code: 'conflict', detail: refused.body.detail });
    expect(await journeys(pool, campaignId)).toEqual({});
    // Inside the period (the runner's clock passed in) the same lead enters.
    const added = await enrollLead(db, {
      campaignId,
      version,
      leadKey: 'by-hand',
      now: Date.now() + 3 * 86_400_000,
    });
    expect(added.enrolled).toBe(1);
  });
});
