import type { AddressInfo } from 'node:net';
import type { Db } from '@rumbo/db';
import {
  createSmtpTransport,
  enrollFromSegments,
  type MailTransport,
  messageIdOf,
  sendPendingEmails,
} from '@rumbo/runner';
import type pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  createCampaign,
  flow,
  publishAndLaunch,
  runUntilQuiet,
  seedLeads,
  seedWorkspace,
  staticList,
} from './runner-fixtures.ts';

let t: TestDatabase;
let db: Db;
let pool: pg.Pool;
let server: SMTPServer;
let transport: MailTransport;
const received: { to: string[]; raw: string }[] = [];

beforeAll(async () => {
  t = await createTestDatabase('runner-smtp');
  db = t.db;
  pool = t.pool;
  // A real SMTP server on loopback: takes every message except for addresses at reject.test.
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@reject.test')) {
        const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

async function emailCampaign(count: number) {
  const workspaceId = await seedWorkspace(db);
  await seedLeads(pool, workspaceId, count);
  await pool.query(
    `UPDATE leads SET email = 'nobody@reject.test' WHERE workspace_id = $1 AND external_key = 'lead-3'`,
    [workspaceId],
  );
  const listId = await staticList(pool, workspaceId);
  const document = flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      {
        id: 'mail',
        type: 'email',
        config: {
          subject: 'Hola {{ lead.name }}',
          body: '<p>Tu código es {{ lead.n }}</p>',
          from: { name: 'Tienda', address: 'hola@tienda.test' },
        },
      },
      { id: 'x', type: 'exit' },
    ],
    [
      { id: 'a', source: 'in', target: 'mail', trigger: { kind: 'auto' } },
      {
        id: 't',
        source: 'mail',
        target: 'x',
        trigger: { kind: 'timeout', amount: 1, unit: 'days' },
      },
    ],
  );
  const campaignId = await createCampaign(db, workspaceId, document);
  const version = await publishAndLaunch(db, campaignId);
  await enrollFromSegments(db, { campaignId, version });
  await runUntilQuiet(db, pool, campaignId, version);
  return campaignId;
}

async function outbox(campaignId: string) {
  const { rows } = await pool.query<{ recipient: string; status: string; idempotency_key: string }>(
    'SELECT recipient, status, idempotency_key FROM outbox_messages WHERE campaign_id = $1 ORDER BY recipient',
    [campaignId],
  );
  return rows;
}

describe('email over SMTP from the outbox', () => {
  it('sends each message once with its idempotency key as Message-ID; a 550 marks it failed', async () => {
    const campaignId = await emailCampaign(3);
    const first = await sendPendingEmails(db, { transport });
    expect(first).toMatchObject({ sent: 2, failed: 1, indeterminate: 0 });
    expect(await sendPendingEmails(db, { transport })).toMatchObject({ sent: 0, failed: 0 });
    const rows = await outbox(campaignId);
    expect(rows.map((r) => [r.recipient, r.status])).toEqual([
      ['lead1@example.com', 'sent'],
      ['lead2@example.com', 'sent'],
      ['nobody@reject.test', 'failed'],
    ]);
    const toLead1 = received.filter((m) => m.to.includes('lead1@example.com'));
    expect(toLead1).toHaveLength(1);
    const key = rows[0]?.idempotency_key ?? '';
    expect(toLead1[0]?.raw).toContain(`Message-ID: ${messageIdOf(key)}`);
    expect(toLead1[0]?.raw).toContain('Subject: Hola Lead 1');
    expect(toLead1[0]?.raw).toContain('hola@tienda.test');
    const { rows: ledger } = await pool.query(
      `SELECT status, count(*)::int AS n FROM effect_ledger WHERE kind = 'email' GROUP BY 1 ORDER BY 1`,
    );
    expect(ledger).toEqual([
      { status: 'failed', n: 1 },
      { status: 'succeeded', n: 2 },
    ]);
  });

  it('never resends a message whose earlier send was interrupted: it becomes indeterminate', async () => {
    const campaignId = await emailCampaign(1);
    const [row] = await outbox(campaignId);
    // A previous worker wrote the ledger row and died during the SMTP conversation.
    await pool.query(
      `INSERT INTO effect_ledger (workspace_id, idempotency_key, kind, status)
       SELECT workspace_id, idempotency_key, 'email', 'started' FROM outbox_messages WHERE idempotency_key = $1`,
      [row?.idempotency_key],
    );
    const before = received.length;
    expect(await sendPendingEmails(db, { transport })).toMatchObject({ sent: 0, indeterminate: 1 });
    expect(received.length).toBe(before);
    expect((await outbox(campaignId)).map((r) => r.status)).toEqual(['indeterminate']);
  });

  it('keeps emails in the outbox viewer (captured) when no SMTP server is configured', async () => {
    const campaignId = await emailCampaign(2);
    await pool.query(
      `UPDATE outbox_messages SET status = 'sent' WHERE campaign_id <> $1 AND status = 'pending'`,
      [campaignId],
    );
    expect(await sendPendingEmails(db, { transport: null })).toMatchObject({ captured: 2 });
    expect((await outbox(campaignId)).map((r) => r.status)).toEqual(['captured', 'captured']);
  });
});
