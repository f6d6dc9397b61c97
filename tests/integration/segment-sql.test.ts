import {
  compileSegmentCountSql,
  compileSegmentPredicate,
  compileSegmentSql,
  foldText,
  type JsonValue,
  type LeadSnapshot,
  MAX_SEGMENT_DEPTH,
  parseDate,
  type SegmentRule,
} from '@rumbo/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validDateText } from '../../packages/flow/src/segment/sql-read.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

// Hostile and dirty input against a real PostgreSQL: every rule here must run without an
// error, leave the data untouched and select exactly the leads the predicate selects.

const NOW = Date.parse('2026-11-22T10:00:00.000Z');
const INJECTIONS = [
  "'; DROP TABLE leads; --",
  "x' OR '1'='1",
  '$$; DELETE FROM leads; $$',
  '") OR true --',
  '{a,b}',
  '\\',
];
const DIRTY: JsonValue[] = [
  'abc',
  '12',
  12,
  null,
  {},
  [],
  true,
  '',
  '2023-02-29',
  '1990-13-01',
  '2024-02-29',
  '2024-02-29T25:00:00Z',
  '9999-12-31T23:59:59.999999-14:00',
  ' 2024-01-01',
  1e308,
];

let database: TestDatabase;
let workspaceId = '';
const leads: LeadSnapshot[] = [];

function lead(i: number, attributes: Record<string, JsonValue>): LeadSnapshot {
  return {
    key: `k${i}`,
    name: INJECTIONS[i % INJECTIONS.length] ?? '',
    email: null,
    phone: null,
    locale: 'es',
    timeZone: 'UTC',
    stage: 'lead',
    consent: { email: true, sms: false, call: false },
    attributes,
    tags: [INJECTIONS[i % INJECTIONS.length] ?? ''],
    lists: [],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    events: [
      {
        name: "purchased'--",
        occurredAt: '2026-11-20T00:00:00.000Z',
        properties: { family: INJECTIONS[i % 3] ?? '' },
      },
    ],
  };
}

async function selected(rule: SegmentRule): Promise<string[]> {
  const { sql, params } = compileSegmentSql(rule, { now: NOW, params: { offset: 1 } });
  const { rows } = await database.pool.query<{ key: string }>(
    `SELECT l.external_key AS key FROM leads l WHERE l.workspace_id = $1 AND ${sql} ORDER BY 1`,
    [workspaceId, ...params],
  );
  return rows.map((row) => row.key);
}
const expected = (rule: SegmentRule) =>
  leads
    .filter(compileSegmentPredicate(rule, { now: NOW }))
    .map((l) => l.key)
    .sort();

