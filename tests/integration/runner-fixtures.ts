import type { Db } from '@rumbo/db';
import { campaigns, workspaces } from '@rumbo/db';
import { FlowDocument } from '@rumbo/flow';
import { changeCampaignStatus, drainNode, publishCampaign } from '@rumbo/runner';
import type pg from 'pg';
import { expect } from 'vitest';

// Shared set-up of the runner's integration tests (each test file has its own database).

export async function seedWorkspace(db: Db): Promise<string> {
  const [row] = await db.insert(workspaces).values({ name: 'Runner tests' }).returning();
  if (!row) throw new Error('workspace not created');
  return row.id;
}

/** `count` leads `prefix-1…` with email consent, stage `lead`, set-based. */
export async function seedLeads(
  pool: pg.Pool,
  workspaceId: string,
  count: number,
  prefix = 'lead',
): Promise<void> {
  await pool.query(
    `INSERT INTO leads (workspace_id, external_key, name, email, phone, stage, consent_email, consent_sms, consent_call, attributes)
     SELECT $1, $2 || '-' || i, 'Lead ' || i, $2 || i || '@example.com', '+3460000' || lpad(i::text, 4, '0'),
            'lead', true, true, true, jsonb_build_object('n', i)
     FROM generate_series(1, $3::int) AS i`,
    [workspaceId, prefix, count],
  );
}

export async function staticList(
  pool: pg.Pool,
  workspaceId: string,
  name = 'Everyone',
): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO segments (workspace_id, name, kind) VALUES ($1, $2, 'static') RETURNING id`,
    [workspaceId, name],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('segment not created');
  await pool.query(
    `INSERT INTO list_members (list_id, lead_id) SELECT $1, id FROM leads WHERE workspace_id = $2`,
    [id, workspaceId],
  );
  return id;
}

type RawNode = {
  id: string;
  type: string;
  config?: Record<string, unknown>;
  cost?: number;
  stalePolicy?: Record<string, unknown>;
};
type RawTransition = {
  id: string;
  source: string;
  target: string;
  trigger: Record<string, unknown>;
};

export function flow(
  nodes: RawNode[],
  transitions: RawTransition[],
  settings: Record<string, unknown> = {},
): FlowDocument {
  return FlowDocument.parse({
    schemaVersion: 1,
    settings: { code: 'RT1', name: 'Runner test', mode: 'live', ...settings },
    nodes: nodes.map((n) => ({ name: n.id, config: {}, ...n })),
    transitions,
  });
}

export async function createCampaign(db: Db, workspaceId: string, draft: FlowDocument) {
  const [row] = await db
    .insert(campaigns)
    .values({ workspaceId, code: draft.settings.code, name: draft.settings.name, draft })
    .returning();
  if (!row) throw new Error('campaign not created');
  return row.id;
}

/** Publishes the draft and launches it; returns the version. */
export async function publishAndLaunch(db: Db, campaignId: string): Promise<number> {
  const { version } = await publishCampaign(db, { campaignId, actor: 'system' });
  await changeCampaignStatus(db, { campaignId, command: 'launch', actor: 'system' });
  return version;
}

/** Makes every parked enrollment due now, as if its delay or timeout had passed. */
export async function fastForward(pool: pg.Pool, campaignId: string): Promise<void> {
  await pool.query(
    `UPDATE enrollments SET due_at = now() - interval '1 second'
     WHERE campaign_id = $1 AND status IN ('active', 'waiting') AND due_at IS NOT NULL`,
    [campaignId],
  );
}

/** Drains every node until nothing is due; checks after each batch that the counts add up. */
export async function runUntilQuiet(
  db: Db,
  pool: pg.Pool,
  campaignId: string,
  version: number,
): Promise<number> {
  let total = 0;
  for (let round = 0; round < 50; round++) {
    const { rows } = await pool.query<{ node_id: string }>(
      `SELECT DISTINCT node_id FROM enrollments
       WHERE campaign_id = $1 AND status IN ('active', 'waiting') AND due_at <= now()`,
      [campaignId],
    );
    if (rows.length === 0) return total;
    for (const { node_id } of rows) {
      const result = await drainNode(db, { campaignId, version, nodeId: node_id });
      total += result.applied;
      await expectCountsAddUp(pool, campaignId);
    }
  }
  throw new Error('flow did not settle in 50 rounds');
}

/** Node counters equal the enrollments: waiting = live leads at the node, ended = journeys ended there. */
export async function expectCountsAddUp(pool: pg.Pool, campaignId: string): Promise<void> {
  const { rows: actual } = await pool.query<{ node_id: string; live: string; ended: string }>(
    `SELECT node_id, count(*) FILTER (WHERE status IN ('active', 'waiting')) AS live,
            count(*) FILTER (WHERE status NOT IN ('active', 'waiting')) AS ended
     FROM enrollments WHERE campaign_id = $1 AND NOT is_control GROUP BY node_id`,
    [campaignId],
  );
  const { rows: counted } = await pool.query<{ node_id: string; waiting: string; ended: string }>(
    'SELECT node_id, waiting, ended FROM node_counters WHERE campaign_id = $1',
    [campaignId],
  );
  const fromRows = Object.fromEntries(
    actual.map((r) => [r.node_id, { waiting: Number(r.live), ended: Number(r.ended) }]),
  );
  const fromCounters = Object.fromEntries(
    counted
      .filter((r) => Number(r.waiting) !== 0 || Number(r.ended) !== 0)
      .map((r) => [r.node_id, { waiting: Number(r.waiting), ended: Number(r.ended) }]),
  );
  expect(fromCounters).toEqual(fromRows);
}

export async function nodeCounts(pool: pg.Pool, campaignId: string) {
  const { rows } = await pool.query<{
    node_id: string;
    waiting: string;
    entered: string;
    acted: string;
    converted: string;
    ended: string;
    failed: string;
    revenue: string;
    cost: string;
  }>('SELECT * FROM node_counters WHERE campaign_id = $1', [campaignId]);
  return Object.fromEntries(rows.map((r) => [r.node_id, r]));
}

export async function transitionCounts(
  pool: pg.Pool,
  campaignId: string,
): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ transition_id: string; passed: string }>(
    'SELECT transition_id, passed FROM transition_counters WHERE campaign_id = $1',
    [campaignId],
  );
  return Object.fromEntries(rows.map((r) => [r.transition_id, Number(r.passed)]));
}

/** Where each lead is: lead key → `node:status`. */
export async function positions(
  pool: pg.Pool,
  campaignId: string,
): Promise<Record<string, string>> {
  const { rows } = await pool.query<{ lead_key: string; node_id: string; status: string }>(
    'SELECT lead_key, node_id, status FROM enrollments WHERE campaign_id = $1',
    [campaignId],
  );
  return Object.fromEntries(rows.map((r) => [r.lead_key, `${r.node_id}:${r.status}`]));
}
