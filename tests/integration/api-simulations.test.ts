import {
  defaultAssumptions,
  findTemplate,
  generateFakeLeads,
  runSampleSimulation,
  type SimulationRequest,
} from '@rumbo/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SimulationServer,
  START,
  startSimulationServer,
  submit,
} from './api-simulations.support.ts';

/**
 * `POST /api/v1/simulations` queues a job whose result is byte for byte what the browser's
 * worker makes (`runSampleSimulation` in-process here), and refuses bad input at once with
 * located 400 problems. Jobs' progress, cancel and queueing: `api-simulations-jobs.test.ts`.
 */

let server: SimulationServer;

beforeAll(async () => {
  server = await startSimulationServer('api-simulations');
});

afterAll(async () => {
  await server?.close();
});

describe('POST /api/v1/simulations', () => {
  it('answers 202 with a Location, and the finished job holds the byte-identical JSON of the browser worker', async () => {
    const body = server.request();
    const id = await submit(server, body);
    const done = await server.settled(id);
    expect(done).toMatchObject({ status: 'done', progress: 1 });
    expect(done.finishedAt).not.toBeNull();
    expect(done.expiresAt).not.toBeNull();
    const local = runSampleSimulation({ flow: server.freeSample.draft, ...body });
    expect(local.json).not.toBeNull();
    const result = await fetch(`${server.baseUrl}/api/v1/simulations/${id}/result`);
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await result.text()).toBe(local.json);
    // The state's `result` is the same text, spliced in verbatim.
    const stateText = await (await fetch(`${server.baseUrl}/api/v1/simulations/${id}`)).text();
    expect(stateText.endsWith(`,"result":${local.json}}`)).toBe(true);
    expect(JSON.stringify(done.result)).toBe(local.json);
    expect(JSON.parse(local.json ?? '').leads.total).toBe(1000);
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
    const id = await submit(server, body);
    expect((await server.settled(id)).status).toBe('done');
    const result = await fetch(`${server.baseUrl}/api/v1/simulations/${id}/result`);
    expect(await result.text()).toBe(runSampleSimulation({ ...body, flow }).json);
  });

  it('simulates inline leads (a CSV or a segment sample) byte for byte as locally', async () => {
    const flow = server.freeSample.draft;
    const items = generateFakeLeads({ count: 250, locale: 'es', seed: 'inline-leads' }, START);
    const body: SimulationRequest = {
      campaignId: server.freeSample.id,
      leads: { kind: 'inline', items },
      options: { seed: 'csv', start: START, horizonDays: 21, traceLeads: 10 },
    };
    const id = await submit(server, body);
    expect((await server.settled(id)).status).toBe('done');
    const result = await fetch(`${server.baseUrl}/api/v1/simulations/${id}/result`);
    expect(await result.text()).toBe(runSampleSimulation({ ...body, flow }).json);
  });

  it('refuses bad options, assumptions and sample sizes with 400 problems located in the body, queuing nothing', async () => {
    const transitionId =
      Object.keys(defaultAssumptions(server.freeSample.draft).transitions)[0] ?? '';
    const cases: [unknown, (string | number)[]][] = [
      [
        server.request({ options: { seed: 's', start: START, horizonDays: 0 } }),
        ['options', 'horizonDays'],
      ],
      [
        server.request({ options: { seed: 's', start: START, horizonDays: 3650 } }),
        ['options', 'horizonDays'],
      ],
      [
        server.request({ leads: { kind: 'fake', count: 0, locale: 'es', seed: 'x' } }),
        ['leads', 'count'],
      ],
      // Past the sample-size limit (200,000 fake leads).
      [
        server.request({ leads: { kind: 'fake', count: 200_001, locale: 'es', seed: 'x' } }),
        ['leads', 'count'],
      ],
      [
        server.request({
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
      [
        server.request({ options: { seed: '', start: START, horizonDays: 5 } }),
        ['options', 'seed'],
      ],
    ];
    for (const [body, path] of cases) {
      const response = await server.post(body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('location')).toBeNull();
      const problem = await response.json();
      expect(problem.code).toBe('validation_failed');
      expect(problem.issues).toContainEqual(expect.objectContaining({ location: 'body', path }));
    }
  });

  it("refuses call outcomes over 100 % with the simulator's issue, before any run", async () => {
    const flow = server.freeSample.draft;
    const assumptions = defaultAssumptions(flow);
    for (const a of Object.values(assumptions.transitions)) a.probability = 0.9;
    const response = await server.post(server.request({ assumptions }));
    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem.issues.map((i: { code: string }) => i.code)).toContain('sim_outcomes_over_100');
  });

  it('refuses a flow with errors, listing them under document, and both or neither source', async () => {
    const { draft } = server.freeSample;
    const broken = { ...draft, nodes: draft.nodes.filter((n) => n.type !== 'entry') };
    const withErrors = await server.post({
      ...server.request(),
      campaignId: undefined,
      document: broken,
    });
    expect(withErrors.status).toBe(400);
    const problem = await withErrors.json();
    expect(problem.detail).toMatch(/errors/);
    expect(problem.issues.length).toBeGreaterThan(0);
    for (const issue of problem.issues) expect(issue.path[0]).toBe('document');
    const both = await server.post({ ...server.request(), document: draft });
    expect(both.status).toBe(400);
    expect((await both.json()).issues[0].path).toEqual(['campaignId']);
  });

  it('answers 404 for a campaign or a simulation that does not exist, and 400 for a malformed id', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const campaign = await server.post(server.request({ campaignId: missing }));
    expect(campaign.status).toBe(404);
    expect((await campaign.json()).code).toBe('not_found');
    for (const path of ['', '/result', '/events']) {
      const job = await fetch(`${server.baseUrl}/api/v1/simulations/${missing}${path}`);
      expect(job.status).toBe(404);
      expect(job.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const cancel = await fetch(`${server.baseUrl}/api/v1/simulations/${missing}`, {
      method: 'DELETE',
    });
    expect(cancel.status).toBe(404);
    const malformed = await fetch(`${server.baseUrl}/api/v1/simulations/not-a-uuid`);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).issues[0]).toMatchObject({ location: 'params', path: ['id'] });
  });
});
