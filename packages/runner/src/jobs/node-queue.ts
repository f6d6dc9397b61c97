import { PgBoss } from 'pg-boss';
import { z } from 'zod';
import type { NodeScope } from '../advance/apply-decisions.ts';
import { DEFAULT_BATCH_SIZE } from '../advance/process-batch.ts';
import { type Executor, run } from '../sql/positional.ts';

/**
 * The one job definition of execution: "process the due enrollments at this node". Payloads
 * carry ids only. `short` policy + a singleton key per (node, slot) keeps at most one queued
 * job per slot, so a busy node gets at most one job per 1,000 due leads however often the
 * ticker or finished batches ask.
 */
export const NODE_QUEUE = 'rumbo-node';
export const NodeJob = z.object({
  campaignId: z.string(),
  version: z.number().int(),
  nodeId: z.string(),
});
export type NodeJob = z.infer<typeof NodeJob>;

/** Parallel jobs per node at most, whatever its backlog. */
export const MAX_SLOTS_PER_NODE = 4;

export async function createNodeQueue(boss: PgBoss): Promise<void> {
  await boss.createQueue(NODE_QUEUE, {
    policy: 'short',
    retryLimit: 5,
    retryDelay: 2,
    retryBackoff: true,
    expireInSeconds: 300,
  });
}

const slotKey = (scope: NodeScope, slot: number) =>
  `${scope.campaignId}:${scope.version}:${scope.nodeId}:${slot}`;

/** Asks for `slots` workers at a node; slots already queued are not queued twice. */
export async function wakeNode(boss: PgBoss, scope: NodeScope, slots = 1): Promise<number> {
  let sent = 0;
  for (let slot = 0; slot < Math.min(slots, MAX_SLOTS_PER_NODE); slot++) {
    const data: NodeJob = {
      campaignId: scope.campaignId,
      version: scope.version,
      nodeId: scope.nodeId,
    };
    const id = await boss.send(NODE_QUEUE, data, { singletonKey: slotKey(scope, slot) });
    if (id !== null) sent++;
  }
  return sent;
}

const DueRow = z.object({
  campaign_id: z.string(),
  version: z.number(),
  node_id: z.string(),
  due: z.coerce.number(),
});

/**
 * The ticker's pass: every node of an active campaign with due enrollments (arrivals, delays,
 * timeouts by PostgreSQL's clock) gets one job per 1,000 due leads (capped). Returns jobs sent.
 */
export async function tick(
  db: Executor,
  boss: PgBoss,
  batchSize = DEFAULT_BATCH_SIZE,
): Promise<number> {
  // One capped index probe per (campaign, node of any of its versions): counting every due
  // row instead read a million rows per pass under a bulk run and competed with the workers.
  const rows = await run(
    db,
    `SELECT c.id AS campaign_id, x.version, x.node_id, count(*) AS due
     FROM campaigns c
     CROSS JOIN LATERAL (
       SELECT DISTINCT n->>'id' AS node_id
       FROM campaign_versions v, jsonb_array_elements(v.document->'nodes') n
       WHERE v.campaign_id = c.id) ids
     CROSS JOIN LATERAL (
       SELECT e.version, e.node_id FROM enrollments e
       WHERE e.campaign_id = c.id AND e.node_id = ids.node_id
         AND e.status IN ('active', 'waiting') AND e.due_at <= now()
       LIMIT $1) x
     WHERE c.status = 'active'
     GROUP BY 1, 2, 3`,
    [batchSize * MAX_SLOTS_PER_NODE],
  );
  let sent = 0;
  for (const raw of rows) {
    const r = DueRow.parse(raw);
    const scope = { campaignId: r.campaign_id, version: r.version, nodeId: r.node_id };
    sent += await wakeNode(boss, scope, Math.ceil(r.due / batchSize));
  }
  return sent;
}

/** PgBoss in its own schema (`pgboss`), as every Rumbo process opens it. Start it before use. */
export function createBoss(
  connectionString: string,
  options: { max?: number; listenNotify?: boolean } = {},
): PgBoss {
  return new PgBoss({
    connectionString,
    schema: 'pgboss',
    max: options.max ?? 4,
    useListenNotify: options.listenNotify ?? false,
  });
}

/** Wakes the nodes that just received leads (e.g. `IngestResult.targets` after signals). */
export async function wakeTargets(boss: PgBoss, targets: readonly NodeScope[]): Promise<number> {
  const seen = new Set<string>();
  let sent = 0;
  for (const target of targets) {
    const key = slotKey(target, 0);
    if (seen.has(key)) continue;
    seen.add(key);
    sent += await wakeNode(boss, target);
  }
  return sent;
}
