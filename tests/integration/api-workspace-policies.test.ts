import type { WorkspacePolicies } from '@rumbo/flow/policy';
import { enrollFromSegments } from '@rumbo/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';
import { zoneAtLocalHour } from '../support/time-zones.ts';
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
let app: TestApp;
let workspaceId: string;

const URL = '/api/v1/workspace/policies';
const night = { start: '21:00', end: '09:00', channels: ['email', 'sms'] };
const weekly = { max: 3, period: { amount: 7, unit: 'days' }, channels: ['email', 'call'] };

beforeAll(async () => {
  t = await createTestDatabase('api-workspace-policies');
  workspaceId = await seedWorkspace(t.db);
  // Other settings share the column: a save of the policies must leave them as they are.
  await t.pool.query('UPDATE workspaces SET settings = $2::jsonb WHERE id = $1', [
    workspaceId,
    JSON.stringify({ callCapacity: { 'some-campaign': 40 }, theme: 'dark' }),
  ]);
  app = await buildTestApp(t);
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

async function current(): Promise<WorkspacePolicies> {
  const res = await app.inject({ method: 'GET', url: URL });
  expect(res.statusCode).toBe(200);
  return res.json<WorkspacePolicies>();
}

const save = (revision: number, policies: unknown) =>
  app.inject({ method: 'PUT', url: URL, payload: { revision, policies } });

async function storedSettings(): Promise<Record<string, unknown>> {
  const { rows } = await t.pool.query<{ settings: Record<string, unknown> }>(
    'SELECT settings FROM workspaces WHERE id = $1',
    [workspaceId],
  );
  return rows[0]?.settings ?? {};
}

describe('workspace contact policies over HTTP', () => {
  it('reads no policies at revision 0 before anything was saved', async () => {
    expect(await current()).toEqual({
      policies: { quietHours: [], pressure: [] },
      revision: 0,
      savedAt: null,
      storedIssues: [],
    });
  });

  it('saves quiet hours and a cap, reads them back, and keeps the other settings', async () => {
    const res = await save(0, { quietHours: [night], pressure: [weekly] });
    expect(res.statusCode).toBe(200);
    const saved = res.json<WorkspacePolicies>();
    expect(saved).toMatchObject({
      revision: 1,
      policies: { quietHours: [night], pressure: [{ ...weekly, onLimit: 'defer' }] },
    });
    expect(Date.parse(saved.savedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(await current()).toEqual(saved);
    const settings = await storedSettings();
    expect(settings).toMatchObject({ callCapacity: { 'some-campaign': 40 }, theme: 'dark' });
    expect(settings.policies).toEqual(saved.policies);
    const { rows } = await t.pool.query(
      `SELECT actor, data->'revision' AS revision FROM audit_log
       WHERE action = 'workspace.policies_changed' AND subject = $1`,
      [`workspace:${workspaceId}`],
    );
    expect(rows).toEqual([{ actor: 'anonymous', revision: 1 }]);
  });

  it('refuses bad policies with every issue located and writes nothing', async () => {
    const before = await current();
    const res = await app.inject({
      method: 'PUT',
      url: URL,
      headers: { 'accept-language': 'es' },
      payload: {
        revision: before.revision,
        policies: {
          quietHours: [{ start: '10:00', end: '10:00', channels: ['fax'] }],
          pressure: [{ ...weekly, max: -1 }],
          quietHour: [],
        },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json<{ code: string; title: string; issues: unknown[] }>();
    expect(problem.code).toBe('validation_failed');
    expect(problem.title).toBe('La petición no es válida');
    expect(problem.issues).toEqual([
      {
        location: 'body',
        path: ['policies', 'quietHours', 0, 'channels', 0],
        code: 'invalid_choice',
        message: 'Not an allowed value; choose one of: email, sms, call.',
      },
      {
        location: 'body',
        path: ['policies', 'pressure', 0, 'max'],
        code: 'too_small',
        message: 'Must be at least 1.',
      },
      {
        location: 'body',
        path: ['policies', 'quietHour'],
        code: 'unknown_field',
        message: 'Unknown field: it would not be saved.',
      },
    ]);
    expect(await current()).toEqual(before);
  });

  it('refuses a window that covers nothing, a bad clock and a missing revision', async () => {
    const before = await current();
    const empty = await save(before.revision, { quietHours: [{ ...night, end: '21:00' }] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().issues).toMatchObject([
      { path: ['policies', 'quietHours', 0, 'end'], code: 'empty_window' },
    ]);
    const clock = await save(before.revision, { quietHours: [{ ...night, start: '9pm' }] });
    expect(clock.json().issues).toMatchObject([
      { path: ['policies', 'quietHours', 0, 'start'], code: 'invalid_clock' },
    ]);
    const noRevision = await app.inject({ method: 'PUT', url: URL, payload: { policies: {} } });
    expect(noRevision.statusCode).toBe(400);
    expect(noRevision.json().issues).toMatchObject([{ location: 'body', path: ['revision'] }]);
    expect(await current()).toEqual(before);
  });

  it('answers odd bodies with located 400s, never a 500', async () => {
    const before = await current();
    const cases: [unknown, unknown][] = [
      [null, { path: ['policies'], code: 'invalid_type' }],
      [[], { path: ['policies'], code: 'invalid_type' }],
      [
        { quietHours: Array.from({ length: 21 }, () => night) },
        { path: ['policies', 'quietHours'], code: 'too_many' },
      ],
      [
        { pressure: [{ ...weekly, period: { amount: 1, unit: 'years' } }] },
        { path: ['policies', 'pressure', 0, 'period', 'unit'], code: 'invalid_choice' },
      ],
      [
        { pressure: [{ ...weekly, max: '3' }] },
        { path: ['policies', 'pressure', 0, 'max'], code: 'invalid_type' },
      ],
    ];
    for (const [policies, issue] of cases) {
      const res = await save(before.revision, policies);
      expect(res.statusCode, JSON.stringify(policies)).toBe(400);
      expect(res.json().issues).toMatchObject([issue]);
    }
    const notJson = await app.inject({
      method: 'PUT',
      url: URL,
      headers: { 'content-type': 'application/json' },
      payload: '{"revision": 1, "policies": ',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.headers['content-type']).toContain('application/problem+json');
    expect(await current()).toEqual(before);
  });

  it('answers a stale revision with 409 and the current one, and two racing saves give one 200', async () => {
    const before = await current();
    const stale = await save(before.revision - 1, { quietHours: [] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'conflict', currentRevision: before.revision });
    expect(await current()).toEqual(before);

    const [a, b] = await Promise.all([
      save(before.revision, { quietHours: [{ ...night, start: '22:00' }] }),
      save(before.revision, { quietHours: [{ ...night, start: '23:00' }] }),
    ]);
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 409]);
    const after = await current();
    expect(after.revision).toBe(before.revision + 1);
    const winner = a?.statusCode === 200 ? '22:00' : '23:00';
    expect(after.policies.quietHours[0]?.start).toBe(winner);
  });

  it('shows a hand-edited value that does not parse, and a save repairs it', async () => {
    await t.pool.query(
      `UPDATE workspaces SET settings = settings || '{"policies": {"quietHours": "night"}}'
       WHERE id = $1`,
      [workspaceId],
    );
    const broken = await current();
    expect(broken.policies).toEqual({ quietHours: [], pressure: [] });
    expect(broken.storedIssues).toEqual([expect.stringContaining('policies.quietHours')]);
    const res = await save(broken.revision, { quietHours: [night] });
    expect(res.statusCode).toBe(200);
    expect(res.json<WorkspacePolicies>().storedIssues).toEqual([]);
  });
});

describe('the runner applies policies saved through the API', () => {
  it('defers an email to a lead in their night until 09:00 there, and sends by day', async () => {
    const before = await current();
    const saved = await save(before.revision, { quietHours: [night] });
    expect(saved.statusCode).toBe(200);
    await seedLeads(t.pool, workspaceId, 2);
    await t.pool.query(
      `UPDATE leads SET time_zone = CASE external_key WHEN 'lead-1' THEN $2 ELSE $3 END
       WHERE workspace_id = $1`,
      [workspaceId, zoneAtLocalHour(23), zoneAtLocalHour(12)],
    );
    const listId = await staticList(t.pool, workspaceId);
    const document = flow(
      [
        { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
        { id: 'msg', type: 'email', config: { subject: 'Hola', body: '<p>Hola</p>' } },
        { id: 'x', type: 'exit' },
      ],
      [
        { id: 'a', source: 'in', target: 'msg', trigger: { kind: 'auto' } },
        {
          id: 't',
          source: 'msg',
          target: 'x',
          trigger: { kind: 'timeout', amount: 1, unit: 'days' },
        },
      ],
    );
    const campaignId = await createCampaign(t.db, workspaceId, document);
    const version = await publishAndLaunch(t.db, campaignId);
    await enrollFromSegments(t.db, { campaignId, version });
    await runUntilQuiet(t.db, t.pool, campaignId, version);

    const { rows: sent } = await t.pool.query<{ key: string }>(
      `SELECT l.external_key AS key FROM outbox_messages o JOIN leads l ON l.id = o.lead_id
       WHERE o.campaign_id = $1`,
      [campaignId],
    );
    expect(sent).toEqual([{ key: 'lead-2' }]);
    const { rows } = await t.pool.query<{ outcome: string; code: string; local: string }>(
      `SELECT s.outcome, s.reason->'policy'->>'code' AS code,
         to_char(e.due_at AT TIME ZONE $2, 'HH24:MI') AS local
       FROM steps s JOIN enrollments e ON e.id = s.enrollment_id
       WHERE s.campaign_id = $1 AND s.node_id = 'msg' AND e.lead_key = 'lead-1'`,
      [campaignId, zoneAtLocalHour(23)],
    );
    expect(rows).toEqual([{ outcome: 'deferred', code: 'quiet_hours', local: '09:00' }]);
  });
});
