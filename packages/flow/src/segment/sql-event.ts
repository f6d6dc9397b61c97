import type { EventPlan } from './condition-plan.ts';
import { type Bind, jsonAt, jsonRead, jsonTextAt } from './sql-read.ts';
import { positiveSql, rangeSql } from './sql-value.ts';

/**
 * Event conditions in SQL. Every shape is a boolean that is never NULL and correlates on
 * `lead_id` and `workspace_id` only (an event counts in its lead's workspace), so PostgreSQL can
 * plan it either way round: per lead (an index probe on `(lead_id, name, occurred_at)`, best for a
 * handful of leads) or per set (it reads the workspace's matching events once through
 * `(workspace_id, name, occurred_at)` — the workspace comes from the outer `l.workspace_id = $1`
 * — and hash-joins them: a semi-join at the top of a WHERE, an anti-join under NOT, a hashed
 * subplan inside OR). Uncorrelated `IN` lists are avoided on purpose: `NOT IN` turns NULL-unsafe
 * and the compiler would have to know the workspace.
 */

export interface EventSqlContext {
  alias: string;
  bind: Bind;
  /**
   * The query reads a whole workspace (counts, samples, enrolment): counted conditions group
   * the matching events once (`GROUP BY lead_id HAVING count(*)`) instead of counting per lead.
   */
  scan: boolean;
  /**
   * The caller's placeholder for the one workspace its query reads (`$1::uuid`), or null; set only
   * where the condition is one of the WHERE's top-level conjuncts (the compiler clears it under
   * NOT and OR). With it, "has an event" conditions first test the lead against the workspace's events of that
   * name and window, read once from `(workspace_id, name, occurred_at, lead_id)` without touching
   * the events' rows and hashed; only leads in that set pay the per-lead probe for the property
   * filters, and without property filters the set is the answer.
   */
  workspace: string | null;
}

export function eventSql(plan: EventPlan, ctx: EventSqlContext): string {
  const { op, n } = plan.count;
  if (op === 'atLeast' && n === 0) return 'TRUE';
  const ev = `${ctx.alias}_ev`;
  // Built on first use, so no placeholder is bound for SQL that is left out (PostgreSQL cannot
  // type a parameter that the query never mentions).
  let matchingSql: string | null = null;
  const matching = () => {
    matchingSql ??= matchingEvents(plan, ctx, ev, true);
    return matchingSql;
  };
  const correlated = `${ev}.lead_id = ${ctx.alias}.id AND ${ev}.workspace_id = ${ctx.alias}.workspace_id`;
  const exists = () =>
    `EXISTS (SELECT 1 FROM lead_events ${ev} WHERE ${correlated} AND ${matching()})`;
  if (op === 'atLeast' && n === 1) return workspaceSet(plan, ctx, exists);
  if (op !== 'atLeast' && n === 0) return `(NOT ${exists()})`;
  if (ctx.scan) {
    // "at most n" is NOT "more than n": both sides of the equivalence count the same events.
    const having =
      op === 'atLeast'
        ? `>= ${ctx.bind(n)}::int`
        : op === 'atMost'
          ? `> ${ctx.bind(n)}::int`
          : `= ${ctx.bind(n)}::int`;
    const grouped =
      `EXISTS (SELECT 1 FROM (SELECT ${ev}.lead_id, ${ev}.workspace_id FROM lead_events ${ev}` +
      ` WHERE ${matching()} GROUP BY ${ev}.lead_id, ${ev}.workspace_id HAVING count(*) ${having}) AS ${ev}_g` +
      ` WHERE ${ev}_g.lead_id = ${ctx.alias}.id AND ${ev}_g.workspace_id = ${ctx.alias}.workspace_id)`;
    return op === 'atMost' ? `(NOT ${grouped})` : grouped;
  }
  // Per lead: counting stops at n + 1 rows (LIMIT), and only leads with at least one matching
  // event are counted at all — the EXISTS is a (hashed) semi-join that rules the rest out first.
  const limit = op === 'atLeast' ? n : n + 1;
  const counted = `(SELECT count(*) FROM (SELECT 1 FROM lead_events ${ev} WHERE ${correlated} AND ${matching()} LIMIT ${ctx.bind(limit)}::int) AS ${ev}_c)`;
  const compare = op === 'atLeast' ? '>=' : op === 'atMost' ? '<=' : '=';
  const count = `${counted} ${compare} ${ctx.bind(n)}::int`;
  const has = exists();
  return op === 'atMost' ? `((NOT ${has}) OR ${count})` : `(${has} AND ${count})`;
}

/**
 * "Has a matching event" read through the workspace's set of leads with an event of that name in
 * that window (an uncorrelated `IN`, which PostgreSQL hashes once as a semi-join; `lead_id` and
 * `l.id` are never NULL, so it is never NULL). Only as a top-level conjunct: under NOT or OR it
 * would be a subplan, hashed only while the set fits in work_mem and rescanned per lead beyond.
 * Every lead with a matching event is in the set, so `set AND exists` is `exists`; without
 * property filters the set alone is. Without a workspace placeholder: the EXISTS as it is.
 */
function workspaceSet(plan: EventPlan, ctx: EventSqlContext, exists: () => string): string {
  if (ctx.workspace === null || !ctx.scan) return exists();
  const ev = `${ctx.alias}_evs`;
  const named = matchingEvents(plan, ctx, ev, false);
  // `COALESCE(lead_id, lead_id)` (the same uuid: lead_id is NOT NULL) matches no index, so the
  // planner hashes the set (a parallel hash semi-join) instead of probing `(lead_id, name, …)`
  // per lead, which it picked half the time at 1 M leads because it expects ~20× fewer leads to
  // survive the other conditions than do (59 k probes, no gain). The cost: the set is read even
  // when very few leads are left. Other fences failed: OFFSET 0 or GROUP BY ran the join in the
  // leader above the Gather or turned the plan inside out.
  const set = `${ctx.alias}.id IN (SELECT COALESCE(${ev}.lead_id, ${ev}.lead_id) FROM lead_events ${ev} WHERE ${ev}.workspace_id = ${ctx.workspace} AND ${named})`;
  return plan.where.length === 0 ? set : `(${set} AND ${exists()})`;
}

/**
 * The conditions one event must meet (name, window and, when `properties`, every property
 * filter), ANDed.
 */
function matchingEvents(
  plan: EventPlan,
  ctx: EventSqlContext,
  ev: string,
  properties: boolean,
): string {
  const conditions: string[] = [];
  if (plan.name === null || plan.window === 'none') conditions.push('FALSE');
  else conditions.push(`${ev}.name = ${ctx.bind(plan.name)}::text`);
  if (plan.window !== null && plan.window !== 'none') {
    conditions.push(rangeSql(plan.window, `${ev}.occurred_at`, ctx.bind, true));
  }
  for (const filter of properties ? plan.where : []) {
    const base = `${ev}.properties`;
    const read = jsonRead(
      () => jsonAt(base, filter.path, ctx.bind),
      () => jsonTextAt(base, filter.path, ctx.bind),
      filter.type,
      ctx.bind,
    );
    const positive = positiveSql(filter.plan.test, read, ctx.bind);
    conditions.push(filter.plan.negate ? `(NOT ${positive})` : positive);
  }
  return conditions.join(' AND ');
}
