import type { CallOutcomeResult, CallReport, CallTaskDetail, CallTaskList } from '@rumbo/flow';
import { enrollFromSegments } from '@rumbo/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';
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
let campaignId: string;

/** entry → call → won (objective achieved) | lost (not interested) | gave-up after 7 days. */
async function callCampaign(workspaceId: string, listId: string) {
  const document = flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      {
        id: 'call',
        type: 'call',
        config: {
          script: 'Hola {{ lead.name }}, te llamamos por la preventa de suéteres.',
          priority: 'normal',
        },
      },
      { id: 'won', type: 'exit' },
      { id: 'lost', type: 'exit' },
      { id: 'gave-up', type: 'exit' },
    ],
    [
      { id: 'a', source: 'in', target: 'call', trigger: { kind: 'auto' } },
      {
        id: 'w',
        source: 'call',
        target: 'won',
        trigger: { kind: 'signal', signal: 'objective_achieved' },
      },
      {
        id: 'l',
        source: 'call',
        target: 'lost',
        trigger: { kind: 'signal', signal: 'not_interested' },
      },
      {
        id: 'g',
        source: 'call',
        target: 'gave-up',
        trigger: { kind: 'timeout', amount: 7, unit: 'days' },
      },
    ],
    { code: 'RET045', name: 'Preventa de suéteres' },
  );
  const id = await createCampaign(t.db, workspaceId, document);
  const version = await publishAndLaunch(t.db, id);
  await enrollFromSegments(t.db, { campaignId: id, version });
  await runUntilQuiet(t.db, t.pool, id, version);
  return id;
}

