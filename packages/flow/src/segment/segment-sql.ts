import { assertNever } from '../util/assert-never.ts';
import { planComparison } from './comparison-plan.ts';
import {
  LEAD_FIELD_TYPES,
  planEvent,
  planListId,
  planPath,
  storableText,
} from './condition-plan.ts';
import type { LeadField, SegmentCondition, SegmentRule, ValueType } from './rule.schema.ts';
import {
  MAX_SEGMENT_DEPTH,
  MAX_SEGMENT_PARAMS,
  ruleDepth,
  SegmentRuleError,
} from './segment-limits.ts';
import { eventSql } from './sql-event.ts';
import {
  type Bind,
  foldedJsonRead,
  jsonAt,
  jsonRead,
  jsonTextAt,
  type ValueRead,
} from './sql-read.ts';
import { positiveSql } from './sql-value.ts';
import { foldText } from './text-fold.ts';

export interface SegmentSqlOptions {
  /** The instant relative dates are measured from (epoch ms); pass the same to the predicate. */
  now: number;
  /** Placeholders start at `$offset + 1`, after the caller's own parameters. Default 0. */
  params?: { offset?: number };
  /** Alias of the `leads` table in the caller's query: `[a-z_][a-z0-9_]*`. Default `l`. */
  leadAlias?: string;
  /**
   * The query reads a whole workspace (a count, a sample, an enrolment) rather than a handful of
   * leads: counted event conditions ("at least 3") group the workspace's matching events once
   * instead of counting per lead. Default false (per lead, best for a batch of known leads).
   */
  scan?: boolean;
  /**
   * With `scan`: the number of the caller's placeholder holding the one workspace its query
   * restricts `l.workspace_id` to (1 for `$1`). "Has an event" conditions that are top-level
   * conjuncts (not under OR or NOT) then read that workspace's events of the name and window
   * once, hashed, instead of probing them lead by lead (`sql-event.ts`). The fragment must be
   * ANDed at the top of the caller's WHERE. Leave it out when the query may read leads of
   * another workspace.
   */
  workspaceParam?: number;
}

export interface CompiledSql {
  sql: string;
  params: unknown[];
}

/** Built-in fields and their columns: the only lead columns a rule can reach. */
const FIELD_COLUMNS: Readonly<Record<LeadField, string>> = {
  key: 'external_key',
  name: 'name',
  email: 'email',
  phone: 'phone',
  locale: 'locale',
  timeZone: 'time_zone',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};
/** Text fields PostgreSQL keeps folded in a stored generated column (`name_folded`, …). */
const FOLDED_COLUMNS: Readonly<Partial<Record<LeadField, string>>> = {
  name: 'name_folded',
  email: 'email_folded',
};
const CONSENT_COLUMNS = { email: 'consent_email', sms: 'consent_sms', call: 'consent_call' };
const ALIAS = /^[a-z_][a-z0-9_]{0,30}$/;

/**
 * Compiles a rule into a WHERE fragment over `leads` (aliased `l` unless told otherwise) that is
 * never NULL, with every value bound as a parameter. Event rules become EXISTS subqueries on
 * `lead_events` that PostgreSQL can run per lead or as one hashed (anti-)semi-join
 * (`sql-event.ts`); list rules probe `list_members`. Throws `SegmentRuleError` only beyond the limits in `segment-limits.ts`.
 *
 * @example
 * const { sql, params } = compileSegmentSql(rule, { now, params: { offset: 1 } });
 * await pool.query(`SELECT id FROM leads l WHERE l.workspace_id = $1 AND ${sql}`, [ws, ...params]);
 */
export function compileSegmentSql(rule: SegmentRule, options: SegmentSqlOptions): CompiledSql {
  const alias = options.leadAlias ?? 'l';
  if (!ALIAS.test(alias)) throw new Error(`leadAlias must match ${ALIAS.source}`);
  if (ruleDepth(rule) > MAX_SEGMENT_DEPTH) {
    throw new SegmentRuleError('segment_too_deep', `groups nest deeper than ${MAX_SEGMENT_DEPTH}`);
  }
  const workspaceParam = options.workspaceParam;
  if (
    workspaceParam !== undefined &&
    !(Number.isSafeInteger(workspaceParam) && workspaceParam >= 1)
  ) {
    throw new Error('workspaceParam must be a placeholder number, 1 or more');
  }
  const offset = options.params?.offset ?? 0;
  const params: unknown[] = [];
  const bind: Bind = (value) => {
    params.push(value);
    if (params.length > MAX_SEGMENT_PARAMS) {
      throw new SegmentRuleError('segment_too_many_parameters', 'the rule needs too many values');
    }
    return `$${offset + params.length}`;
  };
  const workspace = workspaceParam === undefined ? null : `$${workspaceParam}::uuid`;
  const sql = ruleSql(rule, {
    alias,
    now: options.now,
    bind,
    scan: options.scan ?? false,
    workspace,
  });
  return { sql, params };
}

