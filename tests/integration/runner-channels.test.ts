import type { Db } from '@rumbo/db';
import {
  type ChannelAdapters,
  createSmsAdapter,
  createWebhookAdapter,
  enrollFromSegments,
  sendPendingMessages,
} from '@rumbo/runner';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { LoopbackTarget } from './runner-channels-target.ts';
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
const target = new LoopbackTarget();
const webhook = createWebhookAdapter({ allowPrivateNetworks: true });

beforeAll(async () => {
  t = await createTestDatabase('runner-channels');
  db = t.db;
  pool = t.pool;
  await target.start();
});
afterAll(async () => {
  await target.stop();
  await t.close();
});

/** Entry → one acting node → success/delivered: goal, failure/failed: exit, timeout: exit. */
async function campaignWith(
  node: { id: string; type: string; config: Record<string, unknown> },
  count: number,
  outcomes: { ok: string; ko: string },
) {
  const workspaceId = await seedWorkspace(db);
  await seedLeads(pool, workspaceId, count);
  const listId = await staticList(pool, workspaceId);
  const document = flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      node,
      { id: 'won', type: 'goal' },
      { id: 'lost', type: 'exit' },
      { id: 'late', type: 'exit' },
    ],
    [
      { id: 'a', source: 'in', target: node.id, trigger: { kind: 'auto' } },
      {
        id: 'ok',
        source: node.id,
        target: 'won',
        trigger: { kind: 'signal', signal: outcomes.ok },
      },
      {
        id: 'ko',
        source: node.id,
        target: 'lost',
        trigger: { kind: 'signal', signal: outcomes.ko },
      },
      {
        id: 't',
        source: node.id,
        target: 'late',
        trigger: { kind: 'timeout', amount: 1, unit: 'days' },
      },
    ],
  );
  const campaignId = await createCampaign(db, workspaceId, document);
  const version = await publishAndLaunch(db, campaignId);
  await enrollFromSegments(db, { campaignId, version });
  await runUntilQuiet(db, pool, campaignId, version);
  return { workspaceId, campaignId, version };
}

function hook(path: string, extra: Record<string, unknown> = {}) {
  return {
    id: 'hook',
    type: 'webhook',
    config: {
      method: 'POST',
      url: target.url(path),
      headers: { 'X-Lead': '{{ lead.key }}' },
      body: '{"lead":"{{ lead.key }}","n":{{ lead.n }}}',
      timeoutMs: 2_000,
      ...extra,
    },
  };
}

async function outbox(campaignId: string) {
  const { rows } = await pool.query<{
    key: string;
    status: string;
    attempts: number;
    error: string | null;
    provider_id: string | null;
    idempotency_key: string;
  }>(
    `SELECT l.external_key AS key, o.status, o.attempts, o.error, o.provider_id, o.idempotency_key
     FROM outbox_messages o JOIN leads l ON l.id = o.lead_id WHERE o.campaign_id = $1 ORDER BY 1`,
    [campaignId],
  );
  return rows;
}

/** Sends until nothing is due (retries are due at once: base 0 s), then lets moved leads settle. */
async function deliverAll(
  scope: { campaignId: string; version: number },
  adapters: ChannelAdapters = { webhook },
) {
  for (let pass = 0; pass < 10; pass++) {
    const r = await sendPendingMessages(db, { adapters, retryBaseSeconds: 0 });
    if (r.sent + r.failed + r.retried + r.indeterminate + r.suppressed === 0) break;
  }
  await runUntilQuiet(db, pool, scope.campaignId, scope.version);
  await expectCountsAddUp(pool, scope.campaignId);
}

