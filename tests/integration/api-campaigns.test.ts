import { type CampaignDetail, templates } from '@rumbo/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: TestApp;

beforeAll(async () => {
  database = await createTestDatabase('api-campaigns');
  app = await buildTestApp(database);
  await database.pool.query("insert into workspaces (name) values ('Pruebas')");
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Json = Record<string, unknown>;

async function call(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) {
  const response = await app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    headers: payload === undefined ? {} : { 'content-type': 'application/json' },
  });
  return { status: response.statusCode, body: response.json<Json>(), response };
}

async function create(payload: Json): Promise<CampaignDetail> {
  const { status, body } = await call('POST', '/api/v1/campaigns', payload);
  expect(status, JSON.stringify(body)).toBe(201);
  return body as unknown as CampaignDetail;
}

async function auditActions(id: string): Promise<string[]> {
  const result = await database.pool.query<{ action: string }>(
    'select action from audit_log where subject = $1 order by id',
    [`campaign:${id}`],
  );
  return result.rows.map((row) => row.action);
}

describe('POST /api/v1/campaigns', () => {
  it('creates a blank campaign whose draft is a valid entry → exit flow, at revision 1', async () => {
    const campaign = await create({ from: 'blank', code: 'BLK01', name: 'En blanco' });
    expect(campaign).toMatchObject({ code: 'BLK01', name: 'En blanco', status: 'draft' });
    expect(campaign.draftRevision).toBe(1);
    expect(campaign.draft.nodes.map((node) => [node.type, node.name])).toEqual([
      ['entry', 'Entrada'],
      ['exit', 'Fin'],
    ]);
    const saved = await call('PUT', `/api/v1/campaigns/${campaign.id}/draft`, {
      document: campaign.draft,
      revision: 1,
    });
    expect(saved.body.issues).toEqual([]);
    expect(await auditActions(campaign.id)).toEqual(['campaign.created', 'campaign.draft_saved']);
  });

  it('names the blank flow in English when asked', async () => {
    const campaign = await create({ from: 'blank', code: 'BLK02', name: 'Blank', locale: 'en' });
    expect(campaign.draft.nodes.map((node) => node.name)).toEqual(['Entry', 'End']);
  });

  it('refuses a second campaign with the same code with 409 and a free code to use', async () => {
    await create({ from: 'blank', code: 'DUP01', name: 'Uno' });
    const { status, body } = await call('POST', '/api/v1/campaigns', {
      from: 'blank',
      code: 'DUP01',
      name: 'Dos',
    });
    expect(status).toBe(409);
    expect(body).toMatchObject({ code: 'campaign_code_taken', suggestedCode: 'DUP01-2' });
  });

  it('requires a code and a name for a blank campaign, located in the body', async () => {
    const { status, body } = await call('POST', '/api/v1/campaigns', { from: 'blank', code: '' });
    expect(status).toBe(400);
    expect(body.code).toBe('validation_failed');
    const paths = (body.issues as { path: unknown[]; location: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining([['code'], ['name']]));
  });

  it.each(templates.map((template) => [template.id]))(
    'creates a campaign from template %s with the template flow and a free code',
    async (templateId) => {
      const template = templates.find((t) => t.id === templateId);
      if (!template) throw new Error('no template');
      const campaign = await create({ from: 'template', templateId, locale: 'es' });
      const built = template.build('es');
      expect(campaign.name).toBe(built.settings.name);
      expect(campaign.code).toBe(built.settings.code);
      expect(campaign.draft.nodes).toEqual(built.nodes);
      expect(campaign.draft.transitions).toEqual(built.transitions);
      const again = await create({ from: 'template', templateId, locale: 'en' });
      expect(again.code).toBe(`${built.settings.code}-2`);
      expect(again.name).toBe(template.build('en').settings.name);
    },
  );

  it('answers an unknown template with 400 located at templateId', async () => {
    const { status, body } = await call('POST', '/api/v1/campaigns', {
      from: 'template',
      templateId: 'no-such-template',
    });
    expect(status).toBe(400);
    expect(body.issues).toEqual([expect.objectContaining({ path: ['templateId'] })]);
  });

  it('clones a campaign: same flow, new code and name, its own split seed', async () => {
    const source = await create({ from: 'template', templateId: 'welcome-series', code: 'CLN01' });
    const copy = await create({ from: 'clone', campaignId: source.id, locale: 'es' });
    expect(copy.id).not.toBe(source.id);
    expect(copy.code).toBe('CLN01-2');
    expect(copy.name).toBe(`Copia de ${source.name}`);
    expect(copy.draft.nodes).toEqual(source.draft.nodes);
    expect(copy.draft.transitions).toEqual(source.draft.transitions);
    expect(copy.draft.settings.seed).not.toBe(source.draft.settings.seed);
    const named = await create({
      from: 'clone',
      campaignId: source.id,
      code: 'CLN02',
      name: 'Otra',
    });
    expect(named).toMatchObject({ code: 'CLN02', name: 'Otra' });
  });
});
