import { ensureApiKey, ensureFirstAdmin, seedDemoWorkspace, verifyPassword } from '@rumbo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db.ts';
import { buildTestApp } from '../support/test-app.ts';
import { runUntilQuiet } from './runner-fixtures.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
/** What the first seeding made: the live campaign and the waiting review. */
let showcase: { liveCampaignId: string; enrolled: number; control: number; reviewId: string };

/** Every table the demo seed writes to, counted, to prove a second start adds nothing. */
const SEEDED_TABLES = [
  'workspaces',
  'leads',
  'lead_events',
  'segments',
  'campaigns',
  'campaign_versions',
  'campaign_reviews',
  'enrollments',
  'audit_log',
];

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
  it('creates the Demo workspace with ~2,000 leads, their history, two drafts and a running campaign, once', async () => {
    const started = performance.now();
    // Two processes starting together: the advisory lock lets exactly one seed.
    const [first, second] = await Promise.all([
      seedDemoWorkspace(database.db),
      seedDemoWorkspace(database.db),
    ]);
    const ms = performance.now() - started;
    console.info(`demo seed: ${Math.round(ms)} ms`);

    const results = [first, second];
    const seeded = results.find((r) => r.seeded);
    if (!seeded?.seeded) throw new Error('neither process seeded the demo');
    showcase = seeded.showcase;
    expect(results.filter((r) => r.seeded)).toHaveLength(1);
    expect(results.filter((r) => !r.seeded)).toEqual([
      { seeded: false, reason: 'workspace-exists' },
    ]);
    expect(await scalar('select count(*) as n from workspaces')).toBe(1);
    expect(await scalar("select count(*) as n from workspaces where name = 'Demo'")).toBe(1);
    expect(await scalar('select count(*) as n from leads')).toBe(2000);
    expect(await scalar('select count(*) as n from campaigns')).toBe(3);
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

  it('does not seed again when the workspace exists: no row is added anywhere', async () => {
    const before = await Promise.all(
      SEEDED_TABLES.map((table) => scalar(`select count(*) as n from ${table}`)),
    );
    expect(await seedDemoWorkspace(database.db)).toEqual({
      seeded: false,
      reason: 'workspace-exists',
    });
    const after = await Promise.all(
      SEEDED_TABLES.map((table) => scalar(`select count(*) as n from ${table}`)),
    );
    expect(after).toEqual(before);
    expect(await scalar('select count(*) as n from leads')).toBe(2000);
    expect(await scalar('select count(*) as n from campaigns')).toBe(3);
    expect(await scalar('select count(*) as n from campaign_reviews')).toBe(1);
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

describe('the demo shows something at first glance', () => {
  it('runs REC001 in test mode over the leads who left a cart in the last 30 days, published and launched', async () => {
    const { rows } = await database.pool.query(
      `select c.status, c.published_version, c.draft->'settings'->>'mode' as mode,
              (select count(*)::int from campaign_versions v where v.campaign_id = c.id) as versions
       from campaigns c where c.id = $1`,
      [showcase.liveCampaignId],
    );
    expect(rows[0]).toEqual({ status: 'active', published_version: 1, mode: 'test', versions: 1 });
    // The segment's rule, counted from the seed's own clock (the campaign's creation).
    const carts = await scalar(
      `select count(distinct e.lead_id) as n from lead_events e, campaigns c
       where c.code = 'REC001' and e.name = 'cart_abandoned'
         and e.occurred_at >= c.created_at - interval '30 days'`,
    );
    expect(carts).toBeGreaterThan(50);
    expect(showcase.enrolled + showcase.control).toBe(carts);
    expect(
      await scalar(
        `select count(*) as n from enrollments where campaign_id = '${showcase.liveCampaignId}'`,
      ),
    ).toBe(carts);
    // Made through the runner's own publish and launch, which audit what they did.
    const { rows: audit } = await database.pool.query(
      `select action from audit_log where actor = 'demo' and subject = $1 order by id`,
      [`campaign:${showcase.liveCampaignId}`],
    );
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining(['campaign.created', 'campaign.published', 'campaign.launched']),
    );
  });

  it('leaves the SaaS trial draft waiting for review with a note', async () => {
    const { rows } = await database.pool.query(
      `select r.id, r.status, r.note, r.draft_revision, c.code, c.draft_revision as current
       from campaign_reviews r join campaigns c on c.id = r.campaign_id`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: showcase.reviewId, status: 'submitted', code: 'SAAS01' });
    expect(rows[0].draft_revision).toBe(rows[0].current);
    expect(rows[0].note).toContain('Lista para revisar');
  });

  it('once the runner has moved its leads: emails in the outbox (none sent), call tasks open, leads waiting at both', async () => {
    const campaignId = showcase.liveCampaignId;
    await runUntilQuiet(database.db, database.pool, campaignId, 1);
    const byNode = async (status: string) => {
      const { rows } = await database.pool.query<{ node_id: string; n: number }>(
        `select node_id, count(*)::int as n from enrollments
         where campaign_id = $1 and status = $2 and not is_control group by 1 order by 1`,
        [campaignId, status],
      );
      return Object.fromEntries(rows.map((r) => [r.node_id, r.n]));
    };
    const waiting = await byNode('waiting');
    expect(Object.keys(waiting)).toEqual(['call', 'reminder']);
    const calls = await scalar(
      `select count(*) as n from call_tasks where campaign_id = '${campaignId}' and status = 'open'`,
    );
    expect(calls).toBe(waiting.call);
    const callConsent = await scalar(
      `select count(*) as n from enrollments e join leads l on l.id = e.lead_id
       where e.campaign_id = '${campaignId}' and not e.is_control and l.consent_call`,
    );
    expect(calls).toBe(callConsent);
    const { rows: outbox } = await database.pool.query(
      `select channel, status, count(*)::int as n from outbox_messages where campaign_id = $1 group by 1, 2`,
      [campaignId],
    );
    const emailConsent = await scalar(
      `select count(*) as n from enrollments e join leads l on l.id = e.lead_id
       where e.campaign_id = '${campaignId}' and e.node_id = 'reminder' and not e.is_control and l.consent_email`,
    );
    expect(emailConsent).toBeGreaterThan(20);
    expect(outbox.reduce((sum, row) => sum + row.n, 0)).toBe(emailConsent);
    expect(outbox.every((row) => row.channel === 'email')).toBe(true);
    expect(
      await scalar(
        `select count(*) as n from outbox_messages where campaign_id = '${campaignId}' and sent_at is not null`,
      ),
    ).toBe(0);
  });
});

/** The key the API-key test creates: from then on the API asks for it (DESIGN §11). */
const API_KEY = 'clave-de-prueba-0123456789';
const AUTH = { authorization: `Bearer ${API_KEY}` };

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
    await ensureApiKey(database.db, rows[0].id, API_KEY);
    await ensureApiKey(database.db, rows[0].id, API_KEY);
    const keys = await database.pool.query('select key_hash from api_keys');
    expect(keys.rows).toHaveLength(1);
    expect(keys.rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('campaigns API on the seeded workspace', () => {
  beforeAll(async () => {
    // Created by the test above; again here (it is idempotent) so this block also runs alone.
    const { rows } = await database.pool.query('select id from workspaces order by created_at');
    await ensureApiKey(database.db, rows[0].id, API_KEY);
  });

  it('lists the two seed drafts and the running demo campaign, and returns each draft document', async () => {
    const app = await buildTestApp(database);
    try {
      const list = await app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: AUTH });
      expect(list.statusCode).toBe(200);
      const { items } = list.json();
      expect(items.map((i: { code: string }) => i.code).sort()).toEqual([
        'MUE001',
        'REC001',
        'SAAS01',
      ]);
      for (const item of items) {
        if (item.code === 'REC001') {
          expect(item).toMatchObject({ status: 'active', publishedVersion: 1 });
          expect(item.activeLeads).toBe(showcase.enrolled);
        } else {
          expect(item).toMatchObject({ status: 'draft', publishedVersion: null, activeLeads: 0 });
        }
        expect(item.nodeCount).toBeGreaterThan(3);
        const detail = await app.inject({
          method: 'GET',
          url: `/api/v1/campaigns/${item.id}`,
          headers: AUTH,
        });
        expect(detail.statusCode).toBe(200);
        const body = detail.json();
        expect(body.draft.settings.code).toBe(item.code);
        expect(body.draft.nodes.length).toBeGreaterThanOrEqual(item.nodeCount);
        expect(body.draftRevision).toBe(1);
      }
      const stats = await app.inject({
        headers: AUTH,
        method: 'GET',
        url: `/api/v1/campaigns/${showcase.liveCampaignId}/stats`,
      });
      expect(stats.statusCode).toBe(200);
      expect(stats.json().totals.enrolled).toBe(showcase.enrolled);
      const reviews = await app.inject({
        headers: AUTH,
        method: 'GET',
        url: `/api/v1/campaigns/${items.find((i: { code: string }) => i.code === 'SAAS01').id}/reviews`,
      });
      expect(reviews.json().items[0]).toMatchObject({ status: 'submitted', stale: false });
    } finally {
      await app.close();
    }
  });
});
