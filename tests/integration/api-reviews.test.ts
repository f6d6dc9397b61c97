import {
  type CampaignDetail,
  FlowDocument,
  type Review,
  type ReviewList,
  type ReviewSimulationSummary,
} from '@rumbo/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: TestApp;

beforeAll(async () => {
  database = await createTestDatabase('api-reviews');
  app = await buildTestApp(database);
  await database.pool.query("insert into workspaces (name) values ('Pruebas')");
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Json = Record<string, unknown>;

async function call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const response = await app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    headers: payload === undefined ? {} : { 'content-type': 'application/json' },
  });
  return { status: response.statusCode, body: response.json<Json>(), response };
}

/** A fresh seed-000 free-sample campaign (valid, never published). */
async function campaign(): Promise<CampaignDetail> {
  const { status, body } = await call('POST', '/api/v1/campaigns', {
    from: 'template',
    templateId: 'seed-free-sample',
    locale: 'es',
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return body as unknown as CampaignDetail;
}

async function saveDraft(c: CampaignDetail, document: FlowDocument, revision: number) {
  const { status, body } = await call('PUT', `/api/v1/campaigns/${c.id}/draft`, {
    document,
    revision,
  });
  expect(status, JSON.stringify(body)).toBe(200);
  return Number(body.revision);
}

async function submit(c: CampaignDetail, revision: number, note = 'Lista para revisar') {
  return call('POST', `/api/v1/campaigns/${c.id}/reviews`, { draftRevision: revision, note });
}

async function reviews(c: CampaignDetail): Promise<ReviewList> {
  const { status, body } = await call('GET', `/api/v1/campaigns/${c.id}/reviews`);
  expect(status).toBe(200);
  return body as unknown as ReviewList;
}

async function auditActions(c: CampaignDetail): Promise<string[]> {
  const rows = await database.pool.query<{ action: string }>(
    'select action from audit_log where subject = $1 order by id',
    [`campaign:${c.id}`],
  );
  return rows.rows.map((r) => r.action);
}

function summary(draftRevision: number): ReviewSimulationSummary {
  return {
    draftRevision,
    ranAt: '2026-12-01T09:00:00.000Z',
    source: 'fake',
    leads: 1000,
    seed: 'revision',
    start: Date.parse('2026-12-01T09:00:00Z'),
    horizonDays: 30,
    cost: 5120.5,
    revenue: 8000,
    roi: 0.5623,
    conversions: 205,
    costPerConversion: 24.98,
    waitingAtHorizon: 12,
    messages: { email: 2400, sms: 0, call: 310, webhook: 950 },
    nodes: [
      {
        nodeId: 'entry' as ReviewSimulationSummary['nodes'][number]['nodeId'],
        entered: 1000,
        waiting: 0,
      },
    ],
    transitions: [
      {
        transitionId: 't-entry' as ReviewSimulationSummary['transitions'][number]['transitionId'],
        count: 1000,
      },
    ],
  };
}

describe('POST /api/v1/campaigns/:id/reviews', () => {
  it('records the submitted revision with its note, lists it as waiting and writes an audit row', async () => {
    const c = await campaign();
    const { status, body } = await submit(c, c.draftRevision, 'Revisa el coste de la llamada');
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body).toMatchObject({
      status: 'submitted',
      draftRevision: c.draftRevision,
      note: 'Revisa el coste de la llamada',
      stale: false,
      reviewer: null,
      simulation: null,
    });
    const list = await reviews(c);
    expect(list.items.map((r) => r.id)).toEqual([body.id]);
    expect(list.published).toBeNull();
    expect(await auditActions(c)).toContain('review.submitted');
  });

  it('refuses a revision that is no longer the draft with 409 draft_conflict and the current one', async () => {
    const c = await campaign();
    const revision = await saveDraft(c, c.draft, c.draftRevision);
    const { status, body, response } = await submit(c, c.draftRevision);
    expect(status).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({ code: 'draft_conflict', currentRevision: revision });
    expect((await reviews(c)).items).toEqual([]);
  });

  it('refuses a second submission of the same revision, and supersedes a waiting one of an older revision', async () => {
    const c = await campaign();
    const first = await submit(c, c.draftRevision);
    const again = await submit(c, c.draftRevision);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'conflict', reviewId: first.body.id });
    const revision = await saveDraft(c, c.draft, c.draftRevision);
    const second = await submit(c, revision);
    expect(second.status).toBe(201);
    const list = await reviews(c);
    expect(list.items.map((r) => [r.id, r.status])).toEqual([
      [second.body.id, 'submitted'],
      [first.body.id, 'superseded'],
    ]);
  });

  it('keeps one waiting review when two submissions of the same revision race', async () => {
    const c = await campaign();
    const answers = await Promise.all([submit(c, c.draftRevision), submit(c, c.draftRevision)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect((await reviews(c)).items.filter((r) => r.status === 'submitted')).toHaveLength(1);
  });

  it('locates bad input: a note too long, a missing revision', async () => {
    const c = await campaign();
    const { status, body } = await call('POST', `/api/v1/campaigns/${c.id}/reviews`, {
      note: 'x'.repeat(5001),
    });
    expect(status).toBe(400);
    const paths = (body.issues as { path: string[] }[]).map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['draftRevision', 'note']));
  });
});

