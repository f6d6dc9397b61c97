import { type CallTaskList, fromLocal, toLocal } from '@rumbo/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../support/db.ts';
import { type CallCampaign, startCallCampaign } from './api-monitor-fixtures.ts';

let t: TestDatabase;
let app: CallCampaign['app'];
let campaignId: string;

beforeAll(async () => {
  ({ t, app, campaignId } = await startCallCampaign('api-call-tasks-capacity', {
    code: 'CAP1',
    name: 'Capacidad',
  }));
  // Two urgent calls among normal ones: with little capacity they go first.
  await t.pool.query(
    `UPDATE call_tasks SET priority = 3 FROM leads l
     WHERE l.id = call_tasks.lead_id AND l.external_key IN ('lead-3', 'lead-5')`,
  );
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

async function list(): Promise<CallTaskList> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/call-tasks?campaignId=${campaignId}`,
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

const view = (l: CallTaskList) => l.items.map((i) => [i.leadKey, i.queuedUntil !== null]);

function putCapacity(perDay: unknown) {
  return app.inject({
    method: 'PUT',
    url: '/api/v1/call-tasks/capacity',
    payload: { campaignId, perDay },
  });
}

describe('daily call capacity', () => {
  it('lets the highest-priority calls through today and queues the rest for tomorrow in priority order', async () => {
    const set = await putCapacity(2);
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({
      campaignId,
      perDay: 2,
      usedToday: 0,
      remainingToday: 2,
      timeZone: 'UTC',
    });
    const open = await list();
    expect(view(open)).toEqual([
      ['lead-3', false],
      ['lead-5', false],
      ['lead-1', true],
      ['lead-2', true],
      ['lead-4', true],
    ]);
    const { rows } = await t.pool.query<{ ms: number }>(
      `SELECT extract(epoch from date_trunc('day', now(), 'UTC') + interval '1 day') * 1000 AS ms`,
    );
    expect(Date.parse(open.items[2]?.queuedUntil ?? '')).toBe(Number(rows[0]?.ms));
    expect(open.capacity).toMatchObject({ perDay: 2, remainingToday: 2 });
  });

  it('counts each recorded outcome against today: one call made leaves room for one more', async () => {
    const first = (await list()).items[0];
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/call-tasks/${first?.id}/outcome`,
      payload: { outcome: 'no_answer' },
    });
    expect(response.statusCode).toBe(200);
    const open = await list();
    expect(open.capacity).toMatchObject({ perDay: 2, usedToday: 1, remainingToday: 1 });
    // lead-3 waits two hours after "no contesta"; of the four due now only lead-5 fits today,
    // and the other three wait for tomorrow. lead-3 sorts by its reminder: before them when the
    // two hours end today, after them when they end past midnight (UTC).
    const { rows } = await t.pool.query<{ before: boolean }>(
      `SELECT t.remind_at < date_trunc('day', now(), 'UTC') + interval '1 day' AS before
       FROM call_tasks t JOIN leads l ON l.id = t.lead_id WHERE l.external_key = 'lead-3'`,
    );
    const queued = [
      ['lead-1', true],
      ['lead-2', true],
      ['lead-4', true],
    ];
    expect(view(open)).toEqual(
      rows[0]?.before
        ? [['lead-5', false], ['lead-3', false], ...queued]
        : [['lead-5', false], ...queued, ['lead-3', false]],
    );
  });

  it("puts a call reminded after tomorrow's start behind the calls queued for tomorrow", async () => {
    await t.pool.query(
      `UPDATE call_tasks SET remind_at = date_trunc('day', now(), 'UTC') + interval '1 day 3 hours'
       FROM leads l WHERE l.id = call_tasks.lead_id AND l.external_key = 'lead-3'`,
    );
    expect(view(await list())).toEqual([
      ['lead-5', false],
      ['lead-1', true],
      ['lead-2', true],
      ['lead-4', true],
      ['lead-3', false],
    ]);
  });

  it('clears the limit with null, and refuses a capacity of 0 or an unknown campaign', async () => {
    const zero = await putCapacity(0);
    expect(zero.statusCode).toBe(400);
    expect(zero.json().issues[0]).toMatchObject({ location: 'body', path: ['perDay'] });
    const unknown = await app.inject({
      method: 'PUT',
      url: '/api/v1/call-tasks/capacity',
      payload: { campaignId: '00000000-0000-4000-8000-000000000000', perDay: 5 },
    });
    expect(unknown.statusCode).toBe(404);
    expect((await list()).capacity).toMatchObject({ perDay: 2 });
    const cleared = await putCapacity(null);
    expect(cleared.json()).toMatchObject({ perDay: null, remainingToday: null });
    const open = await list();
    expect(open.capacity).toBeNull();
    expect(open.items.every((i) => i.queuedUntil === null)).toBe(true);
  });
});

