import { z } from 'zod';
import { type Executor, run } from '../sql/positional.ts';
import type { Decision } from './decision.ts';

export interface NodeScope {
  campaignId: string;
  version: number;
  nodeId: string;
}

export interface ApplyResult {
  /** Enrollments written. */
  applied: number;
  /** Decisions whose attempt (or node) no longer matched: a newer claim owns them. */
  stale: number;
  /** Step id per enrollment, for the effects written after the move. */
  stepIds: Map<string, number>;
}

const Row = z.object({ id: z.string(), step_id: z.coerce.number() });

// One statement writes every decision of a batch: steps inserted (arrivals) or closed (leaving
// a wait), enrollments moved, parked or ended, and node/transition counters updated from the
// same rows, so the counts can never drift from the moves. The join on (id, attempt, node)
// is the fence: a handler holding an older attempt writes nothing; the write bumps the attempt.
const APPLY = `
WITH d AS (
  SELECT * FROM unnest($4::uuid[], $5::int[], $6::bool[], $7::text[], $8::text[], $9::text[],
                       $10::bigint[], $11::int[], $12::float8[], $13::text[], $14::text[],
                       $15::bool[], $16::numeric[], $17::numeric[], $18::text[], $19::text[], $20::text[], $21::bool[])
    AS d(id, attempt, arrive, tid, target, due_kind, after_ms, after_months, at_ms, waiting,
         ends, acted, cost, value, outcome, reason, error, defer)
), m AS (
  -- Manual mode (the version's settings): a lead that moves parks at its new node, due never,
  -- until an operator releases it (advanceManual sets due_at).
  SELECT COALESCE((SELECT v.document->'settings'->>'mode' FROM campaign_versions v
                   WHERE v.campaign_id = $1 AND v.version = $2), 'live') = 'manual' AS manual
), e AS (
  -- Step ids are drawn here so the enrollment update needs no join back to the inserted steps.
  -- LATERAL … OFFSET 0 keeps one primary-key probe per decision: left to itself the planner
  -- misjudged the fenced join as one row and re-ran the unnest once per enrollment.
  SELECT d.*, x.entered_node_at, x.current_step_id, COALESCE(x.first_due_at, x.due_at) AS was_due,
         CASE WHEN d.arrive THEN nextval('steps_id_seq'::regclass) END AS new_step_id
  FROM d CROSS JOIN LATERAL (
    SELECT x.entered_node_at, x.current_step_id, x.due_at, x.first_due_at FROM enrollments x
    WHERE x.id = d.id AND x.attempt = d.attempt AND x.node_id = $3
      AND x.campaign_id = $1 AND x.version = $2
      AND x.status = CASE WHEN d.arrive THEN 'active' ELSE 'waiting' END
    OFFSET 0) x
), ins AS (
  INSERT INTO steps (id, enrollment_id, campaign_id, version, node_id, attempt, entered_at, acted_at,
                     left_at, transition_id, cost, value, outcome, reason)
  SELECT e.new_step_id, e.id, $1, $2, $3, e.attempt + 1, e.entered_node_at, CASE WHEN e.acted THEN now() END,
         CASE WHEN e.tid IS NOT NULL OR e.ends IS NOT NULL OR e.defer THEN now() END, e.tid,
         CASE WHEN e.acted THEN e.cost ELSE 0 END, e.value, e.outcome, e.reason::jsonb
  FROM e WHERE e.arrive
  RETURNING id, enrollment_id
), closed AS (
  UPDATE steps s SET left_at = now(), transition_id = e.tid,
         reason = CASE WHEN e.reason IS NULL THEN s.reason
                       ELSE jsonb_build_object('left', e.reason::jsonb) || COALESCE(s.reason, '{}'::jsonb) END
  FROM e WHERE NOT e.arrive AND s.id = e.current_step_id
  RETURNING s.id, e.id AS enrollment_id
), u AS (
  UPDATE enrollments x SET
    node_id = COALESCE(e.target, x.node_id),
    status = CASE WHEN e.ends IS NOT NULL THEN e.ends WHEN e.tid IS NOT NULL OR e.defer THEN 'active' ELSE 'waiting' END,
    due_at = CASE WHEN e.ends IS NOT NULL THEN NULL
                  WHEN e.tid IS NOT NULL AND (SELECT manual FROM m) THEN NULL
                  -- A move makes the lead due now at its next node: the node's queue grows at its
                  -- end. Keeping the old due time (the enrollment's, for a whole bulk launch)
                  -- inserted every arrival among the entries that the node's claims walk, so
                  -- PostgreSQL could not mark the departed ones dead and each claim re-read
                  -- their rows: 126 ms a claim, 60 % of the database's time at 1 M leads.
                  WHEN e.tid IS NOT NULL THEN now()
                  WHEN e.due_kind = 'at' THEN to_timestamp(e.at_ms / 1000.0)
                  WHEN e.due_kind = 'after' THEN now() + make_interval(months => e.after_months)
                                                   + e.after_ms * interval '1 millisecond'
                  ELSE NULL END,
    -- …and keeps the time it fell due here: a step late after an outage stays late at the next
    -- node, where the stale-step policy sees it (LEAST skips NULL).
    first_due_at = CASE WHEN e.tid IS NOT NULL AND e.ends IS NULL AND NOT (SELECT manual FROM m)
                        THEN LEAST(e.was_due, now()) END,
    entered_node_at = CASE WHEN e.tid IS NOT NULL THEN now() ELSE x.entered_node_at END,
    waiting_for = CASE WHEN e.tid IS NULL AND e.ends IS NULL AND NOT e.defer THEN e.waiting::jsonb
                       WHEN e.tid IS NOT NULL AND (SELECT manual FROM m) THEN '{"operator": true}'::jsonb END,
    current_step_id = CASE WHEN e.tid IS NULL AND e.ends IS NULL AND NOT e.defer THEN e.new_step_id END,
    attempt = x.attempt + 1,
    step_count = x.step_count + CASE WHEN e.arrive THEN 1 ELSE 0 END,
    error = e.error,
    ended_at = CASE WHEN e.ends IS NOT NULL THEN now() END,
    updated_at = now()
  FROM e WHERE x.id = e.id
  RETURNING x.id, e.tid, e.target, e.ends, e.acted, e.cost, e.value,
            COALESCE(e.new_step_id, e.current_step_id) AS step_id
), deltas AS (
  SELECT $3::text AS node_id,
         -count(*) FILTER (WHERE tid IS NOT NULL OR ends IS NOT NULL) AS waiting, 0::bigint AS entered,
         count(*) FILTER (WHERE acted) AS acted, count(*) FILTER (WHERE ends = 'failed') AS failed,
         count(*) FILTER (WHERE ends = 'converted') AS converted,
         count(*) FILTER (WHERE ends IS NOT NULL) AS ended,
         COALESCE(sum(cost) FILTER (WHERE acted), 0) AS cost,
         COALESCE(sum(value) FILTER (WHERE ends = 'converted'), 0) AS revenue
  FROM u HAVING count(*) > 0
  UNION ALL
  SELECT target, count(*), count(*), 0, 0, 0, 0, 0, 0 FROM u WHERE tid IS NOT NULL GROUP BY target
), nc AS (
  INSERT INTO node_counters AS c (campaign_id, version, node_id, waiting, entered, acted, failed,
                                  converted, ended, cost, revenue)
  SELECT $1, $2, node_id, sum(waiting), sum(entered), sum(acted), sum(failed), sum(converted),
         sum(ended), sum(cost), sum(revenue)
  FROM deltas GROUP BY node_id ORDER BY node_id
  ON CONFLICT (campaign_id, version, node_id) DO UPDATE SET
    waiting = c.waiting + EXCLUDED.waiting, entered = c.entered + EXCLUDED.entered,
    acted = c.acted + EXCLUDED.acted, failed = c.failed + EXCLUDED.failed,
    converted = c.converted + EXCLUDED.converted, ended = c.ended + EXCLUDED.ended,
    cost = c.cost + EXCLUDED.cost, revenue = c.revenue + EXCLUDED.revenue, updated_at = now()
), ct AS (
  -- A lead leaving a call node's visit (timeout, another signal, failure) takes its open call
  -- off the list in the same transaction: no agent calls someone the flow has moved on.
  -- No outcome: nobody called; the lead's steps say why it left.
  UPDATE call_tasks t SET status = 'closed', closed_at = now(), updated_at = now()
  FROM e WHERE NOT e.arrive AND t.step_id = e.current_step_id AND t.status = 'open'
), tc AS (
  INSERT INTO transition_counters AS c (campaign_id, version, transition_id, node_id, passed)
  SELECT $1, $2, tid, $3, count(*) FROM u WHERE tid IS NOT NULL GROUP BY tid ORDER BY tid
  ON CONFLICT (campaign_id, version, transition_id) DO UPDATE SET
    passed = c.passed + EXCLUDED.passed, updated_at = now()
)
SELECT id, step_id FROM u`;

