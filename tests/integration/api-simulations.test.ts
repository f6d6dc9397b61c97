import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import {
  defaultAssumptions,
  FlowDocument,
  findTemplate,
  runSampleSimulation,
  type SimulationRequest,
} from '@rumbo/flow';
import { buildApp, createLogger, loadConfig, seedDemoWorkspace } from '@rumbo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: Awaited<ReturnType<typeof buildApp>>;
let freeSample: { id: string; draft: FlowDocument };

const START = Date.parse('2026-12-01T09:00:00Z');
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

beforeAll(async () => {
  database = await createTestDatabase('api-simulations');
  await seedDemoWorkspace(database.db);
  const loaded = loadConfig(
    { DATABASE_URL: database.url, LOG_LEVEL: 'warn' },
    { cwd: tmpdir(), webDistDir: tmpdir() },
  );
  if (!loaded.ok) throw new Error(loaded.error);
  app = await buildApp({
    config: loaded.config,
    db: database.db,
    logger: createLogger('warn', quiet),
  });
  await app.ready();
  const list = await app.inject({ method: 'GET', url: '/api/v1/campaigns' });
  const summary = list.json().items.find((c: { code: string }) => c.code === 'MUE001');
  if (!summary) throw new Error('the demo seed made no free-sample campaign');
  const detail = await app.inject({ method: 'GET', url: `/api/v1/campaigns/${summary.id}` });
  freeSample = { id: summary.id, draft: FlowDocument.parse(detail.json().draft) };
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (body: unknown) =>
  app.inject({ method: 'POST', url: '/api/v1/simulations', payload: body as object });

function request(overrides: Partial<SimulationRequest> = {}): SimulationRequest {
  return {
    campaignId: freeSample.id,
    leads: { kind: 'fake', count: 1000, locale: 'es', seed: 'api-1' },
    options: { seed: 'review-1', start: START, horizonDays: 30, traceLeads: 5 },
    ...overrides,
  };
}

describe('POST /api/v1/simulations', () => {
  it('answers the byte-identical JSON of the code path the browser worker runs', async () => {
    const body = request();
    const response = await post(body);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const local = runSampleSimulation({ flow: freeSample.draft, ...body });
    expect(local.json).not.toBeNull();
    expect(response.body).toBe(local.json);
    const result = response.json();
    expect(result.leads.total).toBe(1000);
    expect(result.totals.cost).toBeGreaterThan(0);
  });

  it('simulates a document sent inline with edited assumptions, the same as locally', async () => {
    const template = findTemplate('seed-free-sample');
    if (!template) throw new Error('template missing');
    const flow = template.build('en');
    const assumptions = defaultAssumptions(flow);
    // Call outcomes exclude each other: four at 20 % stay under 100 %.
    for (const a of Object.values(assumptions.transitions)) a.probability = 0.2;
    const body: SimulationRequest = {
      document: flow,
      leads: { kind: 'fake', count: 300, locale: 'en', seed: 'inline' },
      assumptions,
      options: { seed: 's', start: START, horizonDays: 14 },
    };
    const response = await post(body);
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(runSampleSimulation({ ...body, flow }).json);
  });

  it('refuses bad options, assumptions and sample sizes with 400 problems located in the body', async () => {
    const transitionId = Object.keys(defaultAssumptions(freeSample.draft).transitions)[0] ?? '';
    const cases: [unknown, (string | number)[]][] = [
      [
        request({ options: { seed: 's', start: START, horizonDays: 0 } }),
        ['options', 'horizonDays'],
      ],
      [
        request({ options: { seed: 's', start: START, horizonDays: 3650 } }),
        ['options', 'horizonDays'],
      ],
      [request({ leads: { kind: 'fake', count: 0, locale: 'es', seed: 'x' } }), ['leads', 'count']],
      [
        request({
          assumptions: {
            transitions: {
              [transitionId]: {
                probability: 1.5,
                delay: { kind: 'fixed', hours: 1 },
                source: 'user',
              },
            },
            globals: {},
          },
        }),
        ['assumptions', 'transitions', transitionId, 'probability'],
      ],
    ];
    for (const [body, path] of cases) {
      const response = await post(body);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = response.json();
      expect(problem.code).toBe('validation_failed');
      expect(problem.issues).toContainEqual(expect.objectContaining({ location: 'body', path }));
    }
  });

  it('refuses a seed the simulator rejects with the issue at options.seed', async () => {
    const response = await post(request({ options: { seed: '', start: START, horizonDays: 5 } }));
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toContainEqual(
      expect.objectContaining({ code: 'sim_options_invalid', path: ['options', 'seed'] }),
    );
  });

  it('refuses a flow with errors, listing them under document, and both or neither source', async () => {
    const broken = {
      ...freeSample.draft,
      nodes: freeSample.draft.nodes.filter((n) => n.type !== 'entry'),
    };
    const withErrors = await post({ ...request(), campaignId: undefined, document: broken });
    expect(withErrors.statusCode).toBe(400);
    const problem = withErrors.json();
    expect(problem.detail).toMatch(/errors/);
    expect(problem.issues.length).toBeGreaterThan(0);
    for (const issue of problem.issues) expect(issue.path[0]).toBe('document');
    const both = await post({ ...request(), document: freeSample.draft });
    expect(both.statusCode).toBe(400);
    expect(both.json().issues[0].path).toEqual(['campaignId']);
  });

  it('answers 404 for a campaign that does not exist', async () => {
    const response = await post(request({ campaignId: '00000000-0000-4000-8000-000000000000' }));
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('not_found');
  });
});
