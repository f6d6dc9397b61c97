import { CampaignDetail, FlowDocument } from '@rumbo/flow';
import type { E2eSession } from './e2e-session.ts';

/** Which demo leads a test needs: those the channel may reach. */
export type Reach = 'email' | 'sms' | 'call';

const REACHABLE: Record<Reach, string> = {
  email: 'email IS NOT NULL AND consent_email',
  sms: 'phone IS NOT NULL AND consent_sms',
  call: 'phone IS NOT NULL AND consent_call',
};

/** The first `count` demo leads by key that `reach` may contact, on a new static list made through the API. */
export async function demoLeadsOnList(
  session: E2eSession,
  list: { name: string; reach: Reach; count: number },
): Promise<{ listId: string; keys: string[] }> {
  const { rows } = await session.database.pool.query<{ external_key: string }>(
    `SELECT external_key FROM leads WHERE workspace_id = $1 AND ${REACHABLE[list.reach]}
     ORDER BY external_key LIMIT $2`,
    [session.workspaceId, list.count],
  );
  const keys = rows.map((r) => r.external_key);
  if (keys.length < list.count) throw new Error(`only ${keys.length} demo leads for ${list.reach}`);
  const created = await session.api('POST', '/api/v1/segments', {
    kind: 'static',
    name: list.name,
    source: { text: keys.join('\n') },
  });
  const segment = created.segment;
  if (typeof segment !== 'object' || segment === null || !('id' in segment)) {
    throw new Error(`the list was not created: ${JSON.stringify(created)}`);
  }
  return { listId: String(segment.id), keys };
}

/** The entry step every list campaign starts with: the leads on the list, once at launch. */
export const listEntry = (listId: string) => ({
  id: 'in',
  type: 'entry',
  name: 'Entrada',
  config: { sources: [{ kind: 'segment', segmentId: listId }] },
});

/** Creates the campaign as a user would, through the API: a blank one, then the draft saved. */
export async function createCampaignViaApi(session: E2eSession, raw: unknown): Promise<string> {
  const document = FlowDocument.parse(raw);
  const { code, name } = document.settings;
  const blank = CampaignDetail.parse(
    await session.api('POST', '/api/v1/campaigns', { from: 'blank', code, name }),
  );
  await session.api('PUT', `/api/v1/campaigns/${blank.id}/draft`, {
    document,
    revision: blank.draftRevision,
  });
  return blank.id;
}

/** A flow document without its schema version, as the tests write them. */
export interface RawFlow {
  settings: Record<string, unknown>;
  nodes: unknown[];
  transitions: unknown[];
}

/**
 * Demo leads on a static list and a campaign entering them, both made through the API: `flow`
 * gets the entry step (reading the list) and returns the document's settings, nodes and
 * transitions.
 */
export async function listCampaign(
  session: E2eSession,
  options: {
    list: { name: string; reach: Reach; count: number };
    flow: (entry: ReturnType<typeof listEntry>) => RawFlow;
  },
): Promise<{ campaignId: string; listId: string; keys: string[] }> {
  const { listId, keys } = await demoLeadsOnList(session, options.list);
  const flow = options.flow(listEntry(listId));
  const campaignId = await createCampaignViaApi(session, { schemaVersion: 1, ...flow });
  return { campaignId, listId, keys };
}

/**
 * The end both welcome flows share (monitor, outbox): after the `mail` step, «Abrió» leads to
 * the exit `opened`, and three days without it to `late`.
 */
export const openedOrLate = {
  nodes: [
    { id: 'opened', type: 'exit', name: 'Abrió el correo', config: {} },
    { id: 'late', type: 'exit', name: 'Sin respuesta', config: {} },
  ],
  transitions: [
    { id: 'o', source: 'mail', target: 'opened', trigger: { kind: 'signal', signal: 'opened' } },
    {
      id: 't',
      source: 'mail',
      target: 'late',
      trigger: { kind: 'timeout', amount: 3, unit: 'days' },
    },
  ],
};
