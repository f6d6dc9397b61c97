import { type ResponseHistory, SegmentSample } from '@rumbo/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';

/**
 * What a reviewer's simulation reads from the workspace: a seeded sample of a segment's real
 * leads (`/simulations/segment-sample`) and the real response rates of past campaigns
 * (`/simulations/history`) that calibrate the assumptions.
 */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: TestApp;
let workspaceId: string;

const LEADS = 30;

beforeAll(async () => {
  database = await createTestDatabase('api-reviews-sampling');
  app = await buildTestApp(database);
  const ws = await database.pool.query<{ id: string }>(
    "insert into workspaces (name) values ('Pruebas') returning id",
  );
  workspaceId = ws.rows[0]?.id ?? '';
  // Every third lead is a customer; the others are leads. Each has two events.
  await database.pool.query(
    `insert into leads (workspace_id, external_key, name, email, stage, time_zone, attributes)
     select $1, 'L-' || lpad(i::text, 3, '0'), 'Lead ' || i, 'l' || i || '@example.es',
            case when i % 3 = 0 then 'customer' else 'lead' end, 'Europe/Madrid',
            jsonb_build_object('city', 'Sevilla')
     from generate_series(1, ${LEADS}) i`,
    [workspaceId],
  );
  await database.pool.query(
    `insert into lead_events (workspace_id, lead_id, name, occurred_at)
     select workspace_id, id, e.name, now() - e.ago from leads,
       (values ('info_form_submitted', interval '3 days'), ('purchased', interval '1 day')) e(name, ago)`,
  );
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function call(method: 'GET' | 'POST', url: string, payload?: unknown) {
  const response = await app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    headers: payload === undefined ? {} : { 'content-type': 'application/json' },
  });
  return { status: response.statusCode, body: response.json() };
}

async function segment(payload: object): Promise<string> {
  const { status, body } = await call('POST', '/api/v1/segments', payload);
  expect(status, JSON.stringify(body)).toBe(201);
  return body.segment.id;
}

const sample = (body: object) => call('POST', '/api/v1/simulations/segment-sample', body);

