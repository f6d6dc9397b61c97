import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createDb } from '@rumbo/db';
import { buildApp, createLogger, createRunner, loadConfig, type ServerConfig } from '@rumbo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let webDist: string;
let config: ServerConfig;
let app: Awaited<ReturnType<typeof buildApp>>;
const logLines: string[] = [];

/** Collects the app's log lines so tests can read what was written. */
function sink(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((line) => line !== ''),
      );
      done();
    },
  });
}

function configFor(databaseUrl: string, dist: string): ServerConfig {
  const loaded = loadConfig(
    { DATABASE_URL: databaseUrl, RUMBO_WEB_DIST: dist, LOG_LEVEL: 'info' },
    { cwd: tmpdir(), webDistDir: dist },
  );
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.config;
}

beforeAll(async () => {
  database = await createTestDatabase('server-http');
  webDist = await mkdtemp(join(tmpdir(), 'rumbo-web-'));
  await mkdir(join(webDist, 'assets'));
  await writeFile(
    join(webDist, 'index.html'),
    '<!doctype html><title>Rumbo</title><div id="root"></div>',
  );
  await writeFile(join(webDist, 'assets', 'app.js'), 'console.log("rumbo")');
  config = configFor(database.url, webDist);
  app = await buildApp({ config, db: database.db, logger: createLogger('info', sink()) });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  if (webDist) await rm(webDist, { recursive: true, force: true });
});

describe('GET /api/health', () => {
  it('answers 200 with the database version when PostgreSQL is up', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.database.ok).toBe(true);
    expect(body.database.version).toMatch(/^\d+/);
    expect(body.runner).toMatchObject({ ok: false, state: 'disabled' });
    expect(body.status).toBe('degraded');
  });

  it('reports the runner ready when pg-boss runs with the app, and stopped after close', async () => {
    const runner = createRunner(database.url, createLogger('silent'));
    const withRunner = await buildApp({
      config,
      db: database.db,
      runner,
      logger: createLogger('silent'),
    });
    await withRunner.ready();
    const response = await withRunner.inject({ method: 'GET', url: '/api/health' });
    expect(response.json()).toMatchObject({
      status: 'ok',
      runner: { ok: true, state: 'ready', schema: 'pgboss' },
    });
    const tables = await database.pool.query(
      "select count(*)::int as n from information_schema.tables where table_schema = 'pgboss'",
    );
    expect(tables.rows[0].n).toBeGreaterThan(0);
    await withRunner.close();
    expect(runner.status().state).toBe('stopped');
  });

  it('answers 503 with the reason when the database is unreachable', async () => {
    const dead = createDb('postgres://rumbo:rumbo@127.0.0.1:1/nowhere');
    const down = await buildApp({ config, db: dead.db, logger: createLogger('silent') });
    try {
      const response = await down.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({
        status: 'down',
        database: {
          ok: false,
          version: null,
          error: expect.stringContaining('database unreachable'),
        },
      });
    } finally {
      await down.close();
      await dead.close();
    }
  });
});

describe('problem+json errors', () => {
  it('rejects a malformed campaign id with 400 validation_failed and a located issue', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/campaigns/no-es-un-uuid' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      type: 'urn:rumbo:problem:validation_failed',
      status: 400,
      code: 'validation_failed',
      issues: [{ location: 'params', path: ['id'], code: 'invalid_format' }],
    });
  });

  it('translates the title to Spanish when the client prefers it', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/campaigns/no-es-un-uuid',
      headers: { 'accept-language': 'es-ES,es;q=0.9' },
    });
    expect(response.json().title).toBe('La petición no es válida');
  });

  it('answers 404 not_found for a campaign id that does not exist', async () => {
    await database.pool.query("insert into workspaces (name) values ('Pruebas')");
    const id = '00000000-0000-4000-8000-000000000000';
    const response = await app.inject({ method: 'GET', url: `/api/v1/campaigns/${id}` });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'not_found',
      status: 404,
      detail: `campaign ${id} does not exist`,
    });
  });

  it('answers 404 route_not_found for an unknown API path instead of the web page', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/no-existe' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'route_not_found',
      type: 'urn:rumbo:problem:route_not_found',
    });
  });
});

