import type { Db } from '@rumbo/db';
import { hashContinue, hashFinish, hashFraction, hashStart, inControlGroup } from '@rumbo/flow';
import {
  changeCampaignStatus,
  enrollFromSegments,
  enrollLead,
  publishCampaign,
  RunnerError,
} from '@rumbo/runner';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  createCampaign,
  expectCountsAddUp,
  flow,
  nodeCounts,
  seedLeads,
  seedWorkspace,
  staticList,
} from './runner-fixtures.ts';

let t: TestDatabase;
let db: Db;
let pool: pg.Pool;

beforeAll(async () => {
  t = await createTestDatabase('runner-enrollment');
  db = t.db;
  pool = t.pool;
});
afterAll(async () => {
  await t.close();
});

const simpleFlow = (segmentId: string, settings: Record<string, unknown> = {}) =>
  flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId }] } },
      { id: 'x', type: 'exit' },
    ],
    [{ id: 'a', source: 'in', target: 'x', trigger: { kind: 'auto' } }],
    settings,
  );

async function caught(promise: Promise<unknown>): Promise<RunnerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RunnerError) return error;
    throw error;
  }
  throw new Error('expected a RunnerError');
}

describe('publish', () => {
  it('refuses a draft with errors, with the validator issues located on the node', async () => {
    const workspaceId = await seedWorkspace(db);
    const draft = flow(
      [
        { id: 'in', type: 'entry' },
        { id: 'br', type: 'branch' },
        { id: 'x', type: 'exit' },
      ],
      [
        { id: 'a', source: 'in', target: 'br', trigger: { kind: 'auto' } },
        {
          id: 'c',
          source: 'br',
          target: 'x',
          trigger: { kind: 'condition', order: 0, rule: { kind: 'stage', in: ['lead'] } },
        },
      ],
    );
    const campaignId = await createCampaign(db, workspaceId, draft);
    const error = await caught(publishCampaign(db, { campaignId, actor: 'system' }));
    expect(error.code).toBe('campaign_invalid');
    expect(error.issues.some((i) => i.severity === 'error' && i.nodeId === 'br')).toBe(true);
    const { rows: versions } = await pool.query(
      'SELECT 1 FROM campaign_versions WHERE campaign_id = $1',
      [campaignId],
    );
    expect(versions).toEqual([]);
  });

  it('freezes the draft as versions 1, 2 … that later draft edits do not change', async () => {
    const workspaceId = await seedWorkspace(db);
    const listId = await staticList(pool, workspaceId);
    const campaignId = await createCampaign(db, workspaceId, simpleFlow(listId));
    const first = await publishCampaign(db, { campaignId, actor: 'system' });
    await pool.query(
      `UPDATE campaigns SET draft = jsonb_set(draft, '{settings,name}', '"Changed"') WHERE id = $1`,
      [campaignId],
    );
    const second = await publishCampaign(db, { campaignId, actor: 'user:someone' });
    expect([first.version, second.version]).toEqual([1, 2]);
    const { rows } = await pool.query(
      `SELECT version, document->'settings'->>'name' AS name FROM campaign_versions WHERE campaign_id = $1 ORDER BY version`,
      [campaignId],
    );
    expect(rows).toEqual([
      { version: 1, name: 'Runner test' },
      { version: 2, name: 'Changed' },
    ]);
  });

  it('launches, pauses, resumes and stops with an audit row each, and refuses an invalid order', async () => {
    const workspaceId = await seedWorkspace(db);
    const listId = await staticList(pool, workspaceId);
    const campaignId = await createCampaign(db, workspaceId, simpleFlow(listId));
    expect(
      (await caught(changeCampaignStatus(db, { campaignId, command: 'launch', actor: 'system' })))
        .code,
    ).toBe('campaign_not_published');
    await publishCampaign(db, { campaignId, actor: 'system' });
    for (const command of ['launch', 'pause', 'resume', 'stop'] as const) {
      await changeCampaignStatus(db, { campaignId, command, actor: 'user:ops' });
    }
    expect(
      (await caught(changeCampaignStatus(db, { campaignId, command: 'pause', actor: 'system' })))
        .code,
    ).toBe('campaign_status_conflict');
    const { rows: audit } = await pool.query<{ action: string }>(
      'SELECT action FROM audit_log WHERE subject = $1 ORDER BY id',
      [`campaign:${campaignId}`],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'campaign.published',
      'campaign.launched',
      'campaign.paused',
      'campaign.resumed',
      'campaign.stopped',
    ]);
  });
});

