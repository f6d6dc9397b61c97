import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../support/db.ts';
import { type CallCampaign, startCallCampaign } from './api-monitor-fixtures.ts';

// The monitor's call queue (issue 7 item 5): per call node, the calls open, snoozed and
// waiting for the next day because the campaign's daily capacity is used up, counted the way
// the agents' call list orders them.

let t: TestDatabase;
let app: CallCampaign['app'];
let campaignId: string;

beforeAll(async () => {
  ({ t, app, campaignId } = await startCallCampaign('api-monitor-calls', {
    code: 'MCAL',
    name: 'Llamadas vigiladas',
  }));
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

async function alerts() {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/campaigns/${campaignId}/monitor/alerts`,
  });
  expect(response.statusCode).toBe(200);
  return response.json<{
    calls: { nodeId: string; open: number; snoozed: number; queuedForTomorrow: number }[];
    capacityPerDay: number | null;
    remainingToday: number | null;
  }>();
}

describe('GET /api/v1/campaigns/:id/monitor/alerts — call queue', () => {
  it('counts the open calls of the call node, none queued while there is no capacity limit', async () => {
    expect(await alerts()).toMatchObject({
      calls: [{ nodeId: 'call', open: 5, snoozed: 0, queuedForTomorrow: 0 }],
      capacityPerDay: null,
    });
  });

  it('shows the calls beyond today’s capacity as waiting for tomorrow, and snoozed ones apart', async () => {
    const capacity = await app.inject({
      method: 'PUT',
      url: '/api/v1/call-tasks/capacity',
      payload: { campaignId, perDay: 2 },
    });
    expect(capacity.statusCode).toBe(200);
    expect(await alerts()).toMatchObject({
      calls: [{ nodeId: 'call', open: 5, snoozed: 0, queuedForTomorrow: 3 }],
      capacityPerDay: 2,
      remainingToday: 2,
    });
    const { rows } = await t.pool.query<{ id: string }>(
      'SELECT id FROM call_tasks WHERE campaign_id = $1 ORDER BY contact_order LIMIT 1',
      [campaignId],
    );
    const snooze = await app.inject({
      method: 'POST',
      url: `/api/v1/call-tasks/${rows[0]?.id}/snooze`,
      payload: { by: '2h' },
    });
    expect(snooze.statusCode).toBe(200);
    expect((await alerts()).calls).toEqual([
      { nodeId: 'call', open: 5, snoozed: 1, queuedForTomorrow: 2 },
    ]);
  });
});
