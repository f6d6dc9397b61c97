import { seedDemoWorkspace } from '@rumbo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';

// The segments API over the seeded demo workspace (2,000 Spanish and Mexican leads), each
// count checked against a query written by hand in this file.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: TestApp;

beforeAll(async () => {
  database = await createTestDatabase('api-segments');
  await seedDemoWorkspace(database.db);
  app = await buildTestApp(database);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function scalar(query: string, params: unknown[] = []): Promise<number> {
  const result = await database.pool.query(query, params);
  return Number(result.rows[0].n);
}

const mexicoSweaters = {
  kind: 'group',
  combinator: 'and',
  not: false,
  rules: [
    { kind: 'attribute', path: 'country', type: 'string', test: { op: 'eq', value: 'MX' } },
    {
      kind: 'event',
      name: 'purchased',
      where: [{ property: 'family', type: 'string', test: { op: 'eq', value: 'suéteres' } }],
      when: { op: 'inLast', duration: { amount: 90, unit: 'days' } },
    },
  ],
};

const MEXICO_SWEATERS_SQL = `select count(*) as n from leads l where l.attributes->>'country' = 'MX'
  and exists (select 1 from lead_events e where e.lead_id = l.id and e.name = 'purchased'
  and e.properties->>'family' = 'suéteres' and e.occurred_at > now() - interval '90 days')`;

describe('preview', () => {
  it('counts Mexican customers who bought sweaters in the last 90 days like a hand-written query, with a sample of 20 by key', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/segments/preview',
      payload: { rule: mexicoSweaters },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const expected = await scalar(MEXICO_SWEATERS_SQL);
    expect(expected).toBeGreaterThan(0);
    expect(body.count).toBe(expected);
    expect(body.sample.length).toBe(Math.min(20, expected));
    const keys = body.sample.map((lead: { key: string }) => lead.key);
    expect(keys).toEqual([...keys].sort());
    expect(body.sample.every((lead: { country: string }) => lead.country === 'México')).toBe(true);
  });

  it('answers an unknown attribute with a 400 problem located at the rule path', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/segments/preview',
      payload: {
        rule: {
          kind: 'group',
          combinator: 'and',
          not: false,
          rules: [
            { kind: 'attribute', path: 'pais', type: 'string', test: { op: 'eq', value: 'MX' } },
          ],
        },
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'validation_failed',
      issues: [
        { location: 'body', path: ['rule', 'rules', 0, 'path'], code: 'segment_unknown_attribute' },
      ],
    });
  });

  it('answers an attribute read as the wrong type, and a text value for a number, with located issues', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/segments/preview',
      payload: {
        rule: {
          kind: 'group',
          combinator: 'or',
          not: false,
          rules: [
            {
              kind: 'attribute',
              path: 'lifetimeValue',
              type: 'string',
              test: { op: 'eq', value: 'x' },
            },
            {
              kind: 'attribute',
              path: 'orders',
              type: 'number',
              test: { op: 'gt', value: 'muchos' },
            },
          ],
        },
      },
    });
    expect(response.statusCode).toBe(400);
    const paths = response
      .json()
      .issues.map((i: { path: unknown[]; code: string }) => [i.code, i.path]);
    expect(paths).toEqual([
      ['segment_attribute_type_mismatch', ['rule', 'rules', 0, 'type']],
      ['segment_value_invalid', ['rule', 'rules', 1, 'test', 'value']],
    ]);
  });

  it('answers malformed JSON, a missing rule and an unknown kind with problem+json, never a 500', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/v1/segments/preview',
      headers: { 'content-type': 'application/json' },
      payload: '{"rule": {"kind": "group",',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/problem\+json/);
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/segments/preview',
      payload: {},
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().issues[0]).toMatchObject({ location: 'body', path: ['rule'] });
    const kind = await app.inject({
      method: 'POST',
      url: '/api/v1/segments/preview',
      payload: { rule: { kind: 'sql', text: 'select 1' } },
    });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().issues[0]).toMatchObject({
      path: ['rule', 'kind'],
      code: 'segment_unknown_kind',
    });
  });

  it('treats hostile strings as plain values: no match, no error, no data lost', async () => {
    const before = await scalar('select count(*) as n from leads');
    for (const value of ["'; DROP TABLE leads; --", '$$ OR 1=1 $$', '%_\\', 'ñandú ÁÉÍ']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/segments/preview',
        payload: {
          rule: { kind: 'field', field: 'name', test: { op: 'contains', value } },
        },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().count).toBe(0);
    }
    expect(await scalar('select count(*) as n from leads')).toBe(before);
  });
});

