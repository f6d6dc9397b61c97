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
}

export function eventSql(plan: EventPlan, ctx: EventSqlContext): string {
  const { op, n } = plan.count;
  if (op === 'atLeast' && n === 0) return 'TRUE';
  const ev = `${ctx.alias}_ev`;
  const matching = matchingEvents(plan, ctx, ev);
  const correlated = `${ev}.lead_id = ${ctx.alias}.id AND ${ev}.workspace_id = ${ctx.alias}.workspace_id`;
  const exists = `EXISTS (SELECT 1 FROM lead_events ${ev} WHERE ${correlated} AND ${matching})`;
  if (op === 'atLeast' && n === 1) return exists;
  if (op !== 'atLeast' && n === 0) return `(NOT ${exists})`;
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
      ` WHERE ${matching} GROUP BY ${ev}.lead_id, ${ev}.workspace_id HAVING count(*) ${having}) AS ${ev}_g` +
      ` WHERE ${ev}_g.lead_id = ${ctx.alias}.id AND ${ev}_g.workspace_id = ${ctx.alias}.workspace_id)`;
    return op === 'atMost' ? `(NOT ${grouped})` : grouped;
  }
  // Per lead: counting stops at n + 1 rows (LIMIT), and only leads with at least one matching
  // event are counted at all — the EXISTS is a (hashed) semi-join that rules the rest out first.
  const limit = op === 'atLeast' ? n : n + 1;
  const counted = `(SELECT count(*) FROM (SELECT 1 FROM lead_events ${ev} WHERE ${correlated} AND ${matching} LIMIT ${ctx.bind(limit)}::int) AS ${ev}_c)`;
  const compare = op === 'atLeast' ? '>=' : op === 'atMost' ? '<=' : '=';
  const count = `${counted} ${compare} ${ctx.bind(n)}::int`;
  return op === 'atMost' ? `((NOT ${exists}) OR ${count})` : `(${exists} AND ${count})`;
}

/** The conditions one event must meet (name, window, every property filter), ANDed. */
function matchingEvents(plan: EventPlan, ctx: EventSqlContext, ev: string): string {
  const conditions: string[] = [];
  if (plan.name === null || plan.window === 'none') conditions.push('FALSE');
  else conditions.push(`${ev}.name = ${ctx.bind(plan.name)}::text`);
  if (plan.window !== null && plan.window !== 'none') {
    conditions.push(rangeSql(plan.window, `${ev}.occurred_at`, ctx.bind, true));
  }
  for (const filter of plan.where) {
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
