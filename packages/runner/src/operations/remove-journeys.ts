/**
 * One statement that ends live journeys as `removed` (DESIGN §5: an operator takes a lead out;
 * a publish takes the leads of a deleted step out): the enrollments chosen by `where` (over
 * `enrollments`, with the caller's parameters) end, their open step closes, an open call leaves
 * the call list (hand-added calls have no step and stay), and each (version, node) counter moves
 * them from waiting to ended — set-based, so a million journeys cost one statement. `select`
 * reads the removed rows `r` (`id, workspace_id, campaign_id, version, node_id`).
 */
export function removeJourneysSql(where: string, select: string): string {
  return `WITH r AS (
  UPDATE enrollments SET status = 'removed', due_at = NULL, waiting_for = NULL, ended_at = now(),
    attempt = attempt + 1, updated_at = now()
  WHERE (${where}) AND status IN ('active', 'waiting')
  RETURNING id, workspace_id, campaign_id, version, node_id, current_step_id
), s AS (
  UPDATE steps SET left_at = now(), outcome = COALESCE(outcome, 'removed')
  WHERE id IN (SELECT current_step_id FROM r)
), t AS (
  UPDATE call_tasks SET status = 'closed', closed_at = now(), updated_at = now()
  WHERE enrollment_id IN (SELECT id FROM r) AND status = 'open' AND step_id IS NOT NULL
), g AS (
  SELECT campaign_id, version, node_id, count(*) AS n FROM r GROUP BY 1, 2, 3
), c AS (
  UPDATE node_counters x SET waiting = x.waiting - g.n, ended = x.ended + g.n, updated_at = now()
  FROM g WHERE x.campaign_id = g.campaign_id AND x.version = g.version AND x.node_id = g.node_id
)
${select}`;
}