describe('fields', () => {
  it('lists built-in fields with Spanish labels, the attributes in the data and event properties', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/segments/fields' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.fields.find((f: { id: string }) => f.id === 'field:email').label.es).toBe(
      'Correo electrónico',
    );
    const attributes = Object.fromEntries(
      body.attributes.map((a: { path: string; type: string }) => [a.path, a.type]),
    );
    expect(attributes).toMatchObject({
      country: 'string',
      birthday: 'date',
      lifetimeValue: 'number',
      newsletter: 'boolean',
    });
    const country = body.attributes.find((a: { path: string }) => a.path === 'country');
    expect(country.values).toEqual(['ES', 'MX']);
    const city = body.attributes.find((a: { path: string }) => a.path === 'city');
    expect(city.values === undefined || city.values.length <= 30).toBe(true);
    const purchased = body.events.find((e: { name: string }) => e.name === 'purchased');
    expect(purchased.count).toBe(
      await scalar("select count(*) as n from lead_events where name = 'purchased'"),
    );
    expect(purchased.properties).toEqual(
      expect.arrayContaining([
        { path: 'family', type: 'string', values: expect.arrayContaining(['suéteres', 'jerseys']) },
        { path: 'amount', type: 'number' },
      ]),
    );
  });
});

describe('CRUD', () => {
  it('creates a filter segment, lists it with its live count, updates its rule and reads it back', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      payload: { kind: 'filter', name: 'Suéteres MX 90 días', rule: mexicoSweaters },
    });
    expect(created.statusCode).toBe(201);
    const { segment } = created.json();
    expect(segment.count).toBe(await scalar(MEXICO_SWEATERS_SQL));
    const list = (await app.inject({ method: 'GET', url: '/api/v1/segments' })).json();
    expect(list.items.find((s: { id: string }) => s.id === segment.id)).toMatchObject({
      name: 'Suéteres MX 90 días',
      kind: 'filter',
      count: segment.count,
    });
    const onlyMexico = {
      kind: 'attribute',
      path: 'country',
      type: 'string',
      test: { op: 'eq', value: 'MX' },
    };
    const updated = await app.inject({
      method: 'PATCH',
      url: `/api/v1/segments/${segment.id}`,
      payload: { rule: onlyMexico },
    });
    expect(updated.statusCode).toBe(200);
    const read = (
      await app.inject({ method: 'GET', url: `/api/v1/segments/${segment.id}` })
    ).json();
    expect(read.rule).toEqual(onlyMexico);
    expect(read.count).toBe(
      await scalar("select count(*) as n from leads where attributes->>'country' = 'MX'"),
    );
  });

  it('refuses a bad rule on save without creating anything, and a bad id with 400', async () => {
    const before = await scalar('select count(*) as n from segments');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      payload: {
        kind: 'filter',
        name: 'Roto',
        rule: { kind: 'field', field: 'createdAt', test: { op: 'contains', value: 'x' } },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0]).toMatchObject({
      path: ['rule', 'test', 'op'],
      code: 'segment_operator_not_allowed',
    });
    expect(await scalar('select count(*) as n from segments')).toBe(before);
    const badId = await app.inject({ method: 'GET', url: '/api/v1/segments/not-a-uuid' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().issues[0]).toMatchObject({ location: 'params', path: ['id'] });
    const missing = await app.inject({
      method: 'GET',
      url: '/api/v1/segments/00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses to delete a segment a campaign enters leads from (409, naming the campaign), then deletes it once unused', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      payload: { kind: 'filter', name: 'Entrada', rule: { kind: 'stage', in: ['customer'] } },
    });
    const id: string = created.json().segment.id;
    const { rows } = await database.pool.query(
      'select id, code, draft from campaigns order by code limit 1',
    );
    const campaign = rows[0];
    const draft = structuredClone(campaign.draft);
    const entry = draft.nodes.find((node: { type: string }) => node.type === 'entry');
    entry.config = { sources: [{ kind: 'segment', segmentId: id, continuous: false }] };
    await database.pool.query('update campaigns set draft = $1 where id = $2', [
      draft,
      campaign.id,
    ]);

    const refused = await app.inject({ method: 'DELETE', url: `/api/v1/segments/${id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'conflict' });
    expect(refused.json().detail).toContain(campaign.code);

    await database.pool.query('update campaigns set draft = $1 where id = $2', [
      campaign.draft,
      campaign.id,
    ]);
    const deleted = await app.inject({ method: 'DELETE', url: `/api/v1/segments/${id}` });
    expect(deleted.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/v1/segments/${id}` })).statusCode).toBe(
      404,
    );
  });
});

