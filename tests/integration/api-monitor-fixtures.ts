import { enrollFromSegments } from '@rumbo/runner';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';
import {
  createCampaign,
  flow,
  publishAndLaunch,
  runUntilQuiet,
  seedLeads,
  seedWorkspace,
  staticList,
} from './runner-fixtures.ts';

// The flows the monitor's and the call list's integration tests run (api-monitor*.test.ts,
// api-call-tasks-capacity.test.ts).

/** entry → tag (update) → mail → opened (signal) | late (3 days); lead-6 fails at `tag`. */
export function monitorFlow(listId: string) {
  return flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      { id: 'tag', type: 'update', config: { addTags: ['seguido'] } },
      { id: 'mail', type: 'email', config: { subject: 'Hola {{ lead.name }}', body: 'Hola' } },
      { id: 'opened', type: 'exit' },
      { id: 'late', type: 'exit' },
    ],
    [
      { id: 'a', source: 'in', target: 'tag', trigger: { kind: 'auto' } },
      { id: 'b', source: 'tag', target: 'mail', trigger: { kind: 'auto' } },
      { id: 'o', source: 'mail', target: 'opened', trigger: { kind: 'signal', signal: 'opened' } },
      {
        id: 't',
        source: 'mail',
        target: 'late',
        trigger: { kind: 'timeout', amount: 3, unit: 'days' },
      },
    ],
    { code: 'MON1', name: 'Monitor', mode: 'test' },
  );
}

export interface CallCampaign {
  t: TestDatabase;
  app: TestApp;
  campaignId: string;
}

/**
 * A database of its own with five leads on a list in a running campaign entry → call → exit
 * after 7 days, run until the five calls are open, and the HTTP app over it (no runner).
 */
export async function startCallCampaign(
  label: string,
  settings: { code: string; name: string },
): Promise<CallCampaign> {
  const t = await createTestDatabase(label);
  const workspaceId = await seedWorkspace(t.db);
  await seedLeads(t.pool, workspaceId, 5);
  const listId = await staticList(t.pool, workspaceId);
  const document = flow(
    [
      { id: 'in', type: 'entry', config: { sources: [{ kind: 'segment', segmentId: listId }] } },
      { id: 'call', type: 'call', config: { script: 'Hola' } },
      { id: 'x', type: 'exit' },
    ],
    [
      { id: 'a', source: 'in', target: 'call', trigger: { kind: 'auto' } },
      {
        id: 't',
        source: 'call',
        target: 'x',
        trigger: { kind: 'timeout', amount: 7, unit: 'days' },
      },
    ],
    settings,
  );
  const campaignId = await createCampaign(t.db, workspaceId, document);
  const version = await publishAndLaunch(t.db, campaignId);
  await enrollFromSegments(t.db, { campaignId, version });
  await runUntilQuiet(t.db, t.pool, campaignId, version);
  return { t, app: await buildTestApp(t), campaignId };
}