beforeAll(async () => {
  t = await createTestDatabase('api-call-tasks');
  const workspaceId = await seedWorkspace(t.db);
  await seedLeads(t.pool, workspaceId, 4);
  await t.pool.query(`UPDATE leads SET email = NULL WHERE external_key = 'lead-4'`);
  const listId = await staticList(t.pool, workspaceId);
  campaignId = await callCampaign(workspaceId, listId);
  // A lead who is not on the list, for "Nuevo cliente".
  await seedLeads(t.pool, workspaceId, 1, 'extra');
  app = await buildTestApp(t);
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

async function list(status = 'open'): Promise<CallTaskList> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/call-tasks?campaignId=${campaignId}&status=${status}`,
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

const keys = (l: CallTaskList) => l.items.map((i) => i.leadKey);

async function taskOf(leadKey: string) {
  const found = (await list()).items.find((i) => i.leadKey === leadKey);
  if (!found) throw new Error(`no open task for ${leadKey}`);
  return found;
}

function post(url: string, payload: unknown) {
  return app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });
}

async function enrollmentOf(leadKey: string) {
  const { rows } = await t.pool.query<{ node_id: string; status: string }>(
    'SELECT node_id, status FROM enrollments WHERE campaign_id = $1 AND lead_key = $2',
    [campaignId, leadKey],
  );
  return rows[0];
}

describe('call list API', () => {
  it('lists the open calls in contact order with totals with and without email', async () => {
    const open = await list();
    expect(keys(open)).toEqual(['lead-1', 'lead-2', 'lead-3', 'lead-4']);
    expect(open.totals).toEqual({ total: 4, withEmail: 3, withoutEmail: 1 });
    expect(open.items[0]).toMatchObject({
      campaignCode: 'RET045',
      priority: 'normal',
      remindAt: null,
    });
    const campaigns = await app.inject({ method: 'GET', url: '/api/v1/call-tasks/campaigns' });
    expect(campaigns.json()).toEqual({
      items: [{ id: campaignId, code: 'RET045', name: 'Preventa de suéteres', open: 4, closed: 0 }],
    });
  });

  it('shows the lead card with contact data, recent purchases, the rendered script and the outcomes', async () => {
    const task = await taskOf('lead-2');
    await t.pool.query(
      `INSERT INTO lead_events (workspace_id, lead_id, name, occurred_at, properties)
       SELECT workspace_id, id, 'purchased', now() - interval '3 days', '{"amount": 49.9, "family": "Suéteres"}'
       FROM leads WHERE external_key = 'lead-2'`,
    );
    const response = await app.inject({ method: 'GET', url: `/api/v1/call-tasks/${task.id}` });
    expect(response.statusCode).toBe(200);
    const detail: CallTaskDetail = response.json();
    expect(detail.lead).toMatchObject({ key: 'lead-2', phone: '+34600000002', stage: 'lead' });
    expect(detail.script).toBe('Hola Lead 2, te llamamos por la preventa de suéteres.');
    expect(detail.purchases.map((p) => p.properties.family)).toEqual(['Suéteres']);
    expect(detail.outcomes.map((o) => o.id)).toEqual([
      'objective_achieved',
      'interested',
      'not_interested',
      'no_answer',
    ]);
    expect(detail.enrollment).toEqual({ nodeId: 'call', nodeName: 'call', status: 'waiting' });
  });

  it('moves a call snoozed by +2 h below the calls that are due now', async () => {
    const first = await taskOf('lead-1');
    const response = await post(`/api/v1/call-tasks/${first.id}/snooze`, { by: '2h' });
    expect(response.statusCode).toBe(200);
    const remindAt = Date.parse(response.json().remindAt);
    const { rows } = await t.pool.query<{ ms: number }>(
      `SELECT extract(epoch from now() + interval '2 hours') * 1000 AS ms`,
    );
    expect(Math.abs(remindAt - Number(rows[0]?.ms))).toBeLessThan(60_000);
    expect(keys(await list())).toEqual(['lead-2', 'lead-3', 'lead-4', 'lead-1']);
  });

  it('orders by remind date first, then priority: a later date goes after an earlier one', async () => {
    const third = await taskOf('lead-3');
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const response = await post(`/api/v1/call-tasks/${third.id}/snooze`, {
      until,
      note: 'De viaje; recordar en 3 días',
    });
    expect(response.statusCode).toBe(200);
    expect(Date.parse(response.json().remindAt)).toBe(Date.parse(until));
    expect(keys(await list())).toEqual(['lead-2', 'lead-4', 'lead-1', 'lead-3']);
    await t.pool.query(
      `UPDATE call_tasks SET priority = 3 FROM leads l WHERE l.id = call_tasks.lead_id AND l.external_key = 'lead-4'`,
    );
    expect(keys(await list())).toEqual(['lead-4', 'lead-2', 'lead-1', 'lead-3']);
  });

  it('refuses a snooze into the past or by an unknown step with a located 400, changing nothing', async () => {
    const task = await taskOf('lead-2');
    const past = await post(`/api/v1/call-tasks/${task.id}/snooze`, {
      until: '2020-01-01T00:00:00Z',
    });
    expect(past.statusCode).toBe(400);
    expect(past.headers['content-type']).toContain('application/problem+json');
    expect(past.json().issues).toEqual([
      expect.objectContaining({ location: 'body', path: ['until'], code: 'in_the_past' }),
    ]);
    const unknown = await post(`/api/v1/call-tasks/${task.id}/snooze`, { by: '3h' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('validation_failed');
    expect((await taskOf('lead-2')).remindAt).toBeNull();
  });

  it('logs an event as a lead event with the campaign code as project and shows it on the card', async () => {
    const task = await taskOf('lead-2');
    const note = 'Pregunta por accesos para discapacidad; llamar en una semana';
    const response = await post(`/api/v1/call-tasks/${task.id}/events`, { note });
    expect(response.statusCode).toBe(200);
    expect(response.json().note).toBe(note);
    const { rows } = await t.pool.query(
      `SELECT properties->>'project' AS project, properties->>'note' AS note FROM lead_events
       WHERE name = 'call_logged'`,
    );
    expect(rows).toEqual([{ project: 'RET045', note }]);
    const detail: CallTaskDetail = (
      await app.inject({ method: 'GET', url: `/api/v1/call-tasks/${task.id}` })
    ).json();
    expect(detail.history.map((h) => h.name)).toEqual(['call_logged']);
    const empty = await post(`/api/v1/call-tasks/${task.id}/events`, { note: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().issues[0]).toMatchObject({ location: 'body', path: ['note'] });
  });

  it('closes the call on "objective achieved", takes it off the open list and moves the lead to its target', async () => {
    const task = await taskOf('lead-2');
    const response = await post(`/api/v1/call-tasks/${task.id}/outcome`, {
      outcome: 'objective_achieved',
      comment: 'Confirmó asistencia a la preventa',
    });
    expect(response.statusCode).toBe(200);
    const result: CallOutcomeResult = response.json();
    expect(result).toMatchObject({
      moved: true,
      task: { status: 'closed', outcome: 'objective_achieved' },
    });
    // The signal moves the lead to the target at once; the runner then executes that node.
    expect(await enrollmentOf('lead-2')).toEqual({ node_id: 'won', status: 'active' });
    const { rows } = await t.pool.query<{ version: number }>(
      'SELECT published_version AS version FROM campaigns WHERE id = $1',
      [campaignId],
    );
    await runUntilQuiet(t.db, t.pool, campaignId, rows[0]?.version ?? 1);
    expect(await enrollmentOf('lead-2')).toEqual({ node_id: 'won', status: 'exited' });
    expect(keys(await list())).not.toContain('lead-2');
    const closed = await list('closed');
    expect(keys(closed)).toEqual(['lead-2']);
    expect(closed.items[0]?.note).toBe('Confirmó asistencia a la preventa');
    const again = await post(`/api/v1/call-tasks/${task.id}/outcome`, {
      outcome: 'objective_achieved',
    });
    expect(again.statusCode).toBe(409);
  });

  it('keeps a "no answer" call open for another attempt in two hours when the flow does not follow it', async () => {
    const task = await taskOf('lead-4');
    const response = await post(`/api/v1/call-tasks/${task.id}/outcome`, { outcome: 'no_answer' });
    expect(response.statusCode).toBe(200);
    const result: CallOutcomeResult = response.json();
    expect(result).toMatchObject({ moved: false, task: { status: 'open', attempts: 1 } });
    expect(Date.parse(result.task.remindAt ?? '')).toBeGreaterThan(Date.now() + 100 * 60_000);
    expect(await enrollmentOf('lead-4')).toEqual({ node_id: 'call', status: 'waiting' });
  });

  it('refuses an outcome the call node does not offer, naming the allowed ones', async () => {
    const task = await taskOf('lead-1');
    const response = await post(`/api/v1/call-tasks/${task.id}/outcome`, { outcome: 'maybe' });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.issues[0]).toMatchObject({
      location: 'body',
      path: ['outcome'],
      code: 'unknown_outcome',
    });
    expect(problem.detail).toContain('objective_achieved, interested, not_interested, no_answer');
    expect((await taskOf('lead-1')).status).toBe('open');
    expect(await enrollmentOf('lead-1')).toEqual({ node_id: 'call', status: 'waiting' });
  });

  it('adds a lead who is not on the list by key, once; an unknown key is a located 400', async () => {
    const added = await post('/api/v1/call-tasks', { campaignId, leadKey: 'extra-1' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ leadKey: 'extra-1', nodeId: 'call', status: 'open' });
    expect(keys(await list())).toContain('extra-1');
    const twice = await post('/api/v1/call-tasks', { campaignId, leadKey: 'extra-1' });
    expect(twice.statusCode).toBe(409);
    const unknown = await post('/api/v1/call-tasks', { campaignId, leadKey: 'nobody' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues[0]).toMatchObject({ path: ['leadKey'], code: 'lead_not_found' });
  });

  it('drops a call from the open list once its lead has left the call node by the timeout', async () => {
    await t.pool.query(
      `UPDATE enrollments SET due_at = now() - interval '1 second'
       WHERE campaign_id = $1 AND lead_key = 'lead-1'`,
      [campaignId],
    );
    const { rows } = await t.pool.query<{ version: number }>(
      'SELECT published_version AS version FROM campaigns WHERE id = $1',
      [campaignId],
    );
    await runUntilQuiet(t.db, t.pool, campaignId, rows[0]?.version ?? 1);
    expect(await enrollmentOf('lead-1')).toEqual({ node_id: 'gave-up', status: 'exited' });
    const open = await list();
    expect(keys(open)).not.toContain('lead-1');
    expect(open.totals.total).toBe(open.items.length);
  });

  it('reports the campaign call events with a count per kind and outcome', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/call-tasks/report?campaignId=${campaignId}`,
    });
    expect(response.statusCode).toBe(200);
    const report: CallReport = response.json();
    expect(report.campaign.code).toBe('RET045');
    expect(report.counts).toEqual([
      { name: 'call_logged', outcome: null, count: 1 },
      { name: 'call_outcome', outcome: 'no_answer', count: 1 },
      { name: 'call_outcome', outcome: 'objective_achieved', count: 1 },
      { name: 'call_snoozed', outcome: null, count: 2 },
    ]);
    expect(report.events).toHaveLength(5);
  });
});