describe('POST /api/v1/simulations/segment-sample', () => {
  it("returns N of the segment's leads as simulation leads, the same ones for the same seed", async () => {
    const id = await segment({
      kind: 'filter',
      name: 'Leads',
      rule: { kind: 'stage', in: ['lead'] },
    });
    const first = await sample({ segmentId: id, count: 8, seed: 'revisión-1' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const parsed = SegmentSample.parse(first.body);
    expect(parsed).toMatchObject({ segmentId: id, segmentName: 'Leads', total: 20 });
    expect(parsed.leads).toHaveLength(8);
    expect(parsed.leads.every((l) => l.stage === 'lead')).toBe(true);
    expect(parsed.leads[0]).toMatchObject({
      timeZone: 'Europe/Madrid',
      attributes: { city: 'Sevilla' },
      consent: { email: false, sms: false, call: false },
    });
    expect(parsed.leads[0]?.events.map((e) => e.name)).toEqual([
      'info_form_submitted',
      'purchased',
    ]);
    const again = SegmentSample.parse(
      (await sample({ segmentId: id, count: 8, seed: 'revisión-1' })).body,
    );
    expect(again.leads.map((l) => l.key)).toEqual(parsed.leads.map((l) => l.key));
    const other = SegmentSample.parse(
      (await sample({ segmentId: id, count: 8, seed: 'otra' })).body,
    );
    expect(other.leads.map((l) => l.key)).not.toEqual(parsed.leads.map((l) => l.key));
    // Not the first eight leads by key: the order is the seed's, not the table's.
    expect(parsed.leads.map((l) => l.key)).not.toEqual([
      'L-001',
      'L-002',
      'L-004',
      'L-005',
      'L-007',
      'L-008',
      'L-010',
      'L-011',
    ]);
  });

  it('samples a static list, and gives all members when asked for more than it has', async () => {
    const id = await segment({
      kind: 'static',
      name: 'Lista',
      source: { text: 'L-003\nL-006\nL-009' },
    });
    const { status, body } = await sample({ segmentId: id, count: 100, seed: 's' });
    expect(status, JSON.stringify(body)).toBe(200);
    const parsed = SegmentSample.parse(body);
    expect(parsed.total).toBe(3);
    expect(parsed.leads.map((l) => l.key).sort()).toEqual(['L-003', 'L-006', 'L-009']);
    expect(parsed.leads[0]?.lists).toEqual([id]);
  });

  it('locates bad input and answers 404 for a segment that does not exist', async () => {
    const bad = await sample({ segmentId: 'no-es-uuid', count: 0, seed: ' ' });
    expect(bad.status).toBe(400);
    const paths = bad.body.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['segmentId', 'count', 'seed']));
    const missing = await sample({
      segmentId: '00000000-0000-4000-8000-000000000000',
      count: 5,
      seed: 's',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
  });
});

describe('GET /api/v1/simulations/history', () => {
  it('is empty for a workspace without past campaigns', async () => {
    const { status, body } = await call('GET', '/api/v1/simulations/history');
    expect(status).toBe(200);
    expect(body).toEqual({ rates: [] });
  });

  it('counts, per channel and signal, the acted steps that got the signal; machine signals left out', async () => {
    const created = await call('POST', '/api/v1/campaigns', {
      from: 'template',
      templateId: 'seed-free-sample',
      locale: 'es',
    });
    const campaignId: string = created.body.id;
    expect((await call('POST', `/api/v1/campaigns/${campaignId}/publish`, {})).status).toBe(201);
    const lead = await database.pool.query<{ id: string; external_key: string }>(
      "select id, external_key from leads where external_key = 'L-001'",
    );
    const { id: leadId, external_key: leadKey } = lead.rows[0] ?? { id: '', external_key: '' };
    const enrollment = await database.pool.query<{ id: string }>(
      `insert into enrollments (workspace_id, campaign_id, version, lead_id, lead_key, node_id, status)
       values ($1, $2, 1, $3, $4, 'exit-lost', 'completed') returning id`,
      [workspaceId, campaignId, leadId, leadKey],
    );
    const enrollmentId = enrollment.rows[0]?.id;
    // 40 emails sent (acted) and 5 never sent; 20 webhooks sent.
    const insertSteps = async (node: string, count: number, acted: boolean) =>
      (
        await database.pool.query<{ id: string }>(
          `insert into steps (enrollment_id, campaign_id, version, node_id, attempt, acted_at)
           select $1, $2, 1, $3, 1, ${acted ? 'now()' : 'null'} from generate_series(1, $4::int)
           returning id`,
          [enrollmentId, campaignId, node, count],
        )
      ).rows.map((r) => r.id);
    const emails = await insertSteps('sample-email', 40, true);
    const unsent = await insertSteps('sample-email', 5, false);
    await insertSteps('ship-sample', 20, true);
    const signal = (stepId: string | undefined, name: string, machine = false) =>
      database.pool.query(
        `insert into signals (workspace_id, lead_id, name, occurred_at, step_id, machine)
         values ($1, $2, $3, now(), $4, $5)`,
        [workspaceId, leadId, name, stepId, machine],
      );
    for (const step of emails.slice(0, 10)) await signal(step, 'opened');
    await signal(emails[0], 'opened'); // a second open of the same email counts once
    await signal(emails[1], 'clicked');
    await signal(emails[2], 'clicked', true); // a link scanner
    await signal(unsent[0], 'opened'); // a step that never acted is not a send

    const { status, body } = await call('GET', '/api/v1/simulations/history');
    expect(status).toBe(200);
    const rates = (body as ResponseHistory).rates;
    expect(rates).toEqual([
      { channel: 'email', signal: 'clicked', sent: 40, responded: 1, rate: 0.025 },
      { channel: 'email', signal: 'opened', sent: 40, responded: 10, rate: 0.25 },
    ]);
  });
});
