import { policiesInForce, runSampleSimulation, type SimulationResult } from '@rumbo/flow';
import { WorkspacePolicies } from '@rumbo/flow/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulationServer, startSimulationServer, submit } from './api-simulations.support.ts';

/**
 * The workspace's contact policies in a server simulation (DESIGN §6: "policies apply as in
 * the runner"): the job reads them from the workspace, and its bytes are those of the
 * browser's worker given the policies the page reads from `GET /api/v1/workspace/policies`.
 */

let server: SimulationServer;
const POLICIES_URL = '/api/v1/workspace/policies';

beforeAll(async () => {
  server = await startSimulationServer('api-simulations-policies');
});

afterAll(async () => {
  await server?.close();
});

async function workspacePolicies(): Promise<WorkspacePolicies> {
  const response = await fetch(`${server.baseUrl}${POLICIES_URL}`);
  expect(response.status).toBe(200);
  return WorkspacePolicies.parse(await response.json());
}

async function runThere(body: ReturnType<SimulationServer['request']>): Promise<string> {
  const id = await submit(server, body);
  expect((await server.settled(id)).status).toBe('done');
  const response = await fetch(`${server.baseUrl}/api/v1/simulations/${id}/result`);
  expect(response.status).toBe(200);
  return response.text();
}

describe('server simulations under the workspace contact policies', () => {
  it('gives no policy counts while the workspace has none, then applies saved quiet hours with the browser worker’s bytes', async () => {
    const body = server.request({ leads: { kind: 'fake', count: 500, locale: 'es', seed: 'pol' } });
    const before = await runThere(body);
    expect(before).not.toContain('"policies"');
    expect(before).toBe(runSampleSimulation({ flow: server.freeSample.draft, ...body }).json);

    // 00:00–23:00 on each lead's clock: nearly every send, in any zone, is held.
    const quiet = { start: '00:00', end: '23:00', channels: ['email', 'sms'] };
    const { revision } = await workspacePolicies();
    const saved = await fetch(`${server.baseUrl}${POLICIES_URL}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ revision, policies: { quietHours: [quiet], pressure: [] } }),
    });
    expect(saved.status).toBe(200);

    const after = await runThere(body);
    const read = await workspacePolicies();
    const inBrowser = runSampleSimulation({
      flow: server.freeSample.draft,
      ...body,
      policies: policiesInForce(read.policies),
    });
    expect(after).toBe(inBrowser.json);
    const result: SimulationResult = JSON.parse(after);
    expect(result.policies?.deferredQuietHours).toBeGreaterThan(0);
    expect(after).not.toBe(before);
  });
});
