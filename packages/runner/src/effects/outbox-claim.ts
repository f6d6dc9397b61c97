import { JsonValue } from '@rumbo/flow';
import { sendEligibility } from '@rumbo/flow/runtime';
import { z } from 'zod';
import { type LeadRecord, loadLeads } from '../advance/lead-records.ts';
import { type Executor, run } from '../sql/positional.ts';
import type { OutboundMessage, OutboxChannel } from './channel-adapter.ts';
import { holdForQuietHours } from './quiet-hours-hold.ts';

const Picked = z.object({
  id: z.string(),
  workspace_id: z.string(),
  lead_id: z.string().nullable(),
  step_id: z.coerce.number().nullable(),
  channel: z.enum(['email', 'sms', 'webhook']),
  recipient: z.string(),
  subject: z.string().nullable(),
  payload: z.record(z.string(), JsonValue),
  idempotency_key: z.string(),
});
export type Picked = z.infer<typeof Picked>;
const Started = z.object({ id: z.string(), attempts: z.number(), fresh: z.boolean() });

export interface ClaimedMessage {
  row: Picked;
  message: OutboundMessage;
  leadKey: string | null;
  /** False: an earlier run wrote the ledger row and may have handed the message over. */
  fresh: boolean;
}

const PICK = `
SELECT id, workspace_id, lead_id, step_id, channel, recipient, subject, payload, idempotency_key
FROM outbox_messages
WHERE status = 'pending' AND channel = ANY($2::text[])
  AND (next_attempt_at IS NULL OR next_attempt_at <= now())
ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`;

// The ledger row is written before any call and committed with the claim. One already
// `started` means an earlier run may have handed the message over: `fresh` is false.
const START = `
WITH picked AS (
  UPDATE outbox_messages o SET status = 'sending', attempts = o.attempts + 1, updated_at = now()
  WHERE o.id = ANY($1::uuid[])
  RETURNING o.id, o.workspace_id, o.enrollment_id, o.step_id, o.channel, o.idempotency_key, o.attempts
), ledger AS (
  INSERT INTO effect_ledger AS l (workspace_id, idempotency_key, kind, enrollment_id, step_id, status)
  SELECT workspace_id, idempotency_key, channel, enrollment_id, step_id, 'started' FROM picked
  ON CONFLICT (idempotency_key) DO UPDATE SET status = 'started', error = NULL
    WHERE l.status = 'failed'
  RETURNING l.idempotency_key
)
SELECT p.id, p.attempts, (l.idempotency_key IS NOT NULL) AS fresh
FROM picked p LEFT JOIN ledger l ON l.idempotency_key = p.idempotency_key`;

function eligibilityOf(row: Picked, lead: LeadRecord | undefined): string {
  if (row.lead_id === null) return 'eligible';
  if (!lead) return 'no_address';
  return sendEligibility(row.channel, lead.snapshot, {
    suppressed: lead.suppressed[row.channel],
    control: false,
  });
}

/**
 * Claims due messages of channels that have an adapter, in one committed transaction: each
 * lead is locked and its eligibility checked again (consent may have been withdrawn, an
 * unsubscribe or bounce suppressed the address since the step ran) — ineligible messages become
 * `suppressed` with the reason; those due in the lead's quiet hours wait for the window's end;
 * the others become `sending` with their ledger row.
 */
export async function claimMessages(
  db: Executor,
  channels: OutboxChannel[],
  limit: number,
  result: { suppressed: number; deferred: number },
): Promise<ClaimedMessage[]> {
  return db.transaction(async (tx) => {
    const picked = (await run(tx, PICK, [limit, channels])).map((raw) => Picked.parse(raw));
    if (picked.length === 0) return [];
    const leadIds = picked.flatMap((p) => (p.lead_id ? [p.lead_id] : []));
    const leads = await loadLeads(tx, leadIds, { lock: true });
    const eligible: Picked[] = [];
    const refused: { id: string; reason: string }[] = [];
    for (const row of picked) {
      const verdict = eligibilityOf(row, row.lead_id ? leads.get(row.lead_id) : undefined);
      if (verdict === 'eligible') eligible.push(row);
      else refused.push({ id: row.id, reason: verdict });
    }
    if (refused.length > 0) {
      await run(
        tx,
        `UPDATE outbox_messages o SET status = 'suppressed', error = r.reason, updated_at = now()
         FROM unnest($1::uuid[], $2::text[]) AS r(id, reason) WHERE o.id = r.id`,
        [refused.map((r) => r.id), refused.map((r) => r.reason)],
      );
      result.suppressed += refused.length;
    }
    const held = await holdForQuietHours(
      tx,
      eligible.map((row) => ({
        id: row.id,
        channel: row.channel,
        workspaceId: row.workspace_id,
        lead: row.lead_id ? leads.get(row.lead_id) : undefined,
      })),
    );
    result.deferred += held.size;
    const sending = eligible.filter((row) => !held.has(row.id));
    if (sending.length === 0) return [];
    const started = new Map(
      (await run(tx, START, [sending.map((p) => p.id)]))
        .map((raw) => Started.parse(raw))
        .map((s) => [s.id, s]),
    );
    return sending.flatMap((row) => {
      const s = started.get(row.id);
      if (!s) return [];
      const lead = row.lead_id ? leads.get(row.lead_id) : undefined;
      const message: OutboundMessage = {
        id: row.id,
        channel: row.channel,
        recipient: row.recipient,
        subject: row.subject,
        payload: row.payload,
        idempotencyKey: row.idempotency_key,
        attempt: s.attempts,
      };
      return [{ row, message, leadKey: lead?.snapshot.key ?? null, fresh: s.fresh }];
    });
  });
}
