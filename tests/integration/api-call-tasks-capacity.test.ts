import type { CallTaskList } from '@rumbo/flow';
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
    expect(set.json()).toEqual({ campaignId, perDay: 2, usedToday: 0, remainingToday: 2 });
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
