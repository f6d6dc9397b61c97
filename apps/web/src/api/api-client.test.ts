import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CampaignList } from '@rumbo/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createI18n } from '../i18n/i18n.ts';
import { createApiClient } from './api-client.ts';
import { ApiError } from './api-error.ts';

// A real HTTP server on loopback plays the API, one path per situation.
const campaign = {
  id: '4b7f3a1e-6f0c-4f2b-9a51-0d1c2e3f4a5b',
  code: 'RET045',
  name: 'Muestra gratuita',
  description: '',
  status: 'draft',
  mode: 'test',
  nodeCount: 11,
  publishedVersion: null,
  activeLeads: 0,
  updatedAt: '2026-03-10T12:00:00.000Z',
};

const routes: Record<string, { status: number; type: string; body: string }> = {
  '/ok': { status: 200, type: 'application/json', body: JSON.stringify({ items: [campaign] }) },
  '/wrong-shape': { status: 200, type: 'application/json', body: JSON.stringify({ items: 3 }) },
  '/known-problem': problem(503, 'database_unavailable'),
  '/unknown-problem': problem(422, 'segment_field_unknown'),
  '/html-error': { status: 502, type: 'text/html', body: '<h1>Bad gateway</h1>' },
};

function problem(status: number, code: string) {
  const body = { type: `https://rumbo.dev/problems/${code}`, title: 'Error', status, code };
  return { status, type: 'application/problem+json', body: JSON.stringify(body) };
}

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/echo-language') {
      const language = request.headers['accept-language'] ?? '';
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ language }));
      return;
    }
    const route = routes[request.url ?? ''] ?? problem(404, 'not_found');
    response.writeHead(route.status, { 'content-type': route.type }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

function client(language: 'es' | 'en', url = baseUrl) {
  const i18n = createI18n(language);
  return createApiClient({
    baseUrl: url,
    translate: (key, params) => i18n.t(key, params ?? {}),
    language: () => i18n.language,
  });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe('api client', () => {
  it('returns the answer parsed with the shared schema', async () => {
    const list = await client('es').get('/ok', CampaignList);
    expect(list.items.map((item) => item.code)).toEqual(['RET045']);
  });

  it('turns a problem+json answer into a typed error with the translated message', async () => {
    const error = await failure(client('es').get('/known-problem', CampaignList));
    expect(error).toMatchObject({ kind: 'problem', status: 503, code: 'database_unavailable' });
    expect(error.message).toBe('La base de datos no responde. Inténtalo de nuevo en unos minutos.');
  });

  it('names the code of a problem it has no translation for', async () => {
    const error = await failure(client('en').get('/unknown-problem', CampaignList));
    expect(error.code).toBe('segment_field_unknown');
    expect(error.message).toBe(
      'The server could not handle the request (code segment_field_unknown, status 422).',
    );
  });

  it('reports an answer of the wrong shape instead of passing it on', async () => {
    const error = await failure(client('en').get('/wrong-shape', CampaignList));
    expect(error).toMatchObject({ kind: 'unexpected', code: 'unexpected_response' });
  });

  it('reports a non-problem error page by its status', async () => {
    const error = await failure(client('es').get('/html-error', CampaignList));
    expect(error).toMatchObject({ kind: 'http', status: 502 });
    expect(error.message).toBe('El servidor ha respondido con un error (502).');
  });

  it('tells the server the interface language, so its titles match', async () => {
    const echo = await client('es').get('/echo-language', z.object({ language: z.string() }));
    expect(echo.language).toBe('es');
  });

  it('says the server cannot be reached when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(client('es', url).get('/ok', CampaignList));
    expect(error).toMatchObject({ kind: 'network', status: null, code: 'network_error' });
    expect(error.message).toMatch(/^No hay conexión con el servidor/);
  });
});
