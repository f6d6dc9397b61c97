import {
  type CallCampaigns,
  CallConfig,
  type CallOutcome,
  type CallReport,
  type CallTaskDetail,
  type CallTaskList,
  type CallTaskListQuery,
  DEFAULT_OUTCOMES,
  type FlowDocument,
  JsonValue,
  Stage,
} from '@rumbo/flow';
import { loadCampaignVersion } from '@rumbo/runner';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { notFound } from '../../errors/http-problem.ts';
import { type Executor, runSql } from '../segments/positional-sql.ts';
import { nextCallDay, readCapacity } from './call-task.capacity.ts';
import {
  databaseNow,
  Instant,
  TASK_COLUMNS,
  TASK_FROM,
  toLeadEvent,
  toTaskRow,
} from './call-task.rows.ts';

const RECENT_PURCHASES = 10;

/**
 * An open task the runner created is callable only while its lead still waits at that visit of
 * the call node: a lead that left by a timeout or another signal must not be called. Tasks
 * added by hand (no step) stay until an outcome closes them.
 */
const STILL_AT_CALL = `(t.step_id IS NULL OR EXISTS (
  SELECT 1 FROM enrollments e WHERE e.id = t.enrollment_id AND e.node_id = t.node_id
    AND e.current_step_id = t.step_id AND e.status IN ('active', 'waiting')))`;
const RECENT_HISTORY = 50;

/**
 * The call list, ordered as an agent works it (seed 002): remind date first (never snoozed =
 * callable now, at the top; a snooze moves the task down), then priority, then contact order.
 * Closed tasks list the latest closed first.
 */
export async function listCallTasks(
  db: Database,
  workspaceId: string,
  query: CallTaskListQuery,
): Promise<CallTaskList> {
  const params: unknown[] = [workspaceId, query.status];
  let campaign = '';
  if (query.campaignId !== undefined) {
    params.push(query.campaignId);
    campaign = `AND t.campaign_id = $${params.length}`;
  }
  const live = query.status === 'open' ? `AND ${STILL_AT_CALL}` : '';
  const where = `t.workspace_id = $1 AND t.status = $2 ${campaign} ${live}`;
  const capacity =
    query.campaignId === undefined ? null : await readCapacity(db, workspaceId, query.campaignId);
  const rows =
    query.status === 'open'
      ? await openTasks(
          db,
          where,
          [...params, capacity?.timeZone ?? 'UTC', capacity?.remainingToday ?? null],
          query.limit,
        )
      : await runSql(
          db,
          `SELECT ${TASK_COLUMNS} FROM ${TASK_FROM} WHERE ${where}
           ORDER BY t.closed_at DESC, t.id LIMIT ${query.limit}`,
          params,
        );
  const [totals] = await runSql(
    db,
    `SELECT count(*)::int AS total,
       count(*) FILTER (WHERE coalesce(l.email, '') <> '')::int AS with_email, now() AS now
     FROM call_tasks t JOIN leads l ON l.id = t.lead_id WHERE ${where}`,
    params,
  );
  const t = z.object({ total: z.number(), with_email: z.number(), now: Instant }).parse(totals);
  return {
    items: rows.map(toTaskRow),
    totals: { total: t.total, withEmail: t.with_email, withoutEmail: t.total - t.with_email },
    capacity: capacity?.perDay === null ? null : capacity,
    now: t.now,
  };
}

/**
 * The open list. Calls that are due now are ranked by priority and contact order; beyond the
 * day's remaining capacity (last parameter, null = no limit) they wait for the call centre's
 * next day (midnight in the time zone of the parameter before it), which sorts them as if
 * reminded then.
 */
function openTasks(db: Database, where: string, params: unknown[], limit: number) {
  const remaining = `$${params.length}::int`;
  const zone = `$${params.length - 1}::text`;
  const callable = '(t.remind_at IS NULL OR t.remind_at <= now())';
  return runSql(
    db,
    `SELECT * FROM (
       SELECT r.*, CASE WHEN r.rank > ${remaining}
         THEN ${nextCallDay(zone)} END AS queued_until
       FROM (
         SELECT ${TASK_COLUMNS}, CASE WHEN ${callable} THEN row_number() OVER (
           PARTITION BY ${callable} ORDER BY t.priority DESC, t.contact_order, t.id) END AS rank
         FROM ${TASK_FROM} WHERE ${where}
       ) r
     ) q
     ORDER BY coalesce(q.queued_until, q.remind_at) ASC NULLS FIRST, q.priority DESC,
       q.contact_order, q.id
     LIMIT ${limit}`,
    params,
  );
}

/** Campaigns that have a call list, with their open and closed counts, for the picker. */
export async function listCallCampaigns(db: Database, workspaceId: string): Promise<CallCampaigns> {
  const rows = await runSql(
    db,
    `SELECT c.id, c.code, c.name,
       count(*) FILTER (WHERE t.status = 'open')::int AS open,
       count(*) FILTER (WHERE t.status = 'closed')::int AS closed
     FROM campaigns c JOIN call_tasks t ON t.campaign_id = c.id
     WHERE c.workspace_id = $1 GROUP BY c.id ORDER BY c.code`,
    [workspaceId],
  );
  const Row = z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    open: z.number(),
    closed: z.number(),
  });
  return { items: rows.map((r) => Row.parse(r)) };
}

