import { PgBoss } from 'pg-boss';
import { z } from 'zod';
import type { NodeScope } from '../advance/apply-decisions.ts';
import { DEFAULT_BATCH_SIZE } from '../advance/process-batch.ts';
import { type Executor, run } from '../sql/positional.ts';

/**
 * The one job definition of execution: "process the due enrollments at this node". Payloads
 * carry ids only. `short` policy + a singleton key per (node, slot) keeps at most one queued
 * job per slot, and a job drains its node, so a busy node gets at most one job per 1,000 due
 * leads however often the ticker or finished batches ask.
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

const PassRow = z.object({ at: z.coerce.number() });

/** Due rows a windowed pass looks at per node: enough to see every version with leads due. */
const PROBE_ROWS = 64;

/** What a pass looks at; `startRunner` chooses (`TickWindow`). */
export interface TickOptions {
  /**
   * Only enrollments that fell due after this instant (epoch ms, PostgreSQL's clock), except in
   * campaigns changed since (launched, resumed): those are looked at whole. Null: everything.
   */
  since?: number | null;
}

/**
 * The ticker's pass: every node of an active campaign with due enrollments (arrivals, delays,
 * timeouts by PostgreSQL's clock) gets jobs. A whole pass counts up to `batchSize` × 4 due
 * leads per node and asks for one job per `batchSize` of them; a windowed pass only sees
 * whether some fell due and asks for one. Returns the jobs sent and the pass's instant.
 */
export async function tick(
  db: Executor,
  boss: PgBoss,
  options: TickOptions = {},
  batchSize = DEFAULT_BATCH_SIZE,
): Promise<{ sent: number; at: number }> {
  // One capped probe per (campaign, node of any of its versions), from the oldest due time or,
  // in a windowed pass, from `since`. A whole probe counts up to 4,000 due rows per node and
  // reads each one's row: ~90 ms a pass under a 1 M-lead run (and 465 ms before moves made
  // leads due at the move, when it also stepped over every departed lead's index entry), so
  // only every 10 s; the windowed passes between whole ones read at most 64 rows per node.
  const [pass] = await run(db, 'SELECT (extract(epoch from now()) * 1000)::float8 AS at');
  const at = PassRow.parse(pass).at;
  const since = options.since ?? null;
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
         AND e.due_at > CASE WHEN $2::float8 IS NULL OR c.updated_at >= to_timestamp($2::float8 / 1000)
                             THEN '-infinity'::timestamptz
                             ELSE to_timestamp($2::float8 / 1000) END
       LIMIT $1) x
     WHERE c.status = 'active'
     GROUP BY 1, 2, 3`,
    [since === null ? batchSize * MAX_SLOTS_PER_NODE : PROBE_ROWS, since],
  );
  let sent = 0;
  for (const raw of rows) {
    const r = DueRow.parse(raw);
    const scope = { campaignId: r.campaign_id, version: r.version, nodeId: r.node_id };
    sent += await wakeNode(boss, scope, Math.ceil(r.due / batchSize));
  }
  return { sent, at };
}

/**
 * Which passes look at everything. Leads that an operation makes due (fast-forward, advance,
 * signals) are woken by whoever moved them, and a drained node wakes the nodes its leads went
 * to; what only the clock makes due is found by a pass that looks at what fell due since the
 * previous one (less a margin for transactions still in flight); a move makes its leads due
 * at the move's instant, so moved leads fall inside it. A whole pass — every due enrollment,
 * whenever it fell due — runs first, on demand, and every `fullEveryMs` as the safety net for
 * anything else.
 */
export interface TickWindow {
  /** The options of the next pass (`full`: look at everything whatever the schedule). */
  next(full: boolean): TickOptions;
  /** Records a finished pass and its instant. */
  done(options: TickOptions, at: number): void;
}

export function createTickWindow(fullEveryMs = 10_000, marginMs = 2_000): TickWindow {
  let lastAt: number | null = null;
  let lastFullAt = Number.NEGATIVE_INFINITY;
  return {
    next(full) {
      if (lastAt === null || full || lastAt - lastFullAt >= fullEveryMs) return { since: null };
      return { since: lastAt - marginMs };
    },
    done(options, at) {
      lastAt = at;
      if (options.since === null || options.since === undefined) lastFullAt = at;
    },
  };
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
