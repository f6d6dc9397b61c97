import { tmpdir } from 'node:os';
import {
  buildApp,
  createLogger,
  ensureApiKey,
  ensureFirstAdmin,
  loadConfig,
  seedDemoWorkspace,
  verifyPassword,
} from '@rumbo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase('server-seed');
});

afterAll(async () => {
  await database?.close();
});

async function scalar(query: string): Promise<number> {
  const result = await database.pool.query(query);
  return Number(result.rows[0].n);
}

describe('seedDemoWorkspace', () => {
  it('creates the Demo workspace with ~2,000 leads, their history and the two seed campaigns, once', async () => {
    const started = performance.now();
    // Two processes starting together: the advisory lock lets exactly one seed.
    const [first, second] = await Promise.all([
      seedDemoWorkspace(database.db),
      seedDemoWorkspace(database.db),
    ]);
    const ms = performance.now() - started;
    console.info(`demo seed: ${Math.round(ms)} ms`);

    const results = [first, second];
    expect(results.filter((r) => r.seeded)).toHaveLength(1);
    expect(results.filter((r) => !r.seeded)).toEqual([
      { seeded: false, reason: 'workspace-exists' },
    ]);
    expect(await scalar('select count(*) as n from workspaces')).toBe(1);
    expect(await scalar("select count(*) as n from workspaces where name = 'Demo'")).toBe(1);
    expect(await scalar('select count(*) as n from leads')).toBe(2000);
    expect(await scalar('select count(*) as n from campaigns')).toBe(2);
    expect(await scalar("select count(*) as n from lead_events where name = 'signed_up'")).toBe(
      2000,
    );
    expect(
      await scalar("select count(*) as n from lead_events where name = 'purchased'"),
    ).toBeGreaterThan(1000);
    expect(
      await scalar("select count(*) as n from lead_events where name = 'cart_abandoned'"),
    ).toBeGreaterThan(100);
  });

  it('does not seed again when the workspace exists', async () => {
    expect(await seedDemoWorkspace(database.db)).toEqual({
      seeded: false,
      reason: 'workspace-exists',
    });
    expect(await scalar('select count(*) as n from leads')).toBe(2000);
    expect(await scalar('select count(*) as n from campaigns')).toBe(2);
  });

  it('mixes Spanish and Mexican leads with their time zones, stages and consents', async () => {
    const { rows } = await database.pool.query(
      `select locale, time_zone, count(*)::int as n from leads group by 1, 2 order by 1`,
    );
    expect(rows.map((r) => [r.locale, r.time_zone])).toEqual([
      ['es-ES', 'Europe/Madrid'],
      ['es-MX', 'America/Mexico_City'],
    ]);
    expect(await scalar('select count(distinct stage) as n from leads')).toBe(5);
    expect(await scalar('select count(*) as n from leads where consent_email')).toBeGreaterThan(
      1500,
    );
    expect(await scalar('select count(*) as n from leads where not consent_email')).toBeGreaterThan(
      100,
    );
    expect(
      await scalar(
        "select count(*) as n from leads where attributes->>'birthday' ~ '^\\d{4}-\\d{2}-\\d{2}$' and attributes ? 'city' and attributes ? 'lifetimeValue'",
      ),
    ).toBe(2000);
  });

  it('stores purchases with an amount and a product family', async () => {
    const { rows } = await database.pool.query(
      "select distinct properties->>'family' as family from lead_events where name = 'purchased' order by 1",
    );
    expect(rows.map((r) => r.family)).toEqual(
      expect.arrayContaining(['jerseys', 'pantalones', 'suéteres']),
    );
    expect(
      await scalar(
        "select count(*) as n from lead_events where name = 'purchased' and (properties->>'amount')::numeric <= 0",
      ),
    ).toBe(0);
  });
});

describe('first administrator and API key', () => {
  it('creates the admin with a scrypt hash only while there is no user', async () => {
    const { rows } = await database.pool.query('select id from workspaces');
    const workspaceId: string = rows[0].id;
    const admin = { email: 'Admin@Example.com', password: 'una contraseña larga' };
    expect(await ensureFirstAdmin(database.db, workspaceId, admin)).toBe(true);
    expect(
      await ensureFirstAdmin(database.db, workspaceId, { ...admin, email: 'otro@example.com' }),
    ).toBe(false);
    const users = await database.pool.query('select email, role, password_hash from users');
    expect(users.rows).toHaveLength(1);
    expect(users.rows[0]).toMatchObject({ email: 'admin@example.com', role: 'admin' });
    expect(await verifyPassword(admin.password, users.rows[0].password_hash)).toBe(true);
  });

  it('keeps one API key row per RUMBO_API_KEY value, storing only its hash', async () => {
    const { rows } = await database.pool.query('select id from workspaces');
    await ensureApiKey(database.db, rows[0].id, 'clave-de-prueba-0123456789');
    await ensureApiKey(database.db, rows[0].id, 'clave-de-prueba-0123456789');
    const keys = await database.pool.query('select key_hash from api_keys');
    expect(keys.rows).toHaveLength(1);
    expect(keys.rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('campaigns API on the seeded workspace', () => {
  it('lists the two seed campaigns as drafts and returns each draft document', async () => {
    const loaded = loadConfig(
      { DATABASE_URL: database.url },
      { cwd: tmpdir(), webDistDir: tmpdir() },
    );
    if (!loaded.ok) throw new Error(loaded.error);
    const app = await buildApp({
      config: loaded.config,
      db: database.db,
      logger: createLogger('silent'),
    });
    try {
      const list = await app.inject({ method: 'GET', url: '/api/v1/campaigns' });
      expect(list.statusCode).toBe(200);
      const { items } = list.json();
      expect(items).toHaveLength(2);
      for (const item of items) {
        expect(item).toMatchObject({ status: 'draft', publishedVersion: null, activeLeads: 0 });
        expect(item.nodeCount).toBeGreaterThan(3);
        const detail = await app.inject({ method: 'GET', url: `/api/v1/campaigns/${item.id}` });
        expect(detail.statusCode).toBe(200);
        const body = detail.json();
        expect(body.draft.settings.code).toBe(item.code);
        expect(body.draft.nodes.length).toBeGreaterThanOrEqual(item.nodeCount);
        expect(body.draftRevision).toBe(1);
      }
    } finally {
      await app.close();
    }
  });
});