describe('webhooks over real HTTP', () => {
  it('sends the rendered method, headers and body with the ledger key; a 2xx moves the lead through success', async () => {
    const scope = await campaignWith(hook('/ok'), 2, { ok: 'success', ko: 'failure' });
    await deliverAll(scope);
    const { requests, keys } = target.at('/ok');
    expect(requests).toHaveLength(2);
    const first = requests.find((r) => r.headers['x-lead'] === 'lead-1');
    expect(first?.method).toBe('POST');
    expect(first?.body).toBe('{"lead":"lead-1","n":1}');
    expect(first?.headers['content-type']).toBe('application/json');
    const rows = await outbox(scope.campaignId);
    expect(rows.map((r) => [r.key, r.status])).toEqual([
      ['lead-1', 'sent'],
      ['lead-2', 'sent'],
    ]);
    expect(keys.sort()).toEqual(rows.map((r) => r.idempotency_key).sort());
    const { rows: ledger } = await pool.query(
      `SELECT kind, status, response->>'status' AS http FROM effect_ledger
       WHERE idempotency_key = ANY($1::text[]) ORDER BY 1`,
      [keys],
    );
    expect(ledger).toEqual([
      { kind: 'webhook', status: 'succeeded', http: '200' },
      { kind: 'webhook', status: 'succeeded', http: '200' },
    ]);
    expect(await positions(pool, scope.campaignId)).toEqual({
      'lead-1': 'won:converted',
      'lead-2': 'won:converted',
    });
  });

  it('retries a 500 with the same idempotency key until it is taken; a 422 fails for good through failure', async () => {
    target.script('/flaky', [{ status: 500 }, { status: 503 }, { status: 201 }]);
    const flaky = await campaignWith(hook('/flaky'), 1, { ok: 'success', ko: 'failure' });
    await deliverAll(flaky);
    const { requests, keys } = target.at('/flaky');
    expect(requests).toHaveLength(3);
    expect(keys).toHaveLength(1);
    expect((await outbox(flaky.campaignId)).map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 3],
    ]);
    expect(await positions(pool, flaky.campaignId)).toEqual({ 'lead-1': 'won:converted' });

    target.script('/refuses', [{ status: 422, body: '{"error":"unknown lead"}' }]);
    const refused = await campaignWith(hook('/refuses'), 1, { ok: 'success', ko: 'failure' });
    await deliverAll(refused);
    expect(target.at('/refuses').requests).toHaveLength(1);
    const [row] = await outbox(refused.campaignId);
    expect([row?.status, row?.error]).toEqual(['failed', 'HTTP 422']);
    const { rows: ledger } = await pool.query(
      `SELECT response->>'status' AS http, response->>'body' AS body FROM effect_ledger WHERE idempotency_key = $1`,
      [row?.idempotency_key],
    );
    expect(ledger).toEqual([{ http: '422', body: '{"error":"unknown lead"}' }]);
    expect(await positions(pool, refused.campaignId)).toEqual({ 'lead-1': 'lost:exited' });
  });

  it('abandons a response slower than the node timeout and retries it; the target counts one delivery', async () => {
    target.script('/slow', [{ status: 200, delayMs: 1_500 }, { status: 200 }]);
    const scope = await campaignWith(hook('/slow', { timeoutMs: 400 }), 1, {
      ok: 'success',
      ko: 'failure',
    });
    const started = Date.now();
    const first = await sendPendingMessages(db, { adapters: { webhook }, retryBaseSeconds: 0 });
    expect(first).toMatchObject({ retried: 1, sent: 0 });
    expect(Date.now() - started).toBeLessThan(1_400);
    const [pending] = await outbox(scope.campaignId);
    expect(pending?.error).toMatch(/no complete response within 400 ms/);
    await deliverAll(scope);
    const { requests, keys } = target.at('/slow');
    expect(requests).toHaveLength(2);
    expect(keys).toEqual([pending?.idempotency_key]);
    // Nothing is due any more: a further pass sends nothing.
    expect(await sendPendingMessages(db, { adapters: { webhook } })).toMatchObject({ sent: 0 });
    expect(target.at('/slow').requests).toHaveLength(2);
    expect(await positions(pool, scope.campaignId)).toEqual({ 'lead-1': 'won:converted' });
  });

  it('gives up after five attempts on a target that never answers 2xx and moves the lead through failure', async () => {
    target.script(
      '/down',
      Array.from({ length: 6 }, () => ({ status: 502 })),
    );
    const scope = await campaignWith(hook('/down'), 1, { ok: 'success', ko: 'failure' });
    await deliverAll(scope);
    expect(target.at('/down').requests).toHaveLength(5);
    expect((await outbox(scope.campaignId)).map((r) => [r.status, r.attempts])).toEqual([
      ['failed', 5],
    ]);
    expect(await positions(pool, scope.campaignId)).toEqual({ 'lead-1': 'lost:exited' });
  });

  it('resends a call a dead process left mid-flight with the same key, once its lease ran out', async () => {
    const scope = await campaignWith(hook('/crash'), 1, { ok: 'success', ko: 'failure' });
    const [row] = await outbox(scope.campaignId);
    // A worker claimed it, wrote the ledger row, called, and died before settling.
    await pool.query(
      `UPDATE outbox_messages SET status = 'sending', attempts = 1, updated_at = now() - interval '1 hour'
       WHERE campaign_id = $1`,
      [scope.campaignId],
    );
    await pool.query(
      `INSERT INTO effect_ledger (workspace_id, idempotency_key, kind, status)
       SELECT workspace_id, idempotency_key, 'webhook', 'started' FROM outbox_messages WHERE campaign_id = $1`,
      [scope.campaignId],
    );
    await deliverAll(scope);
    const { requests, keys } = target.at('/crash');
    expect(requests).toHaveLength(1);
    expect(keys).toEqual([row?.idempotency_key]);
    expect((await outbox(scope.campaignId)).map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 2],
    ]);
  });

  it('delivers each message once when three senders drain the same outbox at the same time', async () => {
    target.script(
      '/race',
      Array.from({ length: 30 }, () => ({ status: 200, delayMs: 20 })),
    );
    const scope = await campaignWith(hook('/race', { timeoutMs: 10_000 }), 30, {
      ok: 'success',
      ko: 'failure',
    });
    const race = () =>
      sendPendingMessages(db, { adapters: { webhook }, limit: 12, retryBaseSeconds: 0 });
    await Promise.all([race(), race(), race()]);
    await deliverAll(scope);
    const { requests, keys } = target.at('/race');
    const rows = await outbox(scope.campaignId);
    expect(keys.sort()).toEqual(rows.map((r) => r.idempotency_key).sort());
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    // One request per claimed attempt: no two senders ever made the same attempt.
    expect(requests).toHaveLength(rows.reduce((n, r) => n + r.attempts, 0));
    expect(Object.values(await positions(pool, scope.campaignId))).toEqual(
      Array.from({ length: 30 }, () => 'won:converted'),
    );
  });

  it('refuses loopback and private targets unless the adapter allows them (SSRF)', async () => {
    const scope = await campaignWith(hook('/private'), 1, { ok: 'success', ko: 'failure' });
    await deliverAll(scope, { webhook: createWebhookAdapter() });
    expect(target.at('/private').requests).toHaveLength(0);
    const [row] = await outbox(scope.campaignId);
    expect([row?.status, row?.error]).toEqual([
      'failed',
      '127.0.0.1 is a private address (blocked)',
    ]);
    expect(await positions(pool, scope.campaignId)).toEqual({ 'lead-1': 'lost:exited' });
  });
});

