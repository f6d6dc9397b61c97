import type { Db } from '@rumbo/db';
import { applyClaimed, claimBatch, enrollFromSegments } from '@rumbo/runner';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  createCampaign,
  expectCountsAddUp,
  flow,
  nodeCounts,
  publishAndLaunch,
  runUntilQuiet,
  seedLeads,
  seedWorkspace,
  staticList,
} from './runner-fixtures.ts';

let t: TestDatabase;
let db: Db;
let pool: pg.Pool;

beforeAll(async () => {
  t = await createTestDatabase('runner-sending');
  db = t.db;
  pool = t.pool;
});
afterAll(async () => {
  await t.close();
});

async function campaignWith(
  node: { id: string; type: string; config?: Record<string, unknown>; cost?: number },
  count: number,
  settings: Record<string, unknown> = {},
) {
  const workspaceId = await seedWorkspace(db);
  await seedLeads(pool, workspaceId, count);
  const listId = await staticList(pool, workspaceId);
  const document = flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      node,
      { id: 'x', type: 'exit' },
    ],
    [
      { id: 'a', source: 'in', target: node.id, trigger: { kind: 'auto' } },
      {
        id: 't',
        source: node.id,
        target: 'x',
        trigger: { kind: 'timeout', amount: 1, unit: 'days' },
      },
    ],
    settings,
  );
  const campaignId = await createCampaign(db, workspaceId, document);
  const version = await publishAndLaunch(db, campaignId);
  await enrollFromSegments(db, { campaignId, version });
  return { workspaceId, campaignId, version };
}

async function steps(campaignId: string, nodeId: string) {
  const { rows } = await pool.query<{
    lead_key: string;
    outcome: string;
    reason: unknown;
    cost: string;
  }>(
    `SELECT e.lead_key, s.outcome, s.reason, s.cost FROM steps s JOIN enrollments e ON e.id = s.enrollment_id
     WHERE s.campaign_id = $1 AND s.node_id = $2 ORDER BY e.lead_key`,
    [campaignId, nodeId],
  );
  return rows;
}

describe('sending (first version: the outbox and the call list)', () => {
  it('re-checks consent and suppression in the send transaction and records why a send was skipped', async () => {
    const { workspaceId, campaignId, version } = await campaignWith(
      {
        id: 'mail',
        type: 'email',
        cost: 0.05,
        config: { subject: 'Hi {{ lead.name }}', body: 'x' },
      },
      3,
    );
    await pool.query(
      `UPDATE leads SET consent_email = false WHERE workspace_id = $1 AND external_key = 'lead-2'`,
      [workspaceId],
    );
    await pool.query(
      `INSERT INTO suppressions (workspace_id, channel, value, reason) VALUES ($1, 'email', 'lead3@example.com', 'unsubscribed')`,
      [workspaceId],
    );
    await runUntilQuiet(db, pool, campaignId, version);
    expect(await steps(campaignId, 'mail')).toEqual([
      { lead_key: 'lead-1', outcome: 'sent', reason: { eligibility: 'eligible' }, cost: '0.0500' },
      {
        lead_key: 'lead-2',
        outcome: 'skipped',
        reason: { eligibility: 'no_consent' },
        cost: '0.0000',
      },
      {
        lead_key: 'lead-3',
        outcome: 'skipped',
        reason: { eligibility: 'suppressed' },
        cost: '0.0000',
      },
    ]);
    const { rows } = await pool.query(
      'SELECT recipient, subject, status FROM outbox_messages WHERE campaign_id = $1',
      [campaignId],
    );
    expect(rows).toEqual([
      { recipient: 'lead1@example.com', subject: 'Hi Lead 1', status: 'pending' },
    ]);
    const counts = await nodeCounts(pool, campaignId);
    expect([Number(counts.mail?.acted), Number(counts.mail?.cost)]).toEqual([1, 0.05]);
  });

  it('keeps messages of a test-mode campaign in the outbox (captured), SMS rendered from its text', async () => {
    const { campaignId, version } = await campaignWith(
      { id: 'sms', type: 'sms', config: { text: 'Hola {{ lead.name }}, código {{ lead.n }}' } },
      2,
      { mode: 'test' },
    );
    await runUntilQuiet(db, pool, campaignId, version);
    const { rows } = await pool.query(
      `SELECT channel, status, payload->>'text' AS text FROM outbox_messages WHERE campaign_id = $1 ORDER BY recipient`,
      [campaignId],
    );
    expect(rows).toEqual([
      { channel: 'sms', status: 'captured', text: 'Hola Lead 1, código 1' },
      { channel: 'sms', status: 'captured', text: 'Hola Lead 2, código 2' },
    ]);
  });

  it('creates one call task per visit with the rendered script and priority', async () => {
    const { campaignId, version } = await campaignWith(
      {
        id: 'call',
        type: 'call',
        config: { script: 'Llamar a {{ lead.name }}', priority: 'high' },
      },
      2,
    );
    await runUntilQuiet(db, pool, campaignId, version);
    const { rows } = await pool.query(
      'SELECT script, priority, status, step_id IS NOT NULL AS has_step FROM call_tasks WHERE campaign_id = $1 ORDER BY script',
      [campaignId],
    );
    expect(rows).toEqual([
      { script: 'Llamar a Lead 1', priority: 2, status: 'open', has_step: true },
      { script: 'Llamar a Lead 2', priority: 2, status: 'open', has_step: true },
    ]);
  });

  it('writes nothing to the outbox for a stale attempt; the newer attempt writes one message per lead', async () => {
    const { campaignId, version } = await campaignWith(
      { id: 'mail', type: 'email', config: { subject: 'Once', body: 'x' } },
      5,
    );
    await runUntilQuiet(db, pool, campaignId, version);
    // Leads are now parked at the email; rewind them to arrive again, as after a crash mid-batch.
    await pool.query('DELETE FROM outbox_messages WHERE campaign_id = $1', [campaignId]);
    await pool.query(
      `UPDATE enrollments SET status = 'active', due_at = now(), current_step_id = NULL, step_count = step_count - 1
       WHERE campaign_id = $1`,
      [campaignId],
    );
    await pool.query(
      `UPDATE node_counters SET acted = 0 WHERE campaign_id = $1 AND node_id = 'mail'`,
      [campaignId],
    );
    const scope = { campaignId, version, nodeId: 'mail' };
    const old = await db.transaction((tx) => claimBatch(tx, scope, 100));
    const fresh = await db.transaction((tx) => claimBatch(tx, scope, 100));
    await db.transaction((tx) => applyClaimed(tx, scope, old));
    await db.transaction((tx) => applyClaimed(tx, scope, fresh));
    const { rows } = await pool.query<{ n: string; keys: string }>(
      'SELECT count(*) AS n, count(DISTINCT idempotency_key) AS keys FROM outbox_messages WHERE campaign_id = $1',
      [campaignId],
    );
    expect(rows[0]).toEqual({ n: '5', keys: '5' });
    await expectCountsAddUp(pool, campaignId);
  });
});