describe('server-side failures', () => {
  it('answers 500 internal_error without the internals, and logs them with the request id', async () => {
    const probe = await buildApp({ config, db: database.db, logger: createLogger('info', sink()) });
    probe.get('/api/v1/explota', async () => {
      throw new Error('secreto interno en /etc/rumbo.conf');
    });
    try {
      const response = await probe.inject({ method: 'GET', url: '/api/v1/explota' });
      expect(response.statusCode).toBe(500);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = response.json();
      expect(body).toMatchObject({ code: 'internal_error', status: 500 });
      expect(response.body).not.toContain('secreto');
      const requestId = String(response.headers['x-request-id']);
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.detail).toContain(requestId);
      const logged = logLines.filter((line) => line.includes(requestId)).join('\n');
      expect(logged).toContain('secreto interno');
    } finally {
      await probe.close();
    }
  });

  it('answers 503 database_unavailable when PostgreSQL does not answer, hiding the address', async () => {
    const dead = createDb('postgres://rumbo:rumbo@127.0.0.1:1/nowhere');
    const down = await buildApp({ config, db: dead.db, logger: createLogger('silent') });
    try {
      const response = await down.inject({ method: 'GET', url: '/api/v1/campaigns' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'database_unavailable', status: 503 });
      expect(response.body).not.toContain('127.0.0.1');
    } finally {
      await down.close();
      await dead.close();
    }
  });
});

describe('OpenAPI', () => {
  it('lists the health and campaign routes with their response schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/v1/campaigns', '/api/v1/campaigns/{id}']),
    );
    expect(
      doc.paths['/api/v1/campaigns'].get.responses['200'].content['application/json'].schema,
    ).toEqual({
      $ref: '#/components/schemas/CampaignList',
    });
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['CampaignList', 'CampaignSummary', 'CampaignDetail', 'Problem']),
    );
    expect(doc.paths['/api/v1/campaigns/{id}'].get.parameters[0]).toMatchObject({
      name: 'id',
      in: 'path',
    });
  });

  it('serves the interactive docs at /api/docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });
});

describe('web app', () => {
  it('serves index.html at / and for deep links (SPA fallback)', async () => {
    for (const url of ['/', '/campaigns/abc/designer', '/ajustes?tab=equipo']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('<div id="root"></div>');
    }
  });

  it('serves built assets and answers 404 for a missing one', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toContain('rumbo');
    const missing = await app.inject({ method: 'GET', url: '/assets/falta.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('not_found');
  });
});

describe('logging', () => {
  it('never writes an e-mail address from a request into the log', async () => {
    logLines.length = 0;
    await app.inject({ method: 'GET', url: '/api/v1/campaigns?email=lucia.fernandez@example.com' });
    await app.inject({ method: 'GET', url: '/api/v1/leads/lucia.fernandez@example.com' });
    app.log.info({ lead: { email: 'lucia.fernandez@example.com', name: 'Lucía' } }, 'lead touched');
    app.log.info('sent to lucia.fernandez@example.com');
    const log = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(3);
    expect(log).toContain('/api/v1/leads/[email]');
    expect(log).not.toContain('lucia.fernandez');
    expect(log).not.toContain('Lucía');
  });

  it('never writes authorization headers or cookies into the log', async () => {
    logLines.length = 0;
    app.log.info(
      { headers: { authorization: 'Bearer secreto-123', cookie: 'sid=galleta' } },
      'headers',
    );
    const log = logLines.join('\n');
    expect(log).toContain('[redacted]');
    expect(log).not.toContain('secreto-123');
    expect(log).not.toContain('galleta');
  });
});
