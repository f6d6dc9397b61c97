import type {
  CallEventBody,
  CallOutcomeBody,
  CallOutcomeResult,
  CallTaskRow,
  SnoozeBody,
  SnoozeStep,
} from '@rumbo/flow';
import { assertNever } from '@rumbo/flow';
import { ingestSignals } from '@rumbo/runner';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { HttpProblem } from '../../errors/http-problem.ts';
import { type Executor, runSql } from '../segments/positional-sql.ts';
import { loadTask, nodeOutcomes } from './call-task.queries.ts';
import { databaseNow, Instant } from './call-task.rows.ts';

/** PostgreSQL intervals of the snooze buttons; `1m` is a calendar month, as Proscai's. */
function snoozeInterval(step: SnoozeStep): string {
  switch (step) {
    case '2h':
      return '2 hours';
    case '1d':
      return '1 day';
    case '1w':
      return '7 days';
    case '1m':
      return '1 month';
    default:
      return assertNever(step);
  }
}

/**
 * "No contesta" keeps the task on the list (one more attempt, called again in two hours)
 * unless the flow follows `no_answer` from the call node, which moves the lead on: then the
 * task closes like every other outcome.
 */
const RETRY_AFTER_NO_ANSWER = '2 hours';

function conflictIfClosed(row: CallTaskRow): void {
  if (row.status === 'closed') {
    throw new HttpProblem(409, 'conflict', {
      detail: `call task ${row.id} is closed (${row.outcome ?? 'no outcome'}); reopen is not possible`,
    });
  }
}

/** Writes the call event as a lead event with the campaign code as project (seed 002). */
async function logLeadEvent(
  db: Executor,
  row: CallTaskRow,
  name: 'call_logged' | 'call_snoozed' | 'call_outcome' | 'call_added',
  properties: Record<string, string | null>,
): Promise<void> {
  await runSql(
    db,
    `INSERT INTO lead_events (workspace_id, lead_id, name, occurred_at, properties)
     SELECT workspace_id, lead_id, $2, now(), $3::jsonb FROM call_tasks WHERE id = $1`,
    [
      row.id,
      name,
      JSON.stringify({
        project: row.campaignCode,
        campaignId: row.campaignId,
        callTaskId: row.id,
        ...properties,
      }),
    ],
  );
}

async function reread(db: Executor, workspaceId: string, id: string): Promise<CallTaskRow> {
  return (await loadTask(db, workspaceId, id)).row;
}

/** Moves the task's remind time (+2 h / +1 día / +1 semana / +1 mes, or a date in the future). */
export async function snoozeCallTask(
  db: Database,
  workspaceId: string,
  id: string,
  body: SnoozeBody,
): Promise<CallTaskRow> {
  return db.transaction(async (tx) => {
    const { row } = await loadTask(tx, workspaceId, id, true);
    conflictIfClosed(row);
    if ('by' in body) {
      await runSql(
        tx,
        `UPDATE call_tasks SET remind_at = now() + $2::interval, updated_at = now() WHERE id = $1`,
        [id, snoozeInterval(body.by)],
      );
    } else {
      const [check] = await runSql(tx, 'SELECT $1::timestamptz > now() AS future, now() AS now', [
        body.until,
      ]);
      const ok = z.object({ future: z.boolean(), now: Instant }).parse(check);
      if (!ok.future) {
        const message = `the remind date ${body.until} is not after now (${ok.now})`;
        throw new HttpProblem(400, 'validation_failed', {
          detail: message,
          issues: [{ location: 'body', path: ['until'], code: 'in_the_past', message }],
        });
      }
      await runSql(
        tx,
        'UPDATE call_tasks SET remind_at = $2::timestamptz, updated_at = now() WHERE id = $1',
        [id, body.until],
      );
    }
    const next = await reread(tx, workspaceId, id);
    await logLeadEvent(tx, next, 'call_snoozed', {
      remindAt: next.remindAt,
      by: 'by' in body ? body.by : null,
      note: body.note ?? null,
    });
    return next;
  });
}

/** Proscai's "Evento": stores the note on the lead's history and as the task's last note. */
export async function logCallEvent(
  db: Database,
  workspaceId: string,
  id: string,
  body: CallEventBody,
): Promise<CallTaskRow> {
  return db.transaction(async (tx) => {
    const { row } = await loadTask(tx, workspaceId, id, true);
    await runSql(tx, 'UPDATE call_tasks SET note = $2, updated_at = now() WHERE id = $1', [
      id,
      body.note,
    ]);
    await logLeadEvent(tx, row, 'call_logged', { note: body.note });
    return reread(tx, workspaceId, id);
  });
}

/**
 * Records the call's outcome and sends it into the flow as a signal (one idempotency key per
 * task and outcome, so a double click moves the lead once), in one transaction with the task.
 */
export async function recordCallOutcome(
  db: Database,
  workspaceId: string,
  id: string,
  body: CallOutcomeBody,
): Promise<CallOutcomeResult> {
  return db.transaction(async (tx) => {
    const { row, context } = await loadTask(tx, workspaceId, id, true);
    conflictIfClosed(row);
    const outcomes = await nodeOutcomes(tx, row.campaignId, context.version, row.nodeId);
    const allowed = outcomes.map((o) => o.id);
    if (!allowed.includes(body.outcome)) {
      const message = `outcome '${body.outcome}' is not one of the call node's: ${allowed.join(', ')}`;
      throw new HttpProblem(400, 'validation_failed', {
        detail: message,
        issues: [{ location: 'body', path: ['outcome'], code: 'unknown_outcome', message }],
      });
    }
    const ingest = await ingestSignals(tx, {
      workspaceId,
      signals: [
        {
          leadKey: row.leadKey,
          name: body.outcome,
          occurredAt: await databaseNow(tx),
          properties: { callTaskId: id, comment: body.comment ?? null },
          ...(context.step_id === null ? {} : { stepId: context.step_id }),
          idempotencyKey: `call-task:${id}:${body.outcome}`,
        },
      ],
    });
    const moved = ingest.moved > 0;
    const close = body.outcome !== 'no_answer' || moved;
    await runSql(
      tx,
      close
        ? `UPDATE call_tasks SET status = 'closed', closed_at = now(), outcome = $2,
             note = coalesce($3, note), updated_at = now() WHERE id = $1`
        : `UPDATE call_tasks SET outcome = $2, note = coalesce($3, note), attempts = attempts + 1,
             remind_at = now() + interval '${RETRY_AFTER_NO_ANSWER}', updated_at = now() WHERE id = $1`,
      [id, body.outcome, body.comment ?? null],
    );
    await logLeadEvent(tx, row, 'call_outcome', {
      outcome: body.outcome,
      comment: body.comment ?? null,
    });
    const after = await loadTask(tx, workspaceId, id);
    return {
      task: after.row,
      moved,
      enrollment: {
        nodeId: after.context.enrollment_node,
        status: after.context.enrollment_status,
      },
    };
  });
}
