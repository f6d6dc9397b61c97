import { randomUUID } from 'node:crypto';
import { compileSegmentPredicate, compileSegmentSql, type LeadSnapshot } from '@rumbo/flow';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { LISTS, lead, NOWS, rule } from './segment-agreement.arbitraries.ts';

// The SQL compiler and the in-memory predicate must select the same leads for any rule: random
// rules × random leads go into a real PostgreSQL and every lead's membership is compared.

async function insertLeads(pool: pg.Pool, workspaceId: string, leads: LeadSnapshot[]) {
  const rows = leads.map((l) => ({
    id: randomUUID(),
    workspace_id: workspaceId,
    external_key: l.key,
    name: l.name,
    email: l.email,
    phone: l.phone,
    locale: l.locale,
    time_zone: l.timeZone,
    stage: l.stage,
    consent_email: l.consent.email,
    consent_sms: l.consent.sms,
    consent_call: l.consent.call,
    attributes: l.attributes,
    tags: l.tags,
    created_at: l.createdAt,
    updated_at: l.updatedAt,
  }));
  await pool.query(
    `INSERT INTO leads (id, workspace_id, external_key, name, email, phone, locale, time_zone, stage,
                        consent_email, consent_sms, consent_call, attributes, tags, created_at, updated_at)
     SELECT id, workspace_id, external_key, name, email, phone, locale, time_zone, stage,
            consent_email, consent_sms, consent_call, attributes, tags, created_at, updated_at
     FROM jsonb_populate_recordset(NULL::leads, $1::jsonb)`,
    [JSON.stringify(rows)],
  );
  const events = leads.flatMap((l, i) =>
    l.events.map((e) => ({
      workspace_id: workspaceId,
      lead_id: rows[i]?.id,
      name: e.name,
      occurred_at: e.occurredAt,
      properties: e.properties,
    })),
  );
  await pool.query(
    `INSERT INTO lead_events (workspace_id, lead_id, name, occurred_at, properties)
     SELECT workspace_id, lead_id, name, occurred_at, properties
     FROM jsonb_to_recordset($1::jsonb) AS x(workspace_id uuid, lead_id uuid, name text, occurred_at timestamptz, properties jsonb)`,
    [JSON.stringify(events)],
  );
  const members = leads.flatMap((l, i) =>
    l.lists.map((list) => ({ list_id: list, lead_id: rows[i]?.id })),
  );
  await pool.query(
    `INSERT INTO list_members (list_id, lead_id)
     SELECT list_id, lead_id FROM jsonb_to_recordset($1::jsonb) AS x(list_id uuid, lead_id uuid)`,
    [JSON.stringify(members)],
  );
}

let database: TestDatabase;
const stats = { checks: 0, matched: 0, rules: 0, splitting: 0 };

beforeAll(async () => {
  database = await createTestDatabase('segment-agreement');
  const ws = await database.pool.query<{ id: string }>(
    `INSERT INTO workspaces (name) VALUES ('lists') RETURNING id`,
  );
  const owner = ws.rows[0]?.id;
  for (const id of LISTS) {
    await database.pool.query(
      `INSERT INTO segments (id, workspace_id, name, kind) VALUES ($1, $2, 'list', 'static')`,
      [id, owner],
    );
  }
});
afterAll(async () => {
  await database?.close();
});

describe('segment SQL and predicate', () => {
  const LEADS = 60;
  const RULES = 40;
  // More runs on demand (SEGMENT_AGREEMENT_RUNS=1000) when hunting a disagreement.
  const RUNS = Number(process.env.SEGMENT_AGREEMENT_RUNS ?? 20);
  it('select the same leads for random rules over random leads in PostgreSQL', {
    timeout: 60_000 + RUNS * 500,
  }, async () => {
    const scenario = fc.constantFrom(...NOWS).chain((now) =>
      fc.record({
        now: fc.constant(now),
        leads: fc.array(lead(now), { minLength: LEADS, maxLength: LEADS }),
        rules: fc.array(rule(now), { minLength: RULES, maxLength: RULES }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ now, leads, rules }) => {
        const keyed = leads.map((l, i) => ({ ...l, key: `k${i}` }));
        const ws = await database.pool.query<{ id: string }>(
          `INSERT INTO workspaces (name) VALUES ('p') RETURNING id`,
        );
        const workspaceId = ws.rows[0]?.id ?? '';
        await insertLeads(database.pool, workspaceId, keyed);
        for (const [index, r] of rules.entries()) {
          // Every event shape: per lead (the runner's batches), grouped (workspace scans) and
          // grouped through the workspace's event set (counts and samples, `$1` the workspace).
          const scan = index % 3 !== 0;
          const workspaceParam = index % 3 === 2 ? 1 : undefined;
          const { sql, params } = compileSegmentSql(r, {
            now,
            params: { offset: 1 },
            scan,
            workspaceParam,
          });
          const result = await database.pool.query<{ external_key: string }>(
            `SELECT l.external_key FROM leads l WHERE l.workspace_id = $1 AND ${sql} ORDER BY 1`,
            [workspaceId, ...params],
          );
          const inSql = new Set(result.rows.map((row) => row.external_key));
          const predicate = compileSegmentPredicate(r, { now });
          const disagree = keyed.filter((l) => predicate(l) !== inSql.has(l.key));
          stats.checks += keyed.length;
          stats.matched += inSql.size;
          stats.rules += 1;
          if (inSql.size > 0 && inSql.size < keyed.length) stats.splitting += 1;
          if (disagree.length > 0) {
            expect.fail(
              `now=${new Date(now).toISOString()} scan=${scan} workspaceParam=${workspaceParam} rule=${JSON.stringify(r)}\nfirst lead that disagrees (sql=${inSql.has(disagree[0]?.key ?? '')}): ${JSON.stringify(disagree[0])}`,
            );
          }
        }
      }),
      { numRuns: RUNS },
    );
    console.info(
      `segment agreement: ${stats.checks} checks, ${stats.splitting}/${stats.rules} rules split the leads`,
    );
    expect(stats.checks).toBeGreaterThanOrEqual(10_000);
    // Not vacuous: many rules select some leads and not others.
    expect(stats.splitting).toBeGreaterThan(stats.rules * 0.25);
    expect(stats.matched).toBeGreaterThan(stats.checks * 0.1);
  });
});