describe('enrollment', () => {
  it('enrols a filter segment once per lead key: a second run adds nobody and the counts stay right', async () => {
    const workspaceId = await seedWorkspace(db);
    await seedLeads(pool, workspaceId, 50);
    await pool.query(
      `UPDATE leads SET stage = 'customer' WHERE workspace_id = $1 AND (attributes->>'n')::int > 30`,
      [workspaceId],
    );
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO segments (workspace_id, name, kind, rule) VALUES ($1, 'Customers', 'filter', $2) RETURNING id`,
      [workspaceId, JSON.stringify({ kind: 'stage', in: ['customer'] })],
    );
    const segmentId = rows[0]?.id ?? '';
    const campaignId = await createCampaign(db, workspaceId, simpleFlow(segmentId));
    const { version } = await publishCampaign(db, { campaignId, actor: 'system' });
    expect(await enrollFromSegments(db, { campaignId, version })).toEqual({
      enrolled: 20,
      control: 0,
      missingSegments: [],
      refused: null,
    });
    expect(await enrollFromSegments(db, { campaignId, version })).toEqual({
      enrolled: 0,
      control: 0,
      missingSegments: [],
      refused: null,
    });
    expect(Number((await nodeCounts(pool, campaignId)).in?.waiting)).toBe(20);
    await expectCountsAddUp(pool, campaignId);
  });

  it('enrols by counted event history: «at least 2» and «at most 1» purchases pick the right leads', async () => {
    const workspaceId = await seedWorkspace(db);
    await seedLeads(pool, workspaceId, 12);
    // Lead n bought (n mod 4) times: 0, 1, 2 or 3 purchases; a visit never counts.
    await pool.query(
      `INSERT INTO lead_events (workspace_id, lead_id, name, occurred_at, properties)
       SELECT l.workspace_id, l.id, 'purchased', now() - make_interval(days => k), '{}'::jsonb
       FROM leads l, generate_series(1, 3) k
       WHERE l.workspace_id = $1 AND k <= (l.attributes->>'n')::int % 4
       UNION ALL
       SELECT workspace_id, id, 'visited', now(), '{}'::jsonb FROM leads WHERE workspace_id = $1`,
      [workspaceId],
    );
    const enrolledKeys = async (count: { op: 'atLeast' | 'atMost'; n: number }) => {
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO segments (workspace_id, name, kind, rule) VALUES ($1, $2, 'filter', $3) RETURNING id`,
        [
          workspaceId,
          `${count.op} ${count.n}`,
          JSON.stringify({ kind: 'event', name: 'purchased', count }),
        ],
      );
      const campaignId = await createCampaign(
        db,
        workspaceId,
        simpleFlow(rows[0]?.id ?? '', { code: `EV${count.op}${count.n}` }),
      );
      const { version } = await publishCampaign(db, { campaignId, actor: 'system' });
      await enrollFromSegments(db, { campaignId, version });
      const keys = await pool.query<{ n: number }>(
        `SELECT (l.attributes->>'n')::int AS n FROM enrollments e JOIN leads l ON l.id = e.lead_id
         WHERE e.campaign_id = $1 ORDER BY 1`,
        [campaignId],
      );
      return keys.rows.map((r) => r.n);
    };
    expect(await enrolledKeys({ op: 'atLeast', n: 2 })).toEqual([2, 3, 6, 7, 10, 11]);
    expect(await enrolledKeys({ op: 'atMost', n: 1 })).toEqual([1, 4, 5, 8, 9, 12]);
  });

  it('adds one lead by hand, once, and refuses an unknown key', async () => {
    const workspaceId = await seedWorkspace(db);
    await seedLeads(pool, workspaceId, 3);
    const listId = await staticList(pool, workspaceId, 'Empty');
    await pool.query('DELETE FROM list_members WHERE list_id = $1', [listId]);
    const campaignId = await createCampaign(db, workspaceId, simpleFlow(listId));
    const { version } = await publishCampaign(db, { campaignId, actor: 'system' });
    expect(await enrollLead(db, { campaignId, version, leadKey: 'lead-2' })).toEqual({
      enrolled: 1,
      control: 0,
      nodeId: 'in',
    });
    expect(await enrollLead(db, { campaignId, version, leadKey: 'lead-2' })).toEqual({
      enrolled: 0,
      control: 0,
      nodeId: 'in',
    });
    expect((await caught(enrollLead(db, { campaignId, version, leadKey: 'nobody' }))).code).toBe(
      'lead_not_found',
    );
  });

  it('draws the control group in SQL exactly as inControlGroup does, lead by lead', async () => {
    const workspaceId = await seedWorkspace(db);
    await seedLeads(pool, workspaceId, 400, 'cliente-ñandú-😀');
    const listId = await staticList(pool, workspaceId);
    const campaignId = await createCampaign(
      db,
      workspaceId,
      simpleFlow(listId, { controlShare: 30, seed: 'sémilla' }),
    );
    const { version } = await publishCampaign(db, { campaignId, actor: 'system' });
    const result = await enrollFromSegments(db, { campaignId, version });
    const { rows } = await pool.query<{ lead_key: string; is_control: boolean }>(
      'SELECT lead_key, is_control FROM enrollments WHERE campaign_id = $1',
      [campaignId],
    );
    expect(rows).toHaveLength(400);
    for (const row of rows) {
      expect(row.is_control).toBe(
        inControlGroup({ leadKey: row.lead_key, seed: 'sémilla', share: 30 }),
      );
    }
    expect(result.control).toBe(rows.filter((r) => r.is_control).length);
    expect(result.control).toBeGreaterThan(80);
    expect(result.control).toBeLessThan(160);
    await expectCountsAddUp(pool, campaignId);
  });

  it('hashes any text in SQL to the same fraction as the shared hash (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ maxLength: 12 }),
        async (key, seed) => {
          const prefix = hashStart('control', seed) >>> 0;
          const { rows } = await pool.query<{ f: number }>(
            'SELECT rumbo_hash_fraction($1, $2) AS f',
            [prefix, key],
          );
          expect(rows[0]?.f).toBe(hashFraction(hashFinish(hashContinue(prefix, key))));
        },
      ),
      { numRuns: 300 },
    );
  });
});
