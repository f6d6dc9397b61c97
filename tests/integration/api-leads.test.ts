import { seedDemoWorkspace } from '@rumbo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: TestApp;

beforeAll(async () => {
  database = await createTestDatabase('api-leads');
  await seedDemoWorkspace(database.db);
  app = await buildTestApp(database);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function page(query: string) {
  const response = await app.inject({ method: 'GET', url: `/api/v1/leads?${query}` });
  expect(response.statusCode).toBe(200);
  return response.json() as {
    items: { id: string; key: string; name: string }[];
    nextCursor: string | null;
  };
}

describe('GET /api/v1/leads', () => {
  it('walks every lead exactly once in key order through the cursors', async () => {
    const keys: string[] = [];
    let cursor: string | null = null;
    do {
      const next: Awaited<ReturnType<typeof page>> = await page(
        `limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      keys.push(...next.items.map((lead) => lead.key));
      cursor = next.nextCursor;
    } while (cursor !== null);
    const { rows } = await database.pool.query('select external_key from leads order by 1');
    expect(keys).toEqual(rows.map((row) => row.external_key));
  });

  it('finds a lead by name without accents or case, and by email, key and phone', async () => {
    const { rows } = await database.pool.query(
      "select id, name, email, phone, external_key from leads where name ~ '[áéíóú]' order by external_key limit 1",
    );
    const lead = rows[0];
    const plain = lead.name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase();
    for (const q of [plain, lead.email, lead.external_key, lead.phone]) {
      const found = await page(`q=${encodeURIComponent(q)}`);
      expect(found.items.map((item) => item.id)).toContain(lead.id);
    }
  });

  it('limits the list to the leads a segment selects', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      payload: {
        kind: 'static',
        name: 'Tres',
        source: { text: 'CLI-00005\nCLI-00007\nCLI-00006' },
      },
    });
    const found = await page(`segmentId=${created.json().segment.id}`);
    expect(found.items.map((lead) => lead.key)).toEqual(['CLI-00005', 'CLI-00006', 'CLI-00007']);
    expect(found.nextCursor).toBeNull();
  });

  it('limits the list to a filter segment and pages through exactly its leads', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      payload: {
        kind: 'filter',
        name: 'México',
        rule: {
          kind: 'attribute',
          path: 'country',
          type: 'string',
          test: { op: 'eq', value: 'MX' },
        },
      },
    });
    const id: string = created.json().segment.id;
    const keys: string[] = [];
    let cursor: string | null = null;
    do {
      const next: Awaited<ReturnType<typeof page>> = await page(
        `segmentId=${id}&limit=150${cursor ? `&cursor=${cursor}` : ''}`,
      );
      keys.push(...next.items.map((lead) => lead.key));
      cursor = next.nextCursor;
    } while (cursor !== null);
    const { rows } = await database.pool.query(
      "select external_key from leads where attributes->>'country' = 'MX' order by 1",
    );
    expect(keys).toEqual(rows.map((row) => row.external_key));
  });

  it('answers a forged cursor, a limit out of range and an unknown segment with problem+json', async () => {
    const forged = await app.inject({ method: 'GET', url: '/api/v1/leads?cursor=%%%' });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().issues[0]).toMatchObject({ location: 'querystring', path: ['cursor'] });
    const limit = await app.inject({ method: 'GET', url: '/api/v1/leads?limit=100000' });
    expect(limit.statusCode).toBe(400);
    expect(limit.json().issues[0]).toMatchObject({ location: 'querystring', path: ['limit'] });
    const segment = await app.inject({
      method: 'GET',
      url: '/api/v1/leads?segmentId=00000000-0000-4000-8000-000000000000',
    });
    expect(segment.statusCode).toBe(404);
  });

  it('treats a hostile search as text', async () => {
    const found = await page(`q=${encodeURIComponent("'; DROP TABLE leads; --")}`);
    expect(found.items).toEqual([]);
    const { rows } = await database.pool.query('select count(*)::int as n from leads');
    expect(rows[0].n).toBe(2000);
  });
});

describe('GET /api/v1/leads/:id', () => {
  it('returns consent, attributes, stage, lists and the most recent events first', async () => {
    const { rows } = await database.pool.query(
      'select l.id from leads l where (select count(*) from lead_events e where e.lead_id = l.id) > 2 order by external_key limit 1',
    );
    const id: string = rows[0].id;
    const response = await app.inject({ method: 'GET', url: `/api/v1/leads/${id}` });
    expect(response.statusCode).toBe(200);
    const lead = response.json();
    const stored = (
      await database.pool.query(
        'select consent_email, consent_sms, consent_call, stage, attributes from leads where id = $1',
        [id],
      )
    ).rows[0];
    expect(lead.consent).toEqual({
      email: stored.consent_email,
      sms: stored.consent_sms,
      call: stored.consent_call,
    });
    expect(lead.stage).toBe(stored.stage);
    expect(lead.attributes).toEqual(stored.attributes);
    const times = lead.events.map((e: { occurredAt: string }) => e.occurredAt);
    expect(times.length).toBeGreaterThan(2);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('answers an unknown lead with 404 and a malformed id with a located 400', async () => {
    const missing = await app.inject({
      method: 'GET',
      url: '/api/v1/leads/00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/leads/1%27%20or%201=1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0]).toMatchObject({ location: 'params', path: ['id'] });
  });
});
