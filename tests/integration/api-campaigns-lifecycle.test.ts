import type { CampaignDetail } from '@rumbo/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: TestApp;

beforeAll(async () => {
  database = await createTestDatabase('api-campaigns-lifecycle');
  app = await buildTestApp(database);
  await database.pool.query("insert into workspaces (name) values ('Pruebas')");
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Json = Record<string, unknown>;

async function call(
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: unknown,
  raw?: string,
) {
  const body = raw ?? (payload === undefined ? undefined : JSON.stringify(payload));
  const response = await app.inject({
    method,
    url,
    ...(body === undefined ? {} : { payload: body }),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
  });
  return { status: response.statusCode, body: response.json<Json>(), response };
}

async function create(code: string, templateId = 'cart-abandonment'): Promise<CampaignDetail> {
  const { status, body } = await call('POST', '/api/v1/campaigns', {
    from: 'template',
    templateId,
    code,
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return body as unknown as CampaignDetail;
}

async function listCodes(query = ''): Promise<string[]> {
  const { body } = await call('GET', `/api/v1/campaigns${query}`);
  return (body.items as { code: string }[]).map((item) => item.code);
}

async function auditActions(id: string): Promise<string[]> {
  const result = await database.pool.query<{ action: string }>(
    'select action from audit_log where subject = $1 order by id',
    [`campaign:${id}`],
  );
  return result.rows.map((row) => row.action);
}

describe('PATCH /api/v1/campaigns/:id/settings', () => {
  it('changes the given settings in the draft and the list, bumping the revision', async () => {
    const campaign = await create('SET01');
    const { status, body } = await call('PATCH', `/api/v1/campaigns/${campaign.id}/settings`, {
      code: 'SET01B',
      name: 'Carrito verano',
      budgetCap: 500,
      controlShare: 10,
      validFrom: '2026-06-01',
      validTo: '2026-08-31',
      reentry: { kind: 'afterCooldown', duration: { amount: 30, unit: 'days' } },
      mode: 'manual',
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ code: 'SET01B', name: 'Carrito verano', draftRevision: 2 });
    expect(body.draft).toMatchObject({
      settings: { budgetCap: 500, controlShare: 10, mode: 'manual', currency: 'EUR' },
      nodes: campaign.draft.nodes,
    });
    expect(await listCodes()).toContain('SET01B');
    expect(await auditActions(campaign.id)).toEqual([
      'campaign.created',
      'campaign.settings_changed',
    ]);
  });

  it('refuses invalid values with issues located at each field and changes nothing', async () => {
    const campaign = await create('SET02');
    const { status, body } = await call('PATCH', `/api/v1/campaigns/${campaign.id}/settings`, {
      currency: 'euros',
      controlShare: 80,
      fixedCost: -1,
      colour: 'red',
    });
    expect(status).toBe(400);
    const paths = (body.issues as { path: unknown[] }[]).map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([['currency'], ['controlShare'], ['fixedCost'], []]),
    );
    const after = await call('GET', `/api/v1/campaigns/${campaign.id}`);
    expect(after.body).toMatchObject({ draftRevision: 1, draft: campaign.draft });
  });

  it('refuses a code another campaign uses with 409 campaign_code_taken', async () => {
    await create('SET03');
    const campaign = await create('SET04');
    const { status, body } = await call('PATCH', `/api/v1/campaigns/${campaign.id}/settings`, {
      code: 'SET03',
    });
    expect(status).toBe(409);
    expect(body).toMatchObject({ code: 'campaign_code_taken', suggestedCode: 'SET03-2' });
  });
});

describe('archive', () => {
  it('hides an archived campaign from the default list, shows it last on request, and brings it back', async () => {
    const campaign = await create('ARC01');
    const archived = await call('POST', `/api/v1/campaigns/${campaign.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ status: 'archived', archivedAt: expect.any(String) });
    expect(await listCodes()).not.toContain('ARC01');
    expect(await listCodes('?archived=only')).toEqual(['ARC01']);
    const all = await listCodes('?archived=include');
    expect(all.at(-1)).toBe('ARC01');
    const back = await call('POST', `/api/v1/campaigns/${campaign.id}/unarchive`);
    expect(back.body).toMatchObject({ status: 'draft', archivedAt: null });
    expect(await listCodes()).toContain('ARC01');
    expect(await auditActions(campaign.id)).toEqual([
      'campaign.created',
      'campaign.archived',
      'campaign.unarchived',
    ]);
  });

  it('frees the code of an archived campaign, and refuses to bring it back while the code is used', async () => {
    const old = await create('ARC02');
    await call('POST', `/api/v1/campaigns/${old.id}/archive`);
    await create('ARC02');
    const back = await call('POST', `/api/v1/campaigns/${old.id}/unarchive`);
    expect(back.status).toBe(409);
    expect(back.body).toMatchObject({ code: 'campaign_code_taken', suggestedCode: 'ARC02-2' });
  });

  it('refuses to archive a running campaign', async () => {
    const campaign = await create('ARC03');
    await database.pool.query("update campaigns set status = 'active' where id = $1", [
      campaign.id,
    ]);
    const { status, body } = await call('POST', `/api/v1/campaigns/${campaign.id}/archive`);
    expect(status).toBe(409);
    expect(body.code).toBe('conflict');
    expect(await listCodes()).toContain('ARC03');
  });
});

describe('export and import', () => {
  it('exports a file download that imports back to an equal document under a free code', async () => {
    const campaign = await create('EXP01', 'birthday');
    const exported = await call('GET', `/api/v1/campaigns/${campaign.id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.response.headers['content-disposition']).toBe(
      'attachment; filename="EXP01.rumbo.json"',
    );
    expect(exported.body).toMatchObject({ format: 'rumbo.campaign', formatVersion: 1 });
    const clash = await call('POST', '/api/v1/campaigns/import', undefined, exported.response.body);
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'campaign_code_taken', suggestedCode: 'EXP01-2' });
    const imported = await call(
      'POST',
      '/api/v1/campaigns/import?code=EXP01-2',
      undefined,
      exported.response.body,
    );
    expect(imported.status).toBe(201);
    const copy = (imported.body as { campaign: CampaignDetail }).campaign;
    expect(copy.code).toBe('EXP01-2');
    expect(copy.draft).toEqual({
      ...campaign.draft,
      settings: { ...campaign.draft.settings, code: 'EXP01-2' },
    });
    expect(await auditActions(copy.id)).toEqual(['campaign.imported']);
  });

  it('imports a file saved with a byte-order mark, as Windows editors write it', async () => {
    const source = await create('BOM01', 'nps-follow-up');
    const exported = await call('GET', `/api/v1/campaigns/${source.id}/export`);
    const withMark = `\uFEFF${exported.response.body}`;
    const imported = await call('POST', '/api/v1/campaigns/import?code=BOM02', undefined, withMark);
    expect(imported.status).toBe(201);
  });

  it('answers broken JSON with 400 naming the line and column, and creates nothing', async () => {
    const before = await listCodes('?archived=include');
    const text = '{\n  "format": "rumbo.campaign",\n  "formatVersion": 1,\n  "document": {,\n}';
    const { status, body } = await call('POST', '/api/v1/campaigns/import', undefined, text);
    expect(status).toBe(400);
    expect(body.code).toBe('validation_failed');
    expect(body).toMatchObject({ line: 4, column: 16 });
    expect(body.issues).toEqual([
      expect.objectContaining({ location: 'body', code: 'invalid_json', path: [] }),
    ]);
    expect(body.detail).toContain('line 4, column 16');
    expect(await listCodes('?archived=include')).toEqual(before);
  });

  it('answers a file that is not an export, or whose flow is not a flow, with located issues', async () => {
    const notExport = await call('POST', '/api/v1/campaigns/import', { hello: 'world' });
    expect(notExport.status).toBe(400);
    expect((notExport.body.issues as { path: unknown[] }[]).map((i) => i.path)).toEqual([
      ['format'],
      ['formatVersion'],
      ['document'],
    ]);
    const badFlow = await call('POST', '/api/v1/campaigns/import', {
      format: 'rumbo.campaign',
      formatVersion: 1,
      document: {
        schemaVersion: 1,
        settings: { code: 'IMP9', name: 'x' },
        nodes: [{ id: 'a' }],
        transitions: [],
      },
    });
    expect(badFlow.status).toBe(400);
    expect(badFlow.body.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: ['document', 'nodes', 0, 'type'] })]),
    );
    expect(await listCodes()).not.toContain('IMP9');
  });

  it('imports a flow with an unknown node type and returns its issues for the designer', async () => {
    const source = await create('IMP01', 'win-back');
    const exported = await call('GET', `/api/v1/campaigns/${source.id}/export`);
    const file = exported.body as { document: CampaignDetail['draft'] };
    file.document.nodes.push({ id: 'odd', type: 'fax', name: 'Fax', config: {} } as never);
    const { status, body } = await call('POST', '/api/v1/campaigns/import?code=IMP02', file);
    expect(status).toBe(201);
    expect(body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'unknown_node_type', nodeId: 'odd' }),
      ]),
    );
  });
});

describe('OpenAPI', () => {
  it('documents every campaign route with its schemas', async () => {
    const { body } = await call('GET', '/api/openapi.json');
    const paths = Object.keys(body.paths as Json);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/campaigns',
        '/api/v1/campaigns/{id}',
        '/api/v1/campaigns/{id}/draft',
        '/api/v1/campaigns/{id}/settings',
        '/api/v1/campaigns/{id}/archive',
        '/api/v1/campaigns/{id}/unarchive',
        '/api/v1/campaigns/{id}/export',
        '/api/v1/campaigns/import',
      ]),
    );
  });
});
