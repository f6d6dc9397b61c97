import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FlowDocument } from '@rumbo/flow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../api/api-client.ts';
import { createDraftSaver, type SaverStatus } from './draft-saver.ts';

// A real HTTP server on loopback plays the draft API: optimistic concurrency on `revision`.
const CAMPAIGN = '4b7f3a1e-6f0c-4f2b-9a51-0d1c2e3f4a5b';
let server: Server;
let baseUrl: string;
let current = { revision: 3, names: [] as string[] };

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const sent = JSON.parse(body) as {
        revision: number;
        document: { settings: { name: string } };
      };
      setTimeout(() => {
        if (sent.revision !== current.revision) {
          const problem = {
            type: 'about:blank',
            title: 'Conflict',
            status: 409,
            code: 'draft_conflict',
          };
          response.writeHead(409, { 'content-type': 'application/problem+json' });
          response.end(JSON.stringify(problem));
          return;
        }
        current = {
          revision: current.revision + 1,
          names: [...current.names, sent.document.settings.name],
        };
        const saved = {
          revision: current.revision,
          updatedAt: '2026-11-22T08:30:00.000Z',
          issues: [],
        };
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(saved));
      }, 20);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  current = { revision: 3, names: [] };
});

const doc = (name: string) =>
  FlowDocument.parse({
    schemaVersion: 1,
    settings: { code: 'RET045', name },
    nodes: [],
    transitions: [],
  });

function saver(revision: number) {
  const statuses: SaverStatus[] = [];
  const api = createApiClient({ baseUrl, translate: (key) => key });
  const s = createDraftSaver({
    api,
    campaignId: CAMPAIGN,
    revision,
    onStatus: (x) => statuses.push(x),
  });
  const settled = () =>
    expect.poll(() => statuses.at(-1)?.kind, { timeout: 2000 }).not.toBe('saving');
  return { s, statuses, settled };
}

describe('draft saver', () => {
  it('saves with the revision it started from and follows the new revision', async () => {
    const { s, statuses, settled } = saver(3);
    s.save(doc('Primera'));
    await settled();
    s.save(doc('Segunda'));
    await settled();
    expect(current).toEqual({ revision: 5, names: ['Primera', 'Segunda'] });
    expect(statuses.at(-1)).toMatchObject({ kind: 'saved', revision: 5 });
  });

  it('sends only the latest of the documents that arrive while a save is in flight', async () => {
    const { s, settled } = saver(3);
    s.save(doc('A'));
    s.save(doc('B'));
    s.save(doc('C'));
    await settled();
    await expect.poll(() => current.names).toEqual(['A', 'C']);
  });

  it('reports a conflict for a stale revision and stops saving instead of overwriting', async () => {
    const { s, statuses, settled } = saver(2);
    s.save(doc('Vieja'));
    await settled();
    expect(statuses.at(-1)?.kind).toBe('conflict');
    s.save(doc('Otra'));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(current).toEqual({ revision: 3, names: [] });
  });
});