describe('webhooks that cannot be rendered', () => {
  /** A webhook campaign whose stored version has `patch` applied to the webhook node's config. */
  async function storedHook(patch: Record<string, string>) {
    const workspaceId = await seedWorkspace(db);
    await seedLeads(pool, workspaceId, 3);
    await pool.query(
      `UPDATE leads SET attributes = attributes || jsonb_build_object('site',
         CASE external_key WHEN 'lead-2' THEN 'not a url' ELSE $2 END) WHERE workspace_id = $1`,
      [workspaceId, target.url('/render')],
    );
    const listId = await staticList(pool, workspaceId);
    const document = flow(
      [
        { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
        hook('/unused'),
        { id: 'won', type: 'goal' },
        { id: 'lost', type: 'exit' },
      ],
      [
        { id: 'a', source: 'in', target: 'hook', trigger: { kind: 'auto' } },
        { id: 'ok', source: 'hook', target: 'won', trigger: { kind: 'signal', signal: 'success' } },
        {
          id: 'ko',
          source: 'hook',
          target: 'lost',
          trigger: { kind: 'signal', signal: 'failure' },
        },
      ],
    );
    const campaignId = await createCampaign(db, workspaceId, document);
    const version = await publishAndLaunch(db, campaignId);
    // The stored version carries what the validator of its day let through.
    for (const [field, value] of Object.entries(patch)) {
      await pool.query(
        `UPDATE campaign_versions SET document = jsonb_set(document, $2::text[], to_jsonb($3::text))
         WHERE campaign_id = $1`,
        [campaignId, ['nodes', '1', 'config', field], value],
      );
    }
    await enrollFromSegments(db, { campaignId, version });
    await runUntilQuiet(db, pool, campaignId, version);
    await expectCountsAddUp(pool, campaignId);
    const { rows } = await pool.query<{ lead_key: string; status: string; error: string | null }>(
      'SELECT lead_key, status, error FROM enrollments WHERE campaign_id = $1 ORDER BY lead_key',
      [campaignId],
    );
    const { rows: steps } = await pool.query<{ reason: unknown }>(
      `SELECT s.reason FROM steps s JOIN enrollments e ON e.id = s.enrollment_id
       WHERE s.campaign_id = $1 AND s.node_id = 'hook' AND s.outcome = 'failed' ORDER BY e.lead_key`,
      [campaignId],
    );
    return { campaignId, version, rows, reasons: steps.map((r) => r.reason) };
  }

  it('fails only the journey whose URL renders to no URL, with the field and the value; the others are called', async () => {
    const { campaignId, version, rows, reasons } = await storedHook({ url: '{{ lead.site }}' });
    expect(rows.map((r) => [r.lead_key, r.status, r.error])).toEqual([
      ['lead-1', 'waiting', null],
      ['lead-2', 'failed', 'invalid_action: hook.url: not an http(s) URL: "not a url"'],
      ['lead-3', 'waiting', null],
    ]);
    expect(reasons).toEqual([
      { invalid: { node: 'hook', field: 'url', message: 'not an http(s) URL: "not a url"' } },
    ]);
    await deliverAll({ campaignId, version });
    expect(target.at('/render').requests).toHaveLength(2);
    expect(await positions(pool, campaignId)).toEqual({
      'lead-1': 'won:converted',
      'lead-2': 'hook:failed',
      'lead-3': 'won:converted',
    });
  });

  it('fails the journeys with the liquid error located in the body when the template does not parse', async () => {
    const before = target.received.length;
    const { rows, reasons } = await storedHook({
      body: '{"name": "{% if lead.n %}{{ lead.name }}"}',
    });
    expect(rows.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
    expect(rows[0]?.error).toMatch(/^invalid_action: hook\.body: .*line:1/);
    expect(reasons[0]).toMatchObject({ invalid: { node: 'hook', field: 'body' } });
    expect(target.received.length).toBe(before);
  });
});

describe('SMS through the HTTP gateway', () => {
  const sms = {
    id: 'sms',
    type: 'sms',
    config: { text: 'Hola {{ lead.name }}', sender: 'Tienda' },
  };

  it('posts phone, sender, text and key to SMS_URL and keeps the gateway id; without a gateway it is captured', async () => {
    const scope = await campaignWith(sms, 2, { ok: 'delivered', ko: 'failed' });
    const gateway = createSmsAdapter(target.url('/sms'));
    const result = await sendPendingMessages(db, { adapters: { sms: gateway } });
    expect(result).toMatchObject({ sent: 2, failed: 0 });
    const { requests } = target.at('/sms');
    const bodies = requests.map((r) => JSON.parse(r.body)).sort((a, b) => a.to.localeCompare(b.to));
    expect(bodies.map((b) => [b.to, b.from, b.text])).toEqual([
      ['+34600000001', 'Tienda', 'Hola Lead 1'],
      ['+34600000002', 'Tienda', 'Hola Lead 2'],
    ]);
    const toLead1 = requests.find((r) => JSON.parse(r.body).to === '+34600000001');
    expect(bodies[0]?.reference).toBe(toLead1?.headers['idempotency-key']);
    const rows = await outbox(scope.campaignId);
    expect(rows.every((r) => r.status === 'sent' && r.provider_id?.startsWith('gw-'))).toBe(true);

    const held = await campaignWith(sms, 1, { ok: 'delivered', ko: 'failed' });
    expect(await sendPendingMessages(db, { adapters: { sms: null } })).toMatchObject({
      captured: 1,
    });
    expect((await outbox(held.campaignId)).map((r) => r.status)).toEqual(['captured']);
  });

  it('a gateway that refuses a number (400) fails the message and the lead takes the failed transition', async () => {
    target.script('/sms-refuses', [{ status: 400 }]);
    const scope = await campaignWith(sms, 1, { ok: 'delivered', ko: 'failed' });
    await deliverAll(scope, { sms: createSmsAdapter(target.url('/sms-refuses')) });
    expect((await outbox(scope.campaignId)).map((r) => r.status)).toEqual(['failed']);
    expect(await positions(pool, scope.campaignId)).toEqual({ 'lead-1': 'lost:exited' });
  });

  it('re-checks consent and suppression at send time: a withdrawn consent or an unsubscribe sends nothing', async () => {
    const scope = await campaignWith(sms, 3, { ok: 'delivered', ko: 'failed' });
    await pool.query(
      `UPDATE leads SET consent_sms = false WHERE workspace_id = $1 AND external_key = 'lead-1'`,
      [scope.workspaceId],
    );
    await pool.query(
      `INSERT INTO suppressions (workspace_id, channel, value, reason) VALUES ($1, 'sms', '+34600000002', 'unsubscribed')`,
      [scope.workspaceId],
    );
    const before = target.at('/sms-check').requests.length;
    const result = await sendPendingMessages(db, {
      adapters: { sms: createSmsAdapter(target.url('/sms-check')) },
    });
    expect(result).toMatchObject({ sent: 1, suppressed: 2 });
    expect(target.at('/sms-check').requests.length - before).toBe(1);
    expect((await outbox(scope.campaignId)).map((r) => [r.key, r.status, r.error])).toEqual([
      ['lead-1', 'suppressed', 'no_consent'],
      ['lead-2', 'suppressed', 'suppressed'],
      ['lead-3', 'sent', null],
    ]);
  });
});
