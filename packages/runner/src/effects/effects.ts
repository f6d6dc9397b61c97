import type { JsonValue } from '@rumbo/flow';
import { type Executor, run } from '../sql/positional.ts';

/** A message to send from the outbox, decided in the batch and written with the move. */
export interface OutboxEffect {
  kind: 'outbox';
  enrollmentId: string;
  workspaceId: string;
  leadId: string;
  channel: 'email' | 'sms' | 'webhook';
  recipient: string;
  subject: string | null;
  payload: { [key: string]: JsonValue };
  /** One per visit, stable across attempts: a re-run of the step finds it and sends nothing new. */
  idempotencyKey: string;
}

/** A task for the call list. */
export interface CallEffect {
  kind: 'call';
  enrollmentId: string;
  workspaceId: string;
  leadId: string;
  priority: number;
  script: string;
}

export type Effect = OutboxEffect | CallEffect;

/**
 * Writes the effects of the steps just applied, in the same transaction as the move: outbox rows
 * (unique idempotency key) and call tasks (unique step). Effects of stale decisions (no step
 * id) are dropped with them.
 */
export async function writeEffects(
  db: Executor,
  scope: { campaignId: string; nodeId: string; testMode: boolean },
  effects: readonly Effect[],
  stepIds: ReadonlyMap<string, number>,
): Promise<void> {
  const outbox = effects.flatMap((e) =>
    e.kind === 'outbox' && stepIds.has(e.enrollmentId) ? [e] : [],
  );
  const calls = effects.flatMap((e) =>
    e.kind === 'call' && stepIds.has(e.enrollmentId) ? [e] : [],
  );
  if (outbox.length > 0) {
    await run(
      db,
      `INSERT INTO outbox_messages (workspace_id, campaign_id, enrollment_id, step_id, lead_id,
         node_id, channel, status, recipient, subject, payload, idempotency_key)
       SELECT o.workspace_id, $1, o.enrollment_id, o.step_id, o.lead_id, $2, o.channel, $3,
              o.recipient, o.subject, o.payload::jsonb, o.key
       FROM unnest($4::uuid[], $5::uuid[], $6::bigint[], $7::uuid[], $8::text[], $9::text[],
                   $10::text[], $11::text[], $12::text[])
         AS o(workspace_id, enrollment_id, step_id, lead_id, channel, recipient, subject, payload, key)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        scope.campaignId,
        scope.nodeId,
        // Test mode keeps every message in the outbox viewer; nothing leaves.
        scope.testMode ? 'captured' : 'pending',
        outbox.map((o) => o.workspaceId),
        outbox.map((o) => o.enrollmentId),
        outbox.map((o) => stepIds.get(o.enrollmentId)),
        outbox.map((o) => o.leadId),
        outbox.map((o) => o.channel),
        outbox.map((o) => o.recipient),
        outbox.map((o) => o.subject),
        outbox.map((o) => JSON.stringify(o.payload)),
        outbox.map((o) => o.idempotencyKey),
      ],
    );
  }
  if (calls.length > 0) {
    await run(
      db,
      `INSERT INTO call_tasks (workspace_id, campaign_id, enrollment_id, lead_id, node_id, step_id,
         priority, script, contact_order)
       SELECT c.workspace_id, $1, c.enrollment_id, c.lead_id, $2, c.step_id, c.priority, c.script,
              c.step_id
       FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::bigint[], $7::int[], $8::text[])
         AS c(workspace_id, enrollment_id, lead_id, step_id, priority, script)
       ON CONFLICT (step_id) DO NOTHING`,
      [
        scope.campaignId,
        scope.nodeId,
        calls.map((c) => c.workspaceId),
        calls.map((c) => c.enrollmentId),
        calls.map((c) => c.leadId),
        calls.map((c) => stepIds.get(c.enrollmentId)),
        calls.map((c) => c.priority),
        calls.map((c) => c.script),
      ],
    );
  }
}
