import { type FlowDocument, migrationTarget } from '@rumbo/flow';
import { type NodeRoutes, nodeRoutes } from '@rumbo/flow/runtime';
import { z } from 'zod';
import { waitingFor } from '../advance/waiting-for.ts';
import { removeJourneysSql } from '../operations/remove-journeys.ts';
import { type Executor, run } from '../sql/positional.ts';
import { RunnerError } from './campaign.errors.ts';

export interface MigrationInput {
  campaignId: string;
  /** The version just published; leads on older versions may move onto it. */
  version: number;
  document: FlowDocument;
  /** Old node id → node of the new version, for nodes the new version deletes. */
  nodeMap: Readonly<Record<string, string>>;
  /** Old node ids whose live leads leave the campaign (`removed`) instead. */
  exit?: readonly string[];
}

export interface MigrationResult {
  migrated: number;
  /** Live leads taken out of the campaign at the `exit` nodes. */
  removed: number;
  /** Live leads left on older versions: at deleted nodes, or whose wait the new node cannot keep. */
  stayed: number;
}

const Group = z.object({ version: z.number(), node_id: z.string() });
const Count = z.object({ n: z.coerce.number() });
const REASONS = ['delay', 'timeout', 'waited'] as const;

/**
 * For each kind of lead at an old node, the `waiting_for` it takes at the new node, or nothing
 * when the new node cannot keep that wait (its delay or timeout transition is gone): those stay
 * on their version. Keys: `active` (due or parked for a go), a due reason, or '' (signals only).
 */
function waitMap(routes: NodeRoutes): { keys: string[]; waits: (string | null)[] } {
  const keys: string[] = ['active'];
  const waits: (string | null)[] = [null];
  if (routes.signals.length > 0) {
    keys.push('');
    waits.push(JSON.stringify(waitingFor(null, null, routes)));
  }
  for (const reason of REASONS) {
    const due = reason === 'timeout' ? routes.timeout : routes.timed;
    if (!due) continue;
    keys.push(reason);
    waits.push(JSON.stringify(waitingFor(due, reason, routes)));
  }
  return { keys, waits };
}

// One old node's live leads onto the new version, with the counters moved in the same
// statement: waiting leaves (old version, old node) and joins (new version, new node).
// A lead parked for an operator's go only stays parked if the new version is manual too.
const MOVE = `
WITH m AS (
  SELECT * FROM unnest($6::text[], $7::text[]) AS m(key, wf)
), moved AS (
  UPDATE enrollments e SET version = $4, node_id = $5, attempt = e.attempt + 1, updated_at = now(),
    waiting_for = CASE WHEN e.status = 'waiting' THEN m.wf::jsonb
                       WHEN e.waiting_for ? 'operator' AND NOT $8::bool THEN NULL
                       ELSE e.waiting_for END,
    due_at = CASE WHEN e.status = 'active' AND e.waiting_for ? 'operator' AND NOT $8::bool THEN now()
                  ELSE e.due_at END
  FROM m
  WHERE e.campaign_id = $1 AND e.version = $2 AND e.node_id = $3
    AND e.status IN ('active', 'waiting')
    AND m.key = CASE WHEN e.status = 'active' THEN 'active'
                     ELSE COALESCE(e.waiting_for->>'dueReason', '') END
  RETURNING e.current_step_id
), g AS (
  SELECT count(*) AS n FROM moved
), leaving AS (
  UPDATE node_counters c SET waiting = c.waiting - g.n, updated_at = now()
  FROM g WHERE g.n > 0 AND c.campaign_id = $1 AND c.version = $2 AND c.node_id = $3
), joining AS (
  INSERT INTO node_counters AS c (campaign_id, version, node_id, waiting)
  SELECT $1, $4, $5, g.n FROM g WHERE g.n > 0
  ON CONFLICT (campaign_id, version, node_id) DO UPDATE SET
    waiting = c.waiting + EXCLUDED.waiting, updated_at = now()
), calls AS (
  -- Mapped to another node: the old node's open call is no longer the lead's next step.
  UPDATE call_tasks t SET status = 'closed', closed_at = now(), updated_at = now()
  FROM moved WHERE $3 <> $5 AND t.step_id = moved.current_step_id AND t.status = 'open'
)
SELECT n FROM g`;

// The live leads of older versions at the `exit` nodes end their journeys, as an operator's
// remove ends one.
const REMOVE = removeJourneysSql(
  'campaign_id = $1 AND version < $2 AND node_id = ANY($3::text[])',
  'SELECT count(*) AS n FROM r',
);

/**
 * Moves the live leads of older versions onto the version just published (DESIGN §5): leads at
 * nodes the new version keeps (same id) continue there, leads at deleted nodes follow `nodeMap`
 * or leave the campaign (`exit`), or stay on their version and drain there. A lead keeps its
 * open step (the visit it is in) and its due time, so a node it already acted at is never
 * re-run. In the publish transaction.
 */
export async function migrateLeads(db: Executor, input: MigrationInput): Promise<MigrationResult> {
  const has = (id: string) => input.document.nodes.some((n) => n.id === id);
  for (const [from, to] of Object.entries(input.nodeMap)) {
    if (!has(to)) {
      throw new RunnerError(
        'invalid_node_map',
        `node ${to} (for ${from}) is not in the new version`,
        {
          params: { from, to },
        },
      );
    }
  }
  const exit = input.exit ?? [];
  const both = exit.find((id) => input.nodeMap[id] !== undefined);
  if (both !== undefined) {
    throw new RunnerError(
      'invalid_node_map',
      `node ${both} is both mapped to ${input.nodeMap[both]} and taken out`,
      { params: { from: both, to: input.nodeMap[both] ?? '' } },
    );
  }
  const [gone] =
    exit.length > 0
      ? await run(db, REMOVE, [input.campaignId, input.version, [...exit]])
      : [{ n: 0 }];
  const removed = Count.parse(gone).n;
  const groups = (
    await run(
      db,
      `SELECT DISTINCT version, node_id FROM enrollments
       WHERE campaign_id = $1 AND version < $2 AND status IN ('active', 'waiting')
       ORDER BY version, node_id`,
      [input.campaignId, input.version],
    )
  ).map((raw) => Group.parse(raw));
  const manual = input.document.settings.mode === 'manual';
  let migrated = 0;
  for (const group of groups) {
    const target = migrationTarget(group.node_id, input.document, input.nodeMap);
    const routes = target === null ? null : nodeRoutes(input.document, target);
    if (target === null || routes === null) continue;
    const { keys, waits } = waitMap(routes);
    const [raw] = await run(db, MOVE, [
      input.campaignId,
      group.version,
      group.node_id,
      input.version,
      target,
      keys,
      waits,
      manual,
    ]);
    migrated += Count.parse(raw).n;
  }
  const [left] = await run(
    db,
    `SELECT count(*) AS n FROM enrollments
     WHERE campaign_id = $1 AND version < $2 AND status IN ('active', 'waiting')`,
    [input.campaignId, input.version],
  );
  return { migrated, removed, stayed: Count.parse(left).n };
}