const TaskContext = z.object({
  step_id: z.coerce.number().nullable(),
  script: z.string(),
  enrollment_id: z.string(),
  version: z.number(),
  enrollment_node: z.string(),
  enrollment_status: z.string(),
  campaign_name: z.string(),
});

/** One task with what the other functions need besides its row: step, version, script. */
export async function loadTask(db: Executor, workspaceId: string, id: string, lock = false) {
  const [raw] = await runSql(
    db,
    `SELECT ${TASK_COLUMNS}, t.step_id, t.script, t.enrollment_id, e.version,
       e.node_id AS enrollment_node, e.status AS enrollment_status, c.name AS campaign_name
     FROM ${TASK_FROM} JOIN enrollments e ON e.id = t.enrollment_id
     WHERE t.id = $1 AND t.workspace_id = $2 ${lock ? 'FOR UPDATE OF t' : ''}`,
    [id, workspaceId],
  );
  if (raw === undefined) throw notFound('call task', id);
  return { row: toTaskRow(raw), context: TaskContext.parse(raw) };
}

/** The outcomes the call node of that version offers (the catalogue's defaults otherwise). */
export async function nodeOutcomes(
  db: Executor,
  campaignId: string,
  version: number,
  nodeId: string,
): Promise<CallOutcome[]> {
  const target = await loadCampaignVersion(db, campaignId, version);
  return outcomesOf(target.document, nodeId);
}

function outcomesOf(document: FlowDocument, nodeId: string): CallOutcome[] {
  const node = document.nodes.find((n) => n.id === nodeId);
  const config = node?.type === 'call' ? CallConfig.safeParse(node.config) : null;
  return config?.success ? config.data.outcomes : DEFAULT_OUTCOMES;
}

const LeadCard = z.object({
  id: z.string(),
  external_key: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  stage: Stage,
  attributes: z.record(z.string(), JsonValue),
  tags: z.array(z.string()),
});

/** The lead card of seed 002: contact data, stage, attributes, purchases, script, call history. */
export async function getCallTask(
  db: Database,
  workspaceId: string,
  id: string,
): Promise<CallTaskDetail> {
  const { row, context } = await loadTask(db, workspaceId, id);
  const [leadRaw] = await runSql(
    db,
    'SELECT id, external_key, name, email, phone, stage, attributes, tags FROM leads WHERE id = $1',
    [row.leadId],
  );
  const { external_key: key, ...lead } = LeadCard.parse(leadRaw);
  const purchases = await runSql(
    db,
    `SELECT id, name, occurred_at, properties FROM lead_events
     WHERE lead_id = $1 AND name = 'purchased' ORDER BY occurred_at DESC LIMIT ${RECENT_PURCHASES}`,
    [row.leadId],
  );
  const history = await runSql(
    db,
    `SELECT id, name, occurred_at, properties FROM lead_events
     WHERE lead_id = $1 AND name LIKE 'call\\_%' AND properties->>'campaignId' = $2
     ORDER BY occurred_at DESC, id DESC LIMIT ${RECENT_HISTORY}`,
    [row.leadId, row.campaignId],
  );
  const { document } = await loadCampaignVersion(db, row.campaignId, context.version);
  const here = document.nodes.find((n) => n.id === context.enrollment_node);
  return {
    task: row,
    campaign: { id: row.campaignId, code: row.campaignCode, name: context.campaign_name },
    lead: { ...lead, key },
    enrollment: {
      nodeId: context.enrollment_node,
      nodeName: here?.name ?? context.enrollment_node,
      status: context.enrollment_status,
    },
    script: context.script,
    outcomes: outcomesOf(document, row.nodeId),
    purchases: purchases.map(toLeadEvent),
    history: history.map(toLeadEvent),
  };
}

/** Proscai's events report by project: the campaign's call events and a count per kind. */
export async function callReport(
  db: Database,
  workspaceId: string,
  campaignId: string,
): Promise<CallReport> {
  const [campaignRaw] = await runSql(
    db,
    'SELECT id, code, name FROM campaigns WHERE id = $1 AND workspace_id = $2',
    [campaignId, workspaceId],
  );
  if (campaignRaw === undefined) throw notFound('campaign', campaignId);
  const campaign = z
    .object({ id: z.string(), code: z.string(), name: z.string() })
    .parse(campaignRaw);
  const filter = `e.workspace_id = $1 AND e.name LIKE 'call\\_%' AND e.properties->>'campaignId' = $2`;
  const counts = await runSql(
    db,
    `SELECT e.name, e.properties->>'outcome' AS outcome, count(*)::int AS count
     FROM lead_events e WHERE ${filter} GROUP BY 1, 2 ORDER BY 1, 2`,
    [workspaceId, campaignId],
  );
  const events = await runSql(
    db,
    `SELECT e.id, e.name, e.occurred_at, e.properties, l.external_key, l.name AS lead_name
     FROM lead_events e JOIN leads l ON l.id = e.lead_id
     WHERE ${filter} ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1000`,
    [workspaceId, campaignId],
  );
  const Count = z.object({ name: z.string(), outcome: z.string().nullable(), count: z.number() });
  const Names = z.object({ external_key: z.string(), lead_name: z.string() });
  return {
    campaign,
    counts: counts.map((c) => Count.parse(c)),
    events: events.map((e) => {
      const names = Names.parse(e);
      return { ...toLeadEvent(e), leadKey: names.external_key, leadName: names.lead_name };
    }),
  };
}

export { databaseNow };