describe('a review goes stale when the draft is saved after submission', () => {
  it('shows stale, refuses approval with 409 and publishes nothing', async () => {
    const c = await campaign();
    const { body } = await submit(c, c.draftRevision);
    const edited = FlowDocument.parse({
      ...c.draft,
      settings: { ...c.draft.settings, fixedCost: 450 },
    });
    await saveDraft(c, edited, c.draftRevision);
    const list = await reviews(c);
    expect(list.items[0]).toMatchObject({ id: body.id, stale: true, status: 'submitted' });
    const approve = await call('POST', `/api/v1/campaigns/${c.id}/reviews/${body.id}/approve`, {
      reviewer: 'Lucía',
    });
    expect(approve.status).toBe(409);
    expect(approve.body).toMatchObject({
      code: 'conflict',
      stale: true,
      currentRevision: c.draftRevision + 1,
    });
    const versions = await database.pool.query(
      'select 1 from campaign_versions where campaign_id = $1',
      [c.id],
    );
    expect(versions.rowCount).toBe(0);
  });
});

describe('PUT /api/v1/campaigns/:id/reviews/:reviewId/simulation', () => {
  it('stores the summary of the submitted revision and refuses one of another revision, located', async () => {
    const c = await campaign();
    const { body } = await submit(c, c.draftRevision);
    const url = `/api/v1/campaigns/${c.id}/reviews/${body.id}/simulation`;
    const wrong = await call('PUT', url, summary(c.draftRevision + 5));
    expect(wrong.status).toBe(400);
    expect(wrong.body.issues).toEqual([expect.objectContaining({ path: ['draftRevision'] })]);
    const right = await call('PUT', url, summary(c.draftRevision));
    expect(right.status, JSON.stringify(right.body)).toBe(200);
    const stored = (await reviews(c)).items[0];
    expect(stored?.simulation).toEqual(summary(c.draftRevision));
    // A summary from before per-transition counts existed is taken, with none.
    const { transitions: _dropped, ...older } = summary(c.draftRevision);
    expect((await call('PUT', url, older)).status).toBe(200);
    expect((await reviews(c)).items[0]?.simulation?.transitions).toEqual([]);
    expect(await auditActions(c)).toContain('review.simulation_attached');
  });

  it('refuses a summary with a negative count at its path', async () => {
    const c = await campaign();
    const { body } = await submit(c, c.draftRevision);
    const bad = { ...summary(c.draftRevision), conversions: -3 };
    const { status, body: problem } = await call(
      'PUT',
      `/api/v1/campaigns/${c.id}/reviews/${body.id}/simulation`,
      bad,
    );
    expect(status).toBe(400);
    expect(problem.issues).toEqual([expect.objectContaining({ path: ['conversions'] })]);
  });
});

