import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FlowDocument, templates } from '@rumbo/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n.ts';
import { createApiClient } from './api-client.ts';
import { ApiError } from './api-error.ts';
import {
  DraftConflictError,
  importCampaignFile,
  invalidJsonPosition,
  saveDraftRequest,
  suggestedCode,
} from './campaigns.queries.ts';

// A real HTTP server on loopback plays the campaign API, one answer per campaign id.
const problem = (status: number, code: string, extra: Record<string, unknown> = {}) => ({
  status,
  body: { type: `urn:rumbo:problem:${code}`, title: code, status, code, ...extra },
});

const answers: Record<string, { status: number; body: unknown }> = {
  '/api/v1/campaigns/fresh/draft': {
    status: 200,
    body: { revision: 8, updatedAt: '2026-11-22T08:00:00.000Z', issues: [] },
  },
  '/api/v1/campaigns/stale/draft': problem(409, 'draft_conflict', {
    currentRevision: 9,
    savedAt: '2026-11-22T08:01:00.000Z',
    savedBy: 'anonymous',
  }),
};

let server: Server;
let baseUrl: string;
const received: { url: string; body: string }[] = [];

async function readBody(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const url = request.url ?? '';
      received.push({ url, body });
      const answer = url.startsWith('/api/v1/campaigns/import')
        ? url.includes('code=')
          ? problem(400, 'validation_failed', { line: 2, column: 5, issues: [] })
          : problem(409, 'campaign_code_taken', { suggestedCode: 'BIEN01-2' })
        : (answers[url] ?? problem(404, 'not_found'));
      const type = answer.status < 400 ? 'application/json' : 'application/problem+json';
      response.writeHead(answer.status, { 'content-type': type }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const i18n = createI18n('es');
const translate = (key: string, params?: Record<string, unknown>) => i18n.t(key, params ?? {});
const api = () => createApiClient({ baseUrl, translate, language: () => 'es' });
const document = (templates[0]?.build('es') ?? null) as FlowDocument;

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

describe('saveDraftRequest', () => {
  it('sends the document with the revision it started from and returns the next revision', async () => {
    const saved = await saveDraftRequest(api(), 'fresh', { document, revision: 7 });
    expect(saved.revision).toBe(8);
    const sent = JSON.parse(received.find((r) => r.url.endsWith('/fresh/draft'))?.body ?? '{}');
    expect(sent.revision).toBe(7);
    expect(sent.document.settings.code).toBe(document.settings.code);
  });

  it('turns a stale revision into a DraftConflictError with who saved which revision when', async () => {
    const error = await failure(saveDraftRequest(api(), 'stale', { document, revision: 7 }));
    expect(error).toBeInstanceOf(DraftConflictError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'draft_conflict',
      currentRevision: 9,
      savedBy: 'anonymous',
      savedAt: '2026-11-22T08:01:00.000Z',
    });
    expect((error as Error).message).toMatch(/^Alguien ha guardado este borrador/);
  });
});

describe('importCampaignFile', () => {
  it('sends the file text untouched and offers the free code the server suggests', async () => {
    const text = '{ "format": "rumbo.campaign" }';
    const error = await failure(importCampaignFile(text, { translate, language: 'es', baseUrl }));
    expect(received.at(-1)?.body).toBe(text);
    expect(suggestedCode(error)).toBe('BIEN01-2');
    expect(invalidJsonPosition(error)).toBeNull();
  });

  it('reads the line and column of a file that is not JSON', async () => {
    const error = await failure(
      importCampaignFile('{,', { code: 'X', translate, language: 'es', baseUrl }),
    );
    expect(invalidJsonPosition(error)).toEqual({ line: 2, column: 5 });
    expect(suggestedCode(error)).toBeNull();
  });
});