describe("the call centre's day", () => {
  const putDay = (payload: Record<string, unknown>) =>
    app.inject({ method: 'PUT', url: '/api/v1/call-tasks/day', payload });
  const getDay = async () =>
    (await app.inject({ method: 'GET', url: '/api/v1/call-tasks/day' })).json();

  /** Local midnight of the day `at` falls on in `zone`, and of the day after (flow's calendar). */
  function midnights(at: number, zone: string): { today: number; tomorrow: number } {
    const local = toLocal(at, zone);
    const day = { ...local, hour: 0, minute: 0, second: 0 };
    return { today: fromLocal(day, zone), tomorrow: fromLocal({ ...day, day: day.day + 1 }, zone) };
  }

  it('is a UTC day until set; a known zone is stored by its name, an unknown one is refused', async () => {
    expect(await getDay()).toEqual({ timeZone: 'UTC' });
    const set = await putDay({ timeZone: 'europe/madrid' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ timeZone: 'Europe/Madrid' });
    const unknown = await putDay({ timeZone: 'Mars/Olympus_Mons' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json().issues).toEqual([
      expect.objectContaining({ location: 'body', path: ['timeZone'], code: 'unknown_time_zone' }),
    ]);
    const empty = await putDay({ timeZone: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().issues[0]).toMatchObject({ location: 'body', path: ['timeZone'] });
    expect((await putDay({ timeZone: 'UTC', extra: 1 })).statusCode).toBe(400);
    expect(await getDay()).toEqual({ timeZone: 'Europe/Madrid' });
  });

  it("counts today's calls from midnight in the call centre's zone", async () => {
    // Outcomes spread over the last 30 hours: each zone's midnight splits them differently.
    await t.pool.query(
      `INSERT INTO lead_events (workspace_id, lead_id, name, occurred_at, properties)
       SELECT l.workspace_id, l.id, 'call_outcome', now() - make_interval(hours => h),
              jsonb_build_object('campaignId', $1::text, 'outcome', 'no_answer')
       FROM leads l, unnest(ARRAY[1, 4, 7, 10, 13, 16, 19, 22, 25, 28]) AS h
       WHERE l.external_key = 'lead-1'`,
      [campaignId],
    );
    const { rows } = await t.pool.query<{ at: Date; now: Date }>(
      `SELECT e.occurred_at AS at, now() AS now FROM lead_events e
       WHERE e.name = 'call_outcome' AND e.properties->>'campaignId' = $1`,
      [campaignId],
    );
    const now = rows[0]?.now.getTime() ?? 0;
    expect((await putCapacity(100)).statusCode).toBe(200);
    const seen = new Set<number>();
    for (const zone of ['Pacific/Kiritimati', 'America/Mexico_City', 'Asia/Kolkata', 'UTC']) {
      expect((await putDay({ timeZone: zone })).json()).toEqual({ timeZone: zone });
      const { today } = midnights(now, zone);
      const expected = rows.filter((r) => r.at.getTime() >= today).length;
      seen.add(expected);
      expect((await list()).capacity, zone).toMatchObject({
        perDay: 100,
        usedToday: expected,
        remainingToday: 100 - expected,
        timeZone: zone,
      });
    }
    // The zones' midnights fall between different outcomes, so the counts tell them apart.
    expect(seen.size).toBeGreaterThan(1);
  });

  it("queues the calls beyond today's capacity until midnight in the call centre's zone", async () => {
    for (const zone of ['Pacific/Kiritimati', 'America/Mexico_City', 'Europe/Madrid']) {
      await putDay({ timeZone: zone });
      const { rows } = await t.pool.query<{ used: number; now: Date }>(
        `SELECT count(*)::int AS used, now() AS now FROM lead_events
         WHERE name = 'call_outcome' AND properties->>'campaignId' = $1`,
        [campaignId],
      );
      // Room for exactly one more call today, whatever the zone counted.
      const used = (await list()).capacity?.usedToday ?? 0;
      expect(used).toBeLessThanOrEqual(rows[0]?.used ?? 0);
      await putCapacity(used + 1);
      const open = await list();
      const queued = open.items.filter((i) => i.queuedUntil !== null);
      expect(queued.length, zone).toBeGreaterThan(0);
      const { tomorrow } = midnights(rows[0]?.now.getTime() ?? 0, zone);
      for (const item of queued) expect(Date.parse(item.queuedUntil ?? ''), zone).toBe(tomorrow);
      expect(open.items.filter((i) => i.queuedUntil === null && i.remindAt === null)).toHaveLength(
        1,
      );
    }
  });
});