describe('POST /api/v1/campaigns/:id/reviews/:reviewId/approve', () => {
  it('publishes the reviewed draft as the next version, records the reviewer and audits both', async () => {
    const c = await campaign();
    const { body } = await submit(c, c.draftRevision, 'Primera versión');
    const { status, body: approved } = await call(
      'POST',
      `/api/v1/campaigns/${c.id}/reviews/${body.id}/approve`,
      { reviewer: '  Lucía Martín ', comments: 'Adelante' },
    );
    expect(status, JSON.stringify(approved)).toBe(200);
    const review = approved.review as Review;
    expect(review).toMatchObject({
      status: 'approved',
      reviewer: 'Lucía Martín',
      comments: 'Adelante',
      publishedVersion: 1,
    });
    expect(review.decidedAt).not.toBeNull();
    const detail = await call('GET', `/api/v1/campaigns/${c.id}`);
    expect(detail.body.publishedVersion).toBe(1);
    const version = await database.pool.query<{ notes: string; draft_revision: number }>(
      'select notes, draft_revision from campaign_versions where campaign_id = $1',
      [c.id],
    );
    expect(version.rows).toEqual([
      { notes: 'Primera versión\n\nAdelante', draft_revision: c.draftRevision },
    ]);
    expect(await auditActions(c)).toEqual(
      expect.arrayContaining(['review.submitted', 'campaign.published', 'review.approved']),
    );
    const list = await reviews(c);
    expect(list.published?.version).toBe(1);
    expect(list.published?.document.nodes.map((n) => n.id)).toEqual(c.draft.nodes.map((n) => n.id));
    // The draft now does what v1 does: nothing to review until it changes.
    const again = await submit(c, c.draftRevision);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'conflict', unchanged: true });
    const edited = FlowDocument.parse({
      ...c.draft,
      settings: { ...c.draft.settings, fixedCost: 10 },
    });
    const revision = await saveDraft(c, edited, c.draftRevision);
    expect((await submit(c, revision)).status).toBe(201);
  });

  it('lets exactly one of two simultaneous approvals publish; the other gets 409', async () => {
    const c = await campaign();
    const { body } = await submit(c, c.draftRevision);
    const url = `/api/v1/campaigns/${c.id}/reviews/${body.id}/approve`;
    const answers = await Promise.all([
      call('POST', url, { reviewer: 'Ana' }),
      call('POST', url, { reviewer: 'Pedro' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const versions = await database.pool.query(
      'select version from campaign_versions where campaign_id = $1',
      [c.id],
    );
    expect(versions.rows).toEqual([{ version: 1 }]);
  });

  it('refuses a draft with validation errors with 422 and its located issues; nothing is published', async () => {
    const c = await campaign();
    // A second entry-less path: an email nobody reaches is a warning, a transition to itself
    // without a wait is a cycle without a wait — an error.
    const broken = FlowDocument.parse({
      ...c.draft,
      transitions: [
        ...c.draft.transitions,
        { id: 'loop', source: 'interested', target: 'interested', trigger: { kind: 'auto' } },
      ],
    });
    const revision = await saveDraft(c, broken, c.draftRevision);
    const { body } = await submit(c, revision);
    const {
      status,
      body: problem,
      response,
    } = await call('POST', `/api/v1/campaigns/${c.id}/reviews/${body.id}/approve`, {
      reviewer: 'Lucía',
    });
    expect(status, JSON.stringify(problem)).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problem.code).toBe('validation_failed');
    const issues = problem.issues as { path: string[]; code: string }[];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.some((i) => i.path[0] === 'nodes' || i.path[0] === 'transitions')).toBe(true);
    const list = await reviews(c);
    expect(list.items[0]).toMatchObject({
      status: 'submitted',
      reviewer: null,
      publishedVersion: null,
    });
    expect(list.published).toBeNull();
    expect(await auditActions(c)).not.toContain('review.approved');
  });

  it('answers 404 for a review of another campaign and 400 for an empty reviewer name', async () => {
    const a = await campaign();
    const b = await campaign();
    const { body } = await submit(a, a.draftRevision);
    const foreign = await call('POST', `/api/v1/campaigns/${b.id}/reviews/${body.id}/approve`, {
      reviewer: 'Lucía',
    });
    expect(foreign.status).toBe(404);
    const empty = await call('POST', `/api/v1/campaigns/${a.id}/reviews/${body.id}/approve`, {
      reviewer: '   ',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.issues).toEqual([expect.objectContaining({ path: ['reviewer'] })]);
  });
});

describe('POST /api/v1/campaigns/:id/reviews/:reviewId/return', () => {
  it('needs comments, sends the draft back with them, and a returned review cannot be approved', async () => {
    const c = await campaign();
    const { body } = await submit(c, c.draftRevision);
    const url = `/api/v1/campaigns/${c.id}/reviews/${body.id}`;
    const silent = await call('POST', `${url}/return`, { reviewer: 'Lucía', comments: ' ' });
    expect(silent.status).toBe(400);
    expect(silent.body.issues).toEqual([expect.objectContaining({ path: ['comments'] })]);
    const returned = await call('POST', `${url}/return`, {
      reviewer: 'Lucía',
      comments: 'La llamada cuesta demasiado para este segmento',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      status: 'returned',
      reviewer: 'Lucía',
      comments: 'La llamada cuesta demasiado para este segmento',
    });
    const late = await call('POST', `${url}/approve`, { reviewer: 'Pedro' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'conflict', reviewStatus: 'returned' });
    expect(await auditActions(c)).toContain('review.returned');
  });
});
