import { createRunner } from '@rumbo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { buildTestApp } from '../support/test-app.ts';
import { type App, call } from './api-runs-fixtures.ts';
import { LoopbackTarget } from './runner-channels-target.ts';
import { createCampaign, flow, seedLeads, seedWorkspace, staticList } from './runner-fixtures.ts';

// The server as configured from its environment (SMS_URL, RUMBO_WEBHOOK_ALLOW_PRIVATE): its own
// runner delivers a live campaign's webhook and SMS to a real HTTP target on loopback, and the
// outbox viewer's API shows what was sent and what came back.

let database: TestDatabase;
let app: App;
let workspaceId: string;
let listId: string;
const target = new LoopbackTarget();

beforeAll(async () => {
  await target.start();
  database = await createTestDatabase('runner-channels-server');
  workspaceId = await seedWorkspace(database.db);
  await seedLeads(database.pool, workspaceId, 3);
  listId = await staticList(database.pool, workspaceId);
  app = await buildTestApp(database, {
    env: { SMS_URL: target.url('/sms'), RUMBO_WEBHOOK_ALLOW_PRIVATE: 'true' },
    runner: (config, logger) =>
      createRunner(database.url, logger, {
        db: database.db,
        pool: database.pool,
        smsUrl: config.smsUrl,
        allowPrivateWebhooks: config.allowPrivateWebhooks,
        tickMs: 100,
      }),
  });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  await target.stop();
});

type Row = { id: string; channel: string; status: string; leadKey: string };

async function outboxUntil(campaignId: string, done: (rows: Row[]) => boolean): Promise<Row[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { body } = await call(app, 'GET', `/api/v1/campaigns/${campaignId}/outbox?limit=50`);
    const rows = (body.items ?? []) as Row[];
    if (done(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`outbox never settled: ${JSON.stringify(rows)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the server runner delivers webhooks and SMS', () => {
  it('calls the webhook, then texts the leads it accepted; the outbox shows request, answer and gateway id', async () => {
    target.script('/crm', [{ status: 200 }, { status: 409 }, { status: 200 }]);
    const document = flow(
      [
        { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
        {
          id: 'hook',
          type: 'webhook',
          config: {
            url: target.url('/crm'),
            headers: { 'X-Campaign': 'SRV1' },
            body: '{"key":"{{ lead.key }}"}',
          },
        },
        { id: 'sms', type: 'sms', config: { text: 'Hola {{ lead.name }}', sender: 'Tienda' } },
        { id: 'refused', type: 'exit' },
        { id: 'done', type: 'exit' },
      ],
      [
        { id: 'a', source: 'in', target: 'hook', trigger: { kind: 'auto' } },
        { id: 'ok', source: 'hook', target: 'sms', trigger: { kind: 'signal', signal: 'success' } },
        {
          id: 'ko',
          source: 'hook',
          target: 'refused',
          trigger: { kind: 'signal', signal: 'failure' },
        },
        {
          id: 't1',
          source: 'hook',
          target: 'refused',
          trigger: { kind: 'timeout', amount: 1, unit: 'days' },
        },
        {
          id: 't2',
          source: 'sms',
          target: 'done',
          trigger: { kind: 'timeout', amount: 1, unit: 'days' },
        },
      ],
      { code: 'SRV1' },
    );
    const campaignId = await createCampaign(database.db, workspaceId, document);
    expect((await call(app, 'POST', `/api/v1/campaigns/${campaignId}/publish`)).status).toBe(201);
    const launched = await call(app, 'POST', `/api/v1/campaigns/${campaignId}/launch`);
    expect(launched.body).toMatchObject({ status: 'active', enrolled: 3 });

    const rows = await outboxUntil(
      campaignId,
      (r) =>
        r.filter((m) => m.channel === 'webhook' && ['sent', 'failed'].includes(m.status)).length ===
          3 && r.filter((m) => m.channel === 'sms' && m.status === 'sent').length === 2,
    );
    expect(target.at('/crm').requests).toHaveLength(3);
    expect(target.at('/sms').requests).toHaveLength(2);
    const refused = rows.find((m) => m.channel === 'webhook' && m.status === 'failed');
    expect(rows.filter((m) => m.channel === 'sms').map((m) => m.leadKey)).not.toContain(
      refused?.leadKey,
    );

    const hookRow = rows.find((m) => m.channel === 'webhook' && m.status === 'sent');
    const hookDetail = await call(app, 'GET', `/api/v1/outbox/${hookRow?.id}`);
    expect(hookDetail.body.webhook).toEqual({
      method: 'POST',
      url: target.url('/crm'),
      headers: { 'X-Campaign': 'SRV1' },
      body: `{"key":"${hookRow?.leadKey}"}`,
      responseStatus: 200,
    });
    const refusedDetail = await call(app, 'GET', `/api/v1/outbox/${refused?.id}`);
    expect(refusedDetail.body).toMatchObject({ status: 'failed', error: 'HTTP 409' });
    expect(refusedDetail.body.webhook).toMatchObject({ responseStatus: 409 });

    const smsRow = rows.find((m) => m.channel === 'sms');
    const smsDetail = await call(app, 'GET', `/api/v1/outbox/${smsRow?.id}`);
    expect(smsDetail.body).toMatchObject({ status: 'sent', webhook: null, attempts: 1 });
    expect(String(smsDetail.body.providerId)).toMatch(/^gw-\d+$/);
    expect(smsDetail.body.text).toMatch(/^Hola Lead \d$/);
  });
});
