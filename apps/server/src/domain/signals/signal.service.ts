import { createHash } from 'node:crypto';
import { schema } from '@rumbo/db';
import type { EventBatchResult, JsonValue, SignalBatchResult, SignalItem } from '@rumbo/flow';
import { SignalBatchResult as SignalBatchResultSchema } from '@rumbo/flow';
import { enrollFromEvents, type IngestResult, ingestSignals, type NodeScope } from '@rumbo/runner';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { HttpProblem } from '../../errors/http-problem.ts';

const { auditLog, leadEvents, leads } = schema;

/** What a route does after the batch committed: wake the nodes leads were moved to. */
export type Wake = (targets: readonly NodeScope[]) => Promise<number>;

const REPLAY_ACTION = 'signals.batch';

function bodyHash(signals: readonly SignalItem[]): string {
  return createHash('sha256').update(JSON.stringify(signals)).digest('hex');
}

function answer(result: IngestResult, replayed: boolean): SignalBatchResult {
  return {
    stored: result.stored,
    duplicates: result.duplicates,
    moved: result.moved,
    rejected: result.rejected.map(({ index, code }) => ({ index, code })),
    replayed,
  };
}

/**
 * Stores a batch of signals and moves the leads waiting for them. With an `Idempotency-Key`,
 * each item's signal key is derived from it (a retry stores nothing twice), and the first
 * answer is recorded in the audit log under the key, so a replay returns that answer and
 * changes nothing. The key is locked for the transaction: two concurrent copies queue.
 */
export async function receiveSignals(
  db: Database,
  workspaceId: string,
  input: { signals: readonly SignalItem[]; idempotencyKey: string | null; actor: string },
  wake: Wake,
): Promise<SignalBatchResult> {
  const { idempotencyKey } = input;
  const hash = bodyHash(input.signals);
  const subject = `idempotency:signals:${idempotencyKey}`;
  const outcome = await db.transaction(async (tx) => {
    if (idempotencyKey !== null) {
      await tx.execute(
        sql`SELECT pg_advisory_xact_lock(hashtextextended(${workspaceId + subject}, 0))`,
      );
      const [earlier] = await tx
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.workspaceId, workspaceId),
            eq(auditLog.subject, subject),
            eq(auditLog.action, REPLAY_ACTION),
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(1);
      if (earlier) {
        if (earlier.data.hash !== hash) {
          throw new HttpProblem(409, 'conflict', {
            detail: `Idempotency-Key ${idempotencyKey} was used before with a different body`,
          });
        }
        const recorded = SignalBatchResultSchema.parse(earlier.data.answer);
        return { result: { ...recorded, replayed: true }, targets: [] };
      }
    }
    const ingested = await ingestSignals(tx, {
      workspaceId,
      signals: input.signals.map((signal, index) => ({
        ...signal,
        ...(idempotencyKey === null ? {} : { idempotencyKey: `${idempotencyKey}#${index}` }),
      })),
    });
    const result = answer(ingested, false);
    if (idempotencyKey !== null) {
      await tx.insert(auditLog).values({
        workspaceId,
        actor: input.actor,
        action: REPLAY_ACTION,
        subject,
        data: { hash, answer: result },
      });
    }
    return { result, targets: ingested.targets };
  });
  await wake(outcome.targets);
  return outcome.result;
}

export interface EventInput {
  leadKey: string;
  name: string;
  occurredAt: string;
  properties?: Record<string, JsonValue> | undefined;
  id?: string | undefined;
}

/**
 * Stores lead events on the timeline (a known `id` once) and routes each as a signal: a lead
 * waiting for `purchased` moves, and a later wait's look-back finds it. Campaigns with an event
 * entry for a stored event enrol its lead in the same transaction.
 */
export async function receiveEvents(
  db: Database,
  workspaceId: string,
  events: readonly EventInput[],
  wake: Wake,
): Promise<EventBatchResult> {
  const outcome = await db.transaction(async (tx) => {
    const keys = [...new Set(events.map((event) => event.leadKey))];
    const found = await tx
      .select({ id: leads.id, key: leads.externalKey })
      .from(leads)
      .where(
        and(
          eq(leads.workspaceId, workspaceId),
          sql`${leads.externalKey} = ANY(${sql.param(keys)}::text[])`,
        ),
      );
    const idOf = new Map(found.map((row) => [row.key, row.id]));
    const rejected: EventBatchResult['rejected'] = [];
    const rows = events.flatMap((event, index) => {
      const leadId = idOf.get(event.leadKey);
      if (leadId === undefined) {
        rejected.push({ index, code: 'lead_not_found' });
        return [];
      }
      return [
        {
          workspaceId,
          leadId,
          name: event.name,
          occurredAt: new Date(event.occurredAt),
          properties: event.properties ?? {},
          sourceId: event.id ?? null,
        },
      ];
    });
    const inserted =
      rows.length === 0
        ? []
        : await tx
            .insert(leadEvents)
            .values(rows)
            .onConflictDoNothing()
            .returning({ id: leadEvents.id, leadId: leadEvents.leadId, name: leadEvents.name });
    const routed = await ingestSignals(tx, {
      workspaceId,
      signals: events.flatMap((event) =>
        idOf.has(event.leadKey)
          ? [
              {
                leadKey: event.leadKey,
                name: event.name,
                occurredAt: event.occurredAt,
                properties: event.properties ?? {},
                ...(event.id === undefined ? {} : { idempotencyKey: `event:${event.id}` }),
              },
            ]
          : [],
      ),
    });
    // Event entries start journeys for events stored now only: a replayed event id starts none.
    const entered = await enrollFromEvents(tx, { workspaceId, events: inserted });
    const result: EventBatchResult = {
      stored: inserted.length,
      duplicates: rows.length - inserted.length,
      moved: routed.moved,
      enrolled: entered.enrolled,
      rejected,
    };
    return { result, targets: [...routed.targets, ...entered.targets] };
  });
  await wake(outcome.targets);
  return outcome.result;
}
