import { schema } from '@rumbo/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const { campaigns, effectLedger, enrollments, leads, signals, workspaces } = schema;

let database: TestDatabase;
let acme: string;
let globex: string;

beforeAll(async () => {
  database = await createTestDatabase('db-constraints');
  const rows = await database.db
    .insert(workspaces)
    .values([{ name: 'Acme' }, { name: 'Globex' }])
    .returning({ id: workspaces.id });
  acme = rows[0]?.id ?? '';
  globex = rows[1]?.id ?? '';
});

afterAll(async () => {
  await database.close();
});

/** The PostgreSQL error a statement fails with (SQLSTATE and constraint), or null. */
async function failure(
  work: Promise<unknown>,
): Promise<{ code: string; constraint: string } | null> {
  try {
    await work;
    return null;
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof pg.DatabaseError ? error.cause : error;
    if (!(cause instanceof pg.DatabaseError)) throw error;
    return { code: cause.code ?? '', constraint: cause.constraint ?? '' };
  }
}

const lead = (workspaceId: string, externalKey: string) => ({
  workspaceId,
  externalKey,
  name: 'Lucía Fernández',
  email: `${externalKey}@example.es`,
});

describe('schema constraints', () => {
  it('refuses a second lead with the same external key in one workspace', async () => {
    await database.db.insert(leads).values(lead(acme, 'CRM-001'));

    const error = await failure(database.db.insert(leads).values(lead(acme, 'CRM-001')));

    expect(error).toEqual({ code: '23505', constraint: 'leads_workspace_external_key_key' });
  });

  it('accepts the same external key in two workspaces', async () => {
    await database.db.insert(leads).values([lead(acme, 'CRM-002'), lead(globex, 'CRM-002')]);

    const rows = await database.pool.query(
      "select count(*)::int as n from leads where external_key = 'CRM-002'",
    );
    expect(rows.rows).toEqual([{ n: 2 }]);
  });

  it('refuses a lead stage outside the lifecycle', async () => {
    const error = await failure(
      database.pool.query(
        "insert into leads (workspace_id, external_key, stage) values ($1, 'CRM-003', 'vip')",
        [acme],
      ),
    );
    expect(error).toEqual({ code: '23514', constraint: 'leads_stage_check' });
  });

  it('records an external effect once per idempotency key', async () => {
    const effect = { workspaceId: acme, idempotencyKey: 'step:42:email', kind: 'email' };
    await database.db.insert(effectLedger).values(effect);

    const error = await failure(database.db.insert(effectLedger).values(effect));
    const retried = await database.db
      .insert(effectLedger)
      .values(effect)
      .onConflictDoNothing()
      .returning({ id: effectLedger.id });

    expect(error).toEqual({ code: '23505', constraint: 'effect_ledger_idempotency_key_key' });
    expect(retried).toEqual([]);
  });

  it('stores a signal once per idempotency key and workspace, and keyless signals freely', async () => {
    const [row] = await database.db
      .insert(leads)
      .values(lead(acme, 'CRM-004'))
      .returning({ id: leads.id });
    const signal = {
      workspaceId: acme,
      leadId: row?.id ?? '',
      name: 'opened',
      occurredAt: new Date('2026-03-01T10:00:00Z'),
    };
    await database.db.insert(signals).values([signal, signal]);
    await database.db.insert(signals).values({ ...signal, idempotencyKey: 'evt-1' });

    const error = await failure(
      database.db.insert(signals).values({ ...signal, idempotencyKey: 'evt-1' }),
    );

    expect(error).toEqual({ code: '23505', constraint: 'signals_workspace_idempotency_key_key' });
  });

  it('allows one live enrollment per campaign and lead key, and a re-entry after it ends', async () => {
    const [row] = await database.db
      .insert(leads)
      .values(lead(acme, 'CRM-005'))
      .returning({ id: leads.id });
    const [campaign] = await database.db
      .insert(campaigns)
      .values({ workspaceId: acme, code: 'RET045', name: 'Retención', draft: draft() })
      .returning({ id: campaigns.id });
    const enrollment = {
      workspaceId: acme,
      campaignId: campaign?.id ?? '',
      version: 1,
      leadId: row?.id ?? '',
      leadKey: 'CRM-005',
      nodeId: 'entry',
    };
    const [first] = await database.db
      .insert(enrollments)
      .values(enrollment)
      .returning({ id: enrollments.id });

    const twiceLive = await failure(
      database.db.insert(enrollments).values({ ...enrollment, entryNumber: 2 }),
    );
    await database.pool.query("update enrollments set status = 'completed' where id = $1", [
      first?.id,
    ]);
    const sameEntryAgain = await failure(database.db.insert(enrollments).values(enrollment));
    await database.db.insert(enrollments).values({ ...enrollment, entryNumber: 2 });

    expect(twiceLive).toEqual({ code: '23505', constraint: 'enrollments_campaign_lead_live_key' });
    expect(sameEntryAgain).toEqual({
      code: '23505',
      constraint: 'enrollments_campaign_lead_entry_key',
    });
  });

  it('keeps money exact to four decimals', async () => {
    const rows = await database.pool.query<{ total: string }>(
      'select (0.1::numeric(14,4) + 0.2::numeric(14,4))::numeric(14,4)::text as total',
    );
    const columns = await database.pool.query<{ column_name: string; type: string }>(
      `select table_name || '.' || column_name as column_name,
              data_type || '(' || numeric_precision || ',' || numeric_scale || ')' as type
         from information_schema.columns
        where table_schema = 'public' and data_type = 'numeric'
        order by 1`,
    );
    expect(rows.rows).toEqual([{ total: '0.3000' }]);
    expect(new Set(columns.rows.map((column) => column.type))).toEqual(new Set(['numeric(14,4)']));
    expect(columns.rows.map((column) => column.column_name)).toContain('steps.cost');
  });
});