describe('static lists', () => {
  const pasted = [
    'CLI-00001',
    'CLI-00002',
    '',
    'CLI-00002',
    '  CLI-00003  ',
    'NO-EXISTE-1',
    'NO-EXISTE-2',
    'CLI-00001',
  ].join('\r\n');

  it('previews an import without writing: matched, unknown keys listed, duplicates ignored', async () => {
    const before = await scalar('select count(*) as n from list_members');
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/segments/static-preview',
      payload: { text: pasted },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      keys: 5,
      matched: 3,
      unknown: 2,
      unknownKeys: ['NO-EXISTE-1', 'NO-EXISTE-2'],
      duplicates: 2,
      format: 'lines',
      column: null,
    });
    expect(await scalar('select count(*) as n from list_members')).toBe(before);
  });

  it('creates a static list from clientes.txt and a CSV by its key column, members stored once', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      payload: {
        kind: 'static',
        name: 'Preventa de suéteres',
        source: { text: pasted, fileName: 'clientes.txt' },
      },
    });
    expect(created.statusCode).toBe(201);
    const { segment, report } = created.json();
    expect(report).toMatchObject({ matched: 3, unknown: 2, duplicates: 2 });
    expect(segment).toMatchObject({ kind: 'static', count: 3, rule: null });
    expect(
      await scalar('select count(*) as n from list_members where list_id = $1', [segment.id]),
    ).toBe(3);

    const csv = 'nombre;Código\n"Pérez; Ana";CLI-00010\nLuis;CLI-00011\nX;ZZZ\n';
    const replaced = await app.inject({
      method: 'PATCH',
      url: `/api/v1/segments/${segment.id}`,
      payload: { source: { text: csv } },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().report).toMatchObject({
      format: 'csv',
      column: 'Código',
      matched: 2,
      unknownKeys: ['ZZZ'],
    });
    const { rows } = await database.pool.query(
      'select l.external_key from list_members m join leads l on l.id = m.lead_id where m.list_id = $1 order by 1',
      [segment.id],
    );
    expect(rows.map((r) => r.external_key)).toEqual(['CLI-00010', 'CLI-00011']);
  });

  it('lists at most 50 unknown keys but counts all of them', async () => {
    const keys = Array.from({ length: 120 }, (_, i) => `DESCONOCIDO-${i}`).join('\n');
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/segments/static-preview',
      payload: { text: keys },
    });
    expect(response.json()).toMatchObject({ keys: 120, matched: 0, unknown: 120 });
    expect(response.json().unknownKeys).toHaveLength(50);
  });

  it('refuses a rule on a static list with a located 400', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      payload: { kind: 'static', name: 'Lista', source: { text: 'CLI-00001' } },
    });
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/segments/${created.json().segment.id}`,
      payload: { rule: { kind: 'stage', in: ['lead'] } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0]).toMatchObject({ location: 'body', path: ['rule'] });
  });
});
