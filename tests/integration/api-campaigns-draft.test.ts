import type { CampaignDetail } from '@rumbo/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: TestApp;
let segmentId: string;

beforeAll(async () => {
  database = await createTestDatabase('api-campaigns-draft');
  app = await buildTestApp(database);
  const workspace = await database.pool.query<{ id: string }>(
    "insert into workspaces (name) values ('Pruebas') returning id",
  );
  const segment = await database.pool.query<{ id: string }>(
    "insert into segments (workspace_id, name, kind) values ($1, 'Clientes', 'static') returning id",
    [workspace.rows[0]?.id],
  );
  segmentId = segment.rows[0]?.id ?? '';
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

async function storedDraft(id: string): Promise<{ draft: unknown; revision: number }> {
  const result = await database.pool.query<{ draft: unknown; draft_revision: number }>(
    'select draft, draft_revision from campaigns where id = $1',
    [id],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`campaign ${id} not stored`);
  return { draft: row.draft, revision: row.draft_revision };
}

describe('PUT /api/v1/campaigns/:id/draft', () => {
  let badCount = 0;

  it('saves with the current revision: revision + 1, issues returned, row follows the settings', async () => {
    const campaign = await create({ from: 'blank', code: 'SAV01', name: 'Guardar' });
    const document = {
      ...campaign.draft,
      settings: { ...campaign.draft.settings, name: 'Guardada' },
      nodes: [...campaign.draft.nodes, { id: 'lost', type: 'exit', name: 'Suelto', config: {} }],
    };
    const { status, body } = await call('PUT', `/api/v1/campaigns/${campaign.id}/draft`, {
      document,
      revision: 1,
    });
    expect(status).toBe(200);
    expect(body.revision).toBe(2);
    expect(body.issues).toEqual([
      expect.objectContaining({ code: 'unreachable_node', severity: 'error', nodeId: 'lost' }),
    ]);
    const stored = await storedDraft(campaign.id);
    expect(stored.revision).toBe(2);
    expect(stored.draft).toMatchObject({ nodes: document.nodes });
    const detail = await call('GET', `/api/v1/campaigns/${campaign.id}`);
    expect(detail.body).toMatchObject({ name: 'Guardada', draftRevision: 2 });
  });

  it('refuses a stale revision with 409 draft_conflict naming the current revision, leaving the draft', async () => {
    const campaign = await create({ from: 'blank', code: 'CNF01', name: 'Conflicto' });
    const first = { ...campaign.draft, settings: { ...campaign.draft.settings, name: 'Primera' } };
    expect(
      (
        await call('PUT', `/api/v1/campaigns/${campaign.id}/draft`, {
          document: first,
          revision: 1,
        })
      ).status,
    ).toBe(200);
    const before = await storedDraft(campaign.id);
    const second = { ...campaign.draft, settings: { ...campaign.draft.settings, name: 'Segunda' } };
    const { status, body } = await call('PUT', `/api/v1/campaigns/${campaign.id}/draft`, {
      document: second,
      revision: 1,
    });
    expect(status).toBe(409);
    expect(body).toMatchObject({
      code: 'draft_conflict',
      currentRevision: 2,
      savedBy: 'anonymous',
    });
    expect(Date.parse(String(body.savedAt))).not.toBeNaN();
    expect(await storedDraft(campaign.id)).toEqual(before);
  });

  it('lets exactly one of two simultaneous saves of the same revision through', async () => {
    const campaign = await create({ from: 'blank', code: 'RACE01', name: 'Carrera' });
    const named = (name: string) => ({
      document: { ...campaign.draft, settings: { ...campaign.draft.settings, name } },
      revision: 1,
    });
    const results = await Promise.all([
      call('PUT', `/api/v1/campaigns/${campaign.id}/draft`, named('Ana')),
      call('PUT', `/api/v1/campaigns/${campaign.id}/draft`, named('Luis')),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    const winner = results.find((result) => result.status === 200);
    const stored = await storedDraft(campaign.id);
    expect(stored.revision).toBe(2);
    expect(winner?.body.revision).toBe(2);
  });

  it('refuses a draft whose code another campaign uses with 409, leaving the draft', async () => {
    await create({ from: 'blank', code: 'OWN01', name: 'Dueña' });
    const campaign = await create({ from: 'blank', code: 'OWN02', name: 'Otra' });
    const before = await storedDraft(campaign.id);
    const document = { ...campaign.draft, settings: { ...campaign.draft.settings, code: 'OWN01' } };
    const { status, body } = await call('PUT', `/api/v1/campaigns/${campaign.id}/draft`, {
      document,
      revision: 1,
    });
    expect(status).toBe(409);
    expect(body).toMatchObject({ code: 'campaign_code_taken', suggestedCode: 'OWN01-2' });
    expect(await storedDraft(campaign.id)).toEqual(before);
  });

  it('stores a draft with an unknown node type and answers 200 with the issue, not a 500', async () => {
    const campaign = await create({ from: 'blank', code: 'UNK01', name: 'Desconocido' });
    const document = {
      ...campaign.draft,
      nodes: [
        ...campaign.draft.nodes,
        { id: 'tp', type: 'teleport', name: 'Teletransporte', config: {} },
      ],
    };
    const { status, body } = await call('PUT', `/api/v1/campaigns/${campaign.id}/draft`, {
      document,
      revision: 1,
    });
    expect(status).toBe(200);
    expect(body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'unknown_node_type',
          nodeId: 'tp',
          path: ['nodes', 2, 'type'],
        }),
      ]),
    );
    expect((await storedDraft(campaign.id)).draft).toMatchObject({
      nodes: expect.arrayContaining([expect.objectContaining({ type: 'teleport' })]),
    });
  });

  it('reports an entry segment that does not exist in the workspace, and accepts one that does', async () => {
    const campaign = await create({ from: 'blank', code: 'SEG01', name: 'Segmentos' });
    const withSource = (id: string) => ({
      ...campaign.draft,
      nodes: campaign.draft.nodes.map((node) =>
        node.type === 'entry'
          ? { ...node, config: { sources: [{ kind: 'segment', segmentId: id }] } }
          : node,
      ),
    });
    const missing = '0b7e2f4a-1111-4c2b-9a51-0d1c2e3f4a5b';
    const bad = await call('PUT', `/api/v1/campaigns/${campaign.id}/draft`, {
      document: withSource(missing),
      revision: 1,
    });
    expect(bad.body.issues).toEqual([
      expect.objectContaining({
        code: 'unknown_segment',
        nodeId: 'entry',
        path: ['config', 'sources', 0, 'segmentId'],
      }),
    ]);
    const good = await call('PUT', `/api/v1/campaigns/${campaign.id}/draft`, {
      document: withSource(segmentId),
      revision: 2,
    });
    expect(good.body).toMatchObject({ revision: 3, issues: [] });
  });

  it.each([
    ['a text instead of a document', 'hola', ['document']],
    ['an array', [1, 2], ['document']],
    [
      'a schemaVersion with no migration',
      { schemaVersion: 99, nodes: [] },
      ['document', 'schemaVersion'],
    ],
    [
      'nodes that are not a list',
      { schemaVersion: 1, settings: { code: 'X', name: 'Y' }, nodes: 'none', transitions: [] },
      ['document', 'nodes'],
    ],
  ])('answers %s with a located 400 and keeps the stored draft', async (_label, document, path) => {
    badCount += 1;
    const campaign = await create({ from: 'blank', code: `BAD${badCount}`, name: 'Basura' });
    const before = await storedDraft(campaign.id);
    const { status, body } = await call('PUT', `/api/v1/campaigns/${campaign.id}/draft`, {
      document,
      revision: 1,
    });
    expect(status).toBe(400);
    expect(body.code).toBe('validation_failed');
    expect(body.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ location: 'body', path })]),
    );
    expect(await storedDraft(campaign.id)).toEqual(before);
  });

  it('answers a body without a revision with 400 located at revision', async () => {
    const campaign = await create({ from: 'blank', code: 'NOREV', name: 'Sin revisión' });
    const { status, body } = await call('PUT', `/api/v1/campaigns/${campaign.id}/draft`, {
      document: campaign.draft,
    });
    expect(status).toBe(400);
    expect(body.issues).toEqual([
      expect.objectContaining({ location: 'body', path: ['revision'] }),
    ]);
  });

  it('answers 404 for a campaign that does not exist', async () => {
    const { status, body } = await call(
      'PUT',
      '/api/v1/campaigns/0b7e2f4a-2222-4c2b-9a51-0d1c2e3f4a5b/draft',
      {
        document: {},
        revision: 1,
      },
    );
    expect(status).toBe(404);
    expect(body.code).toBe('not_found');
  });
});
