import { createRunner } from '@rumbo/server';
import { expect } from 'vitest';
import type { TestDatabase } from '../support/db.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';
import { flow } from './runner-fixtures.ts';

// Shared set-up of the run and signal API tests: the real app with a real runner (pg-boss
// node workers and the ticker) on the test file's database.

export type App = TestApp;

export async function startApiWithRunner(database: TestDatabase): Promise<App> {
  return buildTestApp(database, {
    runner: (_config, logger) =>
      createRunner(database.url, logger, { db: database.db, pool: database.pool, tickMs: 100 }),
  });
}

export type Json = Record<string, unknown>;

export async function call(
  app: App,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
  });
  return { status: response.statusCode, body: response.json<Json>(), response };
}

/** entry (a static list) → email → `opened` exit on the signal, `late` exit after 3 days. */
export function emailFlow(code: string, listId: string) {
  return flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      {
        id: 'mail',
        type: 'email',
        config: { subject: 'Hola {{ lead.name }}', body: 'Bienvenida' },
      },
      { id: 'opened', type: 'exit' },
      { id: 'late', type: 'exit' },
    ],
    [
      { id: 'a', source: 'in', target: 'mail', trigger: { kind: 'auto' } },
      { id: 'o', source: 'mail', target: 'opened', trigger: { kind: 'signal', signal: 'opened' } },
      {
        id: 't',
        source: 'mail',
        target: 'late',
        trigger: { kind: 'timeout', amount: 3, unit: 'days' },
      },
    ],
    { code, name: `Campaign ${code}`, mode: 'test' },
  );
}

type Stats = {
  nodes: { nodeId: string; waiting: number; entered: number; acted: number; ended: number }[];
  transitions: { transitionId: string; passed: number }[];
  totals: { enrolled: number; waiting: number; ended: number };
};

export async function stats(app: App, campaignId: string): Promise<Stats> {
  const { status, body } = await call(app, 'GET', `/api/v1/campaigns/${campaignId}/stats`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body as unknown as Stats;
}

export function node(s: Stats, nodeId: string) {
  return (
    s.nodes.find((n) => n.nodeId === nodeId) ?? {
      nodeId,
      waiting: 0,
      entered: 0,
      acted: 0,
      ended: 0,
    }
  );
}

/** Polls the stats until `done` holds (the runner works in the background), or fails. */
export async function statsUntil(
  app: App,
  campaignId: string,
  done: (s: Stats) => boolean,
  timeoutMs = 20_000,
): Promise<Stats> {
  const deadline = Date.now() + timeoutMs;
  let last = await stats(app, campaignId);
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`stats never settled: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await stats(app, campaignId);
  }
  return last;
}