beforeAll(async () => {
  database = await createTestDatabase('segment-sql');
  const ws = await database.pool.query<{ id: string }>(
    `INSERT INTO workspaces (name) VALUES ('w') RETURNING id`,
  );
  workspaceId = ws.rows[0]?.id ?? '';
  DIRTY.forEach((value, i) => {
    leads.push(
      lead(i, {
        ltv: value,
        birthday: value,
        vip: value,
        [INJECTIONS[i % INJECTIONS.length] ?? '']: value,
      }),
    );
  });
  for (const l of leads) {
    const { rows } = await database.pool.query<{ id: string }>(
      `INSERT INTO leads (workspace_id, external_key, name, stage, attributes, tags, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        workspaceId,
        l.key,
        l.name,
        l.stage,
        JSON.stringify(l.attributes),
        l.tags,
        l.createdAt,
        l.updatedAt,
      ],
    );
    for (const e of l.events) {
      await database.pool.query(
        'INSERT INTO lead_events (workspace_id, lead_id, name, occurred_at, properties) VALUES ($1, $2, $3, $4, $5)',
        [workspaceId, rows[0]?.id, e.name, e.occurredAt, JSON.stringify(e.properties)],
      );
    }
  }
});
afterAll(async () => {
  await database?.close();
});

describe('segment SQL on dirty and hostile input', () => {
  it('reads dirty attribute values as not set instead of failing the query', async () => {
    const rules: SegmentRule[] = [
      { kind: 'attribute', path: 'ltv', type: 'number', test: { op: 'gt', value: 1 } },
      { kind: 'attribute', path: 'ltv', type: 'number', test: { op: 'isNotSet' } },
      {
        kind: 'attribute',
        path: 'birthday',
        type: 'date',
        test: { op: 'anniversaryWithin', days: 366 },
      },
      {
        kind: 'attribute',
        path: 'birthday',
        type: 'date',
        test: { op: 'lt', value: '2025-01-01' },
      },
      { kind: 'attribute', path: 'vip', type: 'boolean', test: { op: 'eq', value: true } },
      { kind: 'attribute', path: 'vip', type: 'string', test: { op: 'contains', value: '2' } },
    ];
    for (const rule of rules) expect(await selected(rule)).toEqual(expected(rule));
    expect(await selected(rules[0] ?? { kind: 'stage', in: ['lead'] })).toEqual(['k14', 'k2']);
  });

  it('keeps SQL injection in values, attribute paths, tags and event names inert', async () => {
    for (const text of INJECTIONS) {
      const rule: SegmentRule = {
        kind: 'group',
        combinator: 'or',
        not: false,
        rules: [
          { kind: 'attribute', path: text, type: 'string', test: { op: 'isSet' } },
          { kind: 'field', field: 'name', test: { op: 'eq', value: text } },
          { kind: 'tag', tag: text, has: true },
          {
            kind: 'event',
            name: "purchased'--",
            where: [{ property: 'family', type: 'string', test: { op: 'in', values: [text] } }],
          },
        ],
      };
      const keys = await selected(rule);
      expect(keys).toEqual(expected(rule));
      expect(keys.length).toBeGreaterThan(0);
    }
    // Number and date rules on those keys (dates through the stored date_attributes), and on a
    // key with a lone surrogate, which no stored key can hold.
    let matched = 0;
    for (const text of [...INJECTIONS, 'lone \uD800 surrogate']) {
      for (const rule of [
        { kind: 'attribute', path: text, type: 'number', test: { op: 'gte', value: 12 } },
        { kind: 'attribute', path: text, type: 'number', test: { op: 'in', values: [12, 1] } },
        { kind: 'attribute', path: text, type: 'number', test: { op: 'isSet' } },
        { kind: 'attribute', path: text, type: 'date', test: { op: 'isSet' } },
      ] satisfies SegmentRule[]) {
        const keys = await selected(rule);
        expect(keys, `${rule.type} ${rule.test.op} on ${text}`).toEqual(expected(rule));
        matched += keys.length;
      }
    }
    expect(matched).toBeGreaterThan(0);
    const { rows } = await database.pool.query<{ n: string }>('SELECT count(*) AS n FROM leads');
    expect(Number(rows[0]?.n)).toBe(DIRTY.length);
  });

  it('reads %, _ and \\ in an "ends with" value as themselves, not as LIKE wildcards', async () => {
    const endsWith = (value: string): SegmentRule => ({
      kind: 'field',
      field: 'name',
      test: { op: 'endsWith', value },
    });
    // No name ends with a wildcard character: as wildcards, `%` and `_` would match every name.
    for (const value of ['%', '_', '%_', 'leads; _$']) {
      expect(expected(endsWith(value))).toEqual([]);
      expect(await selected(endsWith(value))).toEqual([]);
    }
    // A trailing backslash is an error as a LIKE pattern; here it is the name `\`.
    expect(await selected(endsWith('\\'))).toEqual(['k11', 'k5']);
    expect(await selected(endsWith("='1"))).toEqual(expected(endsWith("='1")));
    expect(expected(endsWith("='1"))).toEqual(['k1', 'k13', 'k7']);
  });

  it('answers an in-list of 10,000 values with one array parameter', async () => {
    const values = Array.from({ length: 10_000 }, (_, i) => String(i));
    const rule: SegmentRule = {
      kind: 'attribute',
      path: 'ltv',
      type: 'string',
      test: { op: 'in', values },
    };
    expect(await selected(rule)).toEqual(expected(rule));
    expect(await selected(rule)).toEqual(['k1']);
  });

  it(`runs groups nested ${MAX_SEGMENT_DEPTH} deep`, async () => {
    let rule: SegmentRule = {
      kind: 'attribute',
      path: 'ltv',
      type: 'number',
      test: { op: 'eq', value: 12 },
    };
    for (let i = 0; i < MAX_SEGMENT_DEPTH; i += 1)
      rule = { kind: 'group', combinator: 'and', not: i % 2 === 0, rules: [rule] };
    expect(await selected(rule)).toEqual(expected(rule));
    expect(await selected(rule)).toEqual(['k2']);
  });

  it('counts only the leads of the given workspace', async () => {
    const other = await database.pool.query<{ id: string }>(
      `INSERT INTO workspaces (name) VALUES ('o') RETURNING id`,
    );
    await database.pool.query(
      `INSERT INTO leads (workspace_id, external_key, stage) VALUES ($1, 'x', 'lead')`,
      [other.rows[0]?.id],
    );
    const { sql, params } = compileSegmentCountSql(
      { kind: 'stage', in: ['lead'] },
      { now: NOW, workspaceId },
    );
    const { rows } = await database.pool.query<{ count: string }>(sql, params);
    expect(Number(rows[0]?.count)).toBe(DIRTY.length);
  });

  it('shapes event rules, per lead and grouped, for the lead_events indexes', async () => {
    const rule: SegmentRule = {
      kind: 'event',
      name: 'purchased',
      where: [],
      when: { op: 'inLast', duration: { amount: 30, unit: 'days' } },
      count: { op: 'atLeast', n: 2 },
    };
    const client = await database.pool.connect();
    try {
      await client.query('SET enable_seqscan = off');
      for (const scan of [false, true]) {
        const { sql, params } = compileSegmentSql(rule, { now: NOW, params: { offset: 1 }, scan });
        const plan = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT 1 FROM leads l WHERE l.workspace_id = $1 AND ${sql}`,
          [workspaceId, ...params],
        );
        // Per lead (lead_id, name, occurred_at) or the workspace's events at once (workspace_id,
        // name, occurred_at[, lead_id]): the planner picks; either way an index finds the events.
        expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(
          /lead_events_(lead|workspace)_name_occurred(_lead)?_idx/,
        );
      }
      // "Has an event" over one workspace: the set of leads comes from the index alone.
      const { sql, params } = compileSegmentSql(
        { ...rule, count: { op: 'atLeast', n: 1 } },
        { now: NOW, params: { offset: 1 }, scan: true, workspaceParam: 1 },
      );
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT 1 FROM leads l WHERE l.workspace_id = $1 AND ${sql}`,
        [workspaceId, ...params],
      );
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(
        /Index Only Scan using lead_events_workspace_name_occurred_lead_idx/,
      );
    } finally {
      await client.query('RESET enable_seqscan');
      client.release();
    }
  });
  it('checks dates in PostgreSQL exactly as parseDate does, bare days and date-times, in the query and in the stored date_attributes', async () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const times = ['', 'T10:00Z', 'T23:59:59.123456+14:00', 'T10:00', 'T24:00Z'];
    const texts = [
      'ñ000-00-00',
      '２０２４-01-01',
      '2024-1-011',
      ' 2024-01-1',
      '2024/01/01',
      '2024-01-01 ',
      '+024-01-01',
      '2024-00-10',
      '',
    ];
    for (const y of [0, 1, 4, 99, 100, 400, 800, 1900, 2000, 2023, 2024, 2100, 9999]) {
      for (let m = 0; m <= 13; m += 1) {
        for (let d = 0; d <= 32; d += 1) {
          for (const time of times) texts.push(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}${time}`);
        }
      }
    }
    const { rows } = await database.pool.query<{ t: string; valid: boolean }>(
      `SELECT t, ${validDateText('t')} AS valid FROM unnest($1::text[]) AS t`,
      [texts],
    );
    expect(rows).toHaveLength(texts.length);
    const disagree = rows.filter((row) => row.valid !== (parseDate(row.t) !== null));
    expect(disagree).toEqual([]);
    // Not vacuous: both answers occur for bare days and for date-times.
    // Twelve real years, five of them leap (4, 400, 800, 2000, 2024).
    expect(rows.filter((row) => row.valid && row.t.length === 10).length).toBe((12 * 365 + 5) * 1);
    expect(rows.filter((row) => row.valid && row.t.length > 10).length).toBe((12 * 365 + 5) * 2);

    // The stored column holds the same verdict for each text as a top-level attribute.
    const ws = await database.pool.query<{ id: string }>(
      `INSERT INTO workspaces (name) VALUES ('dates') RETURNING id`,
    );
    const stored = await database.pool.query<{ t: string; keys: string[] }>(
      `INSERT INTO leads (workspace_id, external_key, attributes)
       SELECT $1, 'd' || n, jsonb_build_object('d', t, 'n', n, 'o', jsonb_build_object('d', t))
       FROM unnest($2::text[]) WITH ORDINALITY AS u(t, n)
       RETURNING attributes->>'d' AS t, date_attributes AS keys`,
      [ws.rows[0]?.id, texts],
    );
    expect(stored.rows).toHaveLength(texts.length);
    const storedDisagree = stored.rows.filter(
      (row) => row.keys.length > 0 !== (parseDate(row.t) !== null),
    );
    expect(storedDisagree).toEqual([]);
    // Only top-level string keys: not the number `n`, not the nested `o.d`.
    expect(new Set(stored.rows.flatMap((row) => row.keys))).toEqual(new Set(['d']));
    const odd = await database.pool.query<{ keys: unknown }>(
      `INSERT INTO leads (workspace_id, external_key, attributes)
       VALUES ($1, 'array', '[{"d": "2024-01-01"}]'), ($1, 'number', '20240101'),
              ($1, 'many', '{"b": "2024-02-29", "a": "2023-02-29", "c": "1999-12-31T23:00Z", "e": 3}')
       RETURNING date_attributes AS keys`,
      [ws.rows[0]?.id],
    );
    expect(odd.rows.map((row) => row.keys)).toEqual([[], [], ['b', 'c']]);
  });

  it('folds in PostgreSQL exactly as foldText, in rumbo_fold_text and the stored folded columns', async () => {
    const latin = Array.from({ length: 0x250 - 0x20 }, (_, i) => String.fromCodePoint(0x20 + i));
    const sample = `${latin.join('')} ẞ€日本 ÁLVARO Núñez`;
    const { rows } = await database.pool.query<{ folded: string }>(
      'SELECT rumbo_fold_text($1) AS folded',
      [sample],
    );
    expect(rows[0]?.folded).toBe(foldText(sample));

    const ws = await database.pool.query<{ id: string }>(
      `INSERT INTO workspaces (name) VALUES ('folded') RETURNING id`,
    );
    const attributes = {
      City: 'MÉRIDA',
      n: 1,
      'a.b': 2,
      'c.d': 'ÑU',
      nested: { x: 'Ñoño', y: true, z: { w: 'ÜBER' }, 'k.j': 3 },
      list: ['A'],
      nothing: null,
    };
    const stored = await database.pool.query(
      `INSERT INTO leads (workspace_id, external_key, name, email, stage, attributes)
       VALUES ($1, 'folded', 'ÁLVARO Núñez', 'Álvaro@Example.COM', 'lead', $2)
       RETURNING name_folded, email_folded, attributes_folded`,
      [ws.rows[0]?.id, JSON.stringify(attributes)],
    );
    // The whole JSON text folded, keys included: numbers, booleans and nulls unchanged.
    expect(stored.rows[0]).toEqual({
      name_folded: 'alvaro nuñez',
      email_folded: 'alvaro@example.com',
      attributes_folded: {
        city: 'merida',
        n: 1,
        'a.b': 2,
        'c.d': 'ñu',
        nested: { x: 'ñoño', y: true, z: { w: 'uber' }, 'k.j': 3 },
        list: ['a'],
        nothing: null,
      },
    });
    const escapes = { 'Ünïcode\\': 'A"B\n\u0001ÉÑ', ẞ日本: 'ẞ€日本 ÀÿÇ' };
    const folded = await database.pool.query<{ folded: unknown }>(
      'SELECT rumbo_fold_attributes($1::jsonb, true) AS folded',
      [JSON.stringify(escapes)],
    );
    expect(folded.rows[0]?.folded).toEqual(
      Object.fromEntries(Object.entries(escapes).map(([k, v]) => [foldText(k), foldText(v)])),
    );
  });
  it('keeps one of the keys that fold alike, the one the predicate reads: longest in UTF-8, then greatest', async () => {
    const ws = await database.pool.query<{ id: string }>(
      `INSERT INTO workspaces (name) VALUES ('collide') RETURNING id`,
    );
    await database.pool.query(
      `INSERT INTO leads (workspace_id, external_key, attributes) VALUES ($1, 'c', $2)`,
      [
        ws.rows[0]?.id,
        JSON.stringify({ pais: 'ES', País: 'MX', Country: 'PE', country: 'CO', COUNTRY: 'AR' }),
      ],
    );
    const count = async (path: string, value: string) => {
      const rule: SegmentRule = {
        kind: 'attribute',
        path,
        type: 'string',
        test: { op: 'eq', value },
      };
      const { sql, params } = compileSegmentSql(rule, { now: NOW, params: { offset: 1 } });
      const { rows } = await database.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM leads l WHERE l.workspace_id = $1 AND ${sql}`,
        [ws.rows[0]?.id, ...params],
      );
      return Number(rows[0]?.n);
    };
    // «País» is 5 bytes, «pais» 4: «País» wins, whichever spelling the rule uses.
    expect(await count('pais', 'mx')).toBe(1);
    expect(await count('PAIS', 'mx')).toBe(1);
    expect(await count('pais', 'es')).toBe(0);
    // Same length: byte order, «country» > «Country» > «COUNTRY».
    expect(await count('Country', 'co')).toBe(1);
    expect(await count('Country', 'pe')).toBe(0);
  });
});