/**
 * The count of a segment in one workspace: `$1` is the workspace id.
 *
 * @example
 * const { sql, params } = compileSegmentCountSql(rule, { now, workspaceId });
 * const { rows } = await pool.query(sql, params); // rows[0].count, a bigint as text
 */
export function compileSegmentCountSql(
  rule: SegmentRule,
  options: { now: number; workspaceId: string },
): CompiledSql {
  const fragment = compileSegmentSql(rule, {
    now: options.now,
    params: { offset: 1 },
    scan: true,
    workspaceParam: 1,
  });
  return {
    sql: `SELECT count(*) AS count FROM leads l WHERE l.workspace_id = $1 AND ${fragment.sql}`,
    params: [options.workspaceId, ...fragment.params],
  };
}

interface Ctx {
  alias: string;
  now: number;
  bind: Bind;
  scan: boolean;
  workspace: string | null;
}

function ruleSql(rule: SegmentRule, ctx: Ctx): string {
  if (rule.kind !== 'group') return conditionSql(rule, ctx);
  // The workspace's event sets serve top-level conjuncts only (sql-event.ts): not under OR or NOT.
  const conjuncts = rule.combinator === 'and' && !rule.not;
  const inner = conjuncts ? ctx : { ...ctx, workspace: null };
  const parts = rule.rules.map((child) => ruleSql(child, inner));
  const joined =
    parts.length === 0
      ? rule.combinator === 'and'
        ? 'TRUE'
        : 'FALSE'
      : `(${parts.join(rule.combinator === 'and' ? ' AND ' : ' OR ')})`;
  return rule.not ? `(NOT ${joined})` : joined;
}

function conditionSql(rule: SegmentCondition, ctx: Ctx): string {
  const { alias, bind } = ctx;
  switch (rule.kind) {
    case 'field':
      return comparisonSql(
        LEAD_FIELD_TYPES[rule.field],
        rule.test,
        fieldRead(rule.field, ctx),
        ctx,
      );
    case 'attribute': {
      const base = `${alias}.attributes`;
      const path = planPath(rule.path);
      // String rules read the folded copy PostgreSQL keeps of the attributes, whose keys are
      // folded too: the path is looked up folded.
      const folded = path === null ? null : foldText(path);
      const read =
        rule.type === 'string'
          ? foldedJsonRead(
              () => jsonAt(`${base}_folded`, folded, bind),
              () => jsonTextAt(`${base}_folded`, folded, bind),
            )
          : jsonRead(
              () => jsonAt(base, path, bind),
              () => jsonTextAt(base, path, bind),
              rule.type,
              bind,
              // A top-level key's date check is stored with the lead (`date_attributes`).
              path !== null && !path.includes('.')
                ? () => `(${alias}.date_attributes ? ${bind(path)}::text)`
                : undefined,
            );
      return comparisonSql(rule.type, rule.test, read, ctx);
    }
    case 'stage':
      return `COALESCE(${alias}.stage = ANY(${bind(rule.in)}::text[]), FALSE)`;
    case 'consent': {
      const column = `${alias}.${CONSENT_COLUMNS[rule.channel]}`;
      return rule.granted ? `(${column} IS TRUE)` : `(${column} IS NOT TRUE)`;
    }
    case 'tag': {
      const tag = storableText(rule.tag);
      const has =
        // `= ANY` compares in place; `@>` builds an array per row (no index reads `tags`).
        tag === null ? 'FALSE' : `COALESCE(${bind(tag)}::text = ANY(${alias}.tags), FALSE)`;
      return rule.has ? has : `(NOT ${has})`;
    }
    case 'list':
      return listSql(rule.listId, rule.member, ctx);
    case 'event':
      return eventSql(planEvent(rule, ctx.now), ctx);
    default:
      return assertNever(rule, 'segment condition');
  }
}

function fieldRead(field: LeadField, ctx: Ctx): ValueRead {
  const column = `${ctx.alias}.${FIELD_COLUMNS[field]}`;
  if (LEAD_FIELD_TYPES[field] === 'date') return { value: () => column, zoned: true };
  const folded = FOLDED_COLUMNS[field];
  return folded === undefined
    ? { value: () => `NULLIF(${column}, '')` }
    : { value: () => `NULLIF(${ctx.alias}.${folded}, '')`, folded: true };
}

function comparisonSql(
  type: ValueType,
  test: Parameters<typeof planComparison>[1],
  read: ValueRead,
  ctx: Ctx,
): string {
  const plan = planComparison(type, test, ctx.now);
  const positive = positiveSql(plan.test, read, ctx.bind);
  return plan.negate ? `(NOT ${positive})` : positive;
}

function listSql(listId: string, member: boolean, ctx: Ctx): string {
  const id = planListId(listId);
  const exists =
    'uuid' in id
      ? `EXISTS (SELECT 1 FROM list_members ${ctx.alias}_lm WHERE ${ctx.alias}_lm.list_id = ${ctx.bind(id.uuid)}::uuid AND ${ctx.alias}_lm.lead_id = ${ctx.alias}.id)`
      : 'FALSE';
  return member ? exists : `(NOT ${exists})`;
}