describe('runner indexes', () => {
  async function plan(sql: string): Promise<string> {
    const client = await database.pool.connect();
    try {
      // Empty tables make a sequential scan cheapest; forbid it to see which index serves.
      await client.query('set enable_seqscan = off');
      const result = await client.query<{ 'QUERY PLAN': string }>(`explain ${sql}`);
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      await client.query('reset enable_seqscan');
      client.release();
    }
  }

  it("serves a node's due query (the runner's claim, active and waiting) from the partial node index", async () => {
    const claim = await plan(
      `select id from enrollments
       where campaign_id = '00000000-0000-0000-0000-000000000001' and version = 1 and node_id = 'email-1'
         and status in ('active', 'waiting') and due_at <= now()
       order by due_at limit 100`,
    );
    expect(claim).toContain('enrollments_node_live_idx');
    expect(claim).not.toContain('Sort');
  });

  it("serves the operator's retry (a campaign's failed journeys) from the partial failed index", async () => {
    const retry = await plan(
      `select id from enrollments
       where campaign_id = '00000000-0000-0000-0000-000000000001' and status = 'failed'`,
    );
    expect(retry).toContain('enrollments_campaign_failed_idx');
  });

  it('serves "live enrollments at a node" from the partial node index', async () => {
    const sql = `select id from enrollments
      where campaign_id = '00000000-0000-0000-0000-000000000001' and node_id = 'email-1'
        and status in ('active', 'waiting')`;
    expect(await plan(sql)).toContain('enrollments_node_live_idx');
  });
});

function draft() {
  return {
    schemaVersion: 1 as const,
    settings: {
      code: 'RET045',
      name: 'Retención',
      description: '',
      validFrom: null,
      validTo: null,
      currency: 'EUR',
      fixedCost: 0,
      budgetCap: null,
      conversionGoal: null,
      controlShare: 0,
      reentry: { kind: 'never' as const },
      mode: 'test' as const,
      seed: 'rumbo',
    },
    nodes: [],
    transitions: [],
    layout: { nodes: {} },
  };
}
