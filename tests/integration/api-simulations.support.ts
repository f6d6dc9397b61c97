import { FlowDocument, SimulationJobState, type SimulationRequest } from '@rumbo/flow';
import { seedDemoWorkspace } from '@rumbo/server';
import { expect } from 'vitest';
import { createTestDatabase } from '../support/db.ts';
import { buildTestApp } from '../support/test-app.ts';

/**
 * The server of the `api-simulations*` tests: the real app listening on loopback over a fresh
 * database with the demo seed, and helpers to follow a simulation job over HTTP.
 */

export const START = Date.parse('2026-12-01T09:00:00Z');

export interface SimulationServer {
  baseUrl: string;
  freeSample: { id: string; draft: FlowDocument };
  post(body: unknown): Promise<Response>;
  state(id: string): Promise<SimulationJobState>;
  /** Polls the job until it has finished (or `timeoutMs` passed). */
  settled(id: string, timeoutMs?: number): Promise<SimulationJobState>;
  request(overrides?: Partial<SimulationRequest>): SimulationRequest;
  close(): Promise<void>;
}

export async function startSimulationServer(label: string): Promise<SimulationServer> {
  const database = await createTestDatabase(label);
  await seedDemoWorkspace(database.db);
  const app = await buildTestApp(database);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const list = await (await fetch(`${baseUrl}/api/v1/campaigns`)).json();
  const summary = list.items.find((c: { code: string }) => c.code === 'MUE001');
  if (!summary) throw new Error('the demo seed made no free-sample campaign');
  const detail = await (await fetch(`${baseUrl}/api/v1/campaigns/${summary.id}`)).json();
  const freeSample = { id: summary.id, draft: FlowDocument.parse(detail.draft) };

  const state = async (id: string) => {
    const response = await fetch(`${baseUrl}/api/v1/simulations/${id}`);
    expect(response.status).toBe(200);
    return SimulationJobState.parse(await response.json());
  };
  return {
    baseUrl,
    freeSample,
    post: (body) =>
      fetch(`${baseUrl}/api/v1/simulations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    state,
    async settled(id, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const current = await state(id);
        if (!['queued', 'running'].includes(current.status) || Date.now() > until) return current;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    request: (overrides = {}) => ({
      campaignId: freeSample.id,
      leads: { kind: 'fake', count: 1000, locale: 'es', seed: 'api-1' },
      options: { seed: 'review-1', start: START, horizonDays: 30, traceLeads: 5 },
      ...overrides,
    }),
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** POSTs a job and checks the 202 contract; returns its id. */
export async function submit(server: SimulationServer, body: unknown): Promise<string> {
  const response = await server.post(body);
  expect(response.status).toBe(202);
  const accepted = await response.json();
  expect(response.headers.get('location')).toBe(`/api/v1/simulations/${accepted.id}`);
  expect(['queued', 'running']).toContain(accepted.status);
  return accepted.id;
}