function dueColumns(
  decision: Decision,
): [string | null, number | null, number | null, number | null] {
  const due = decision.wait?.due;
  if (!due || due.kind === 'never') return [null, null, null, null];
  if (due.kind === 'after') return ['after', Math.round(due.ms), due.months, null];
  return ['at', null, null, due.epochMs];
}

const json = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

/** Writes a batch of decisions for one node in one statement; returns what was applied. */
export async function applyDecisions(
  db: Executor,
  scope: NodeScope,
  decisions: readonly Decision[],
): Promise<ApplyResult> {
  if (decisions.length === 0) return { applied: 0, stale: 0, stepIds: new Map() };
  const dues = decisions.map(dueColumns);
  const params = [
    scope.campaignId,
    scope.version,
    scope.nodeId,
    decisions.map((d) => d.id),
    decisions.map((d) => d.attempt),
    decisions.map((d) => d.arrive),
    decisions.map((d) => d.transition?.id ?? null),
    decisions.map((d) => d.transition?.target ?? null),
    dues.map((d) => d[0]),
    dues.map((d) => d[1]),
    dues.map((d) => d[2]),
    dues.map((d) => d[3]),
    decisions.map((d) => json(d.wait?.waitingFor)),
    decisions.map((d) => d.end),
    decisions.map((d) => d.acted),
    decisions.map((d) => String(d.cost)),
    decisions.map((d) => (d.value === null ? null : String(d.value))),
    decisions.map((d) => d.outcome),
    decisions.map((d) => json(d.reason)),
    decisions.map((d) => d.error),
    decisions.map((d) => d.defer === true),
  ];
  const rows = await run(db, APPLY, params);
  const stepIds = new Map<string, number>();
  for (const raw of rows) {
    const row = Row.parse(raw);
    stepIds.set(row.id, row.step_id);
  }
  return { applied: rows.length, stale: decisions.length - rows.length, stepIds };
}
