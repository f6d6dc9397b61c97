import { JsonValue } from '@rumbo/flow';
import { sendEligibility } from '@rumbo/flow/runtime';
import { z } from 'zod';
import { type LeadRecord, loadLeads } from '../advance/lead-records.ts';
import { ingestSignals } from '../signals/ingest-signals.ts';
import { type Executor, run } from '../sql/positional.ts';
import type {
  ChannelAdapter,
  ChannelAdapters,
  DeliveryOutcome,
  OutboundMessage,
  OutboxChannel,
} from './channel-adapter.ts';

export interface SendResult {
  sent: number;
  failed: number;
  retried: number;
  /** Interrupted earlier after the server may have taken it: never resent, shown to the operator. */
  indeterminate: number;
  /** Kept in the outbox viewer because no adapter is configured for the channel. */
  captured: number;
  /** No longer eligible at send time (consent withdrawn, unsubscribed, bounced, suppressed). */
  suppressed: number;
  /** Nodes that received leads through a result signal (webhook success/failure, SMS failed). */
  targets: { campaignId: string; version: number; nodeId: string }[];
}

export interface SendOptions {
  /** A channel without an adapter keeps its messages in the outbox viewer (`captured`). */
  adapters: ChannelAdapters;
  /** Channels this pass drains; default all three. */
  channels?: readonly OutboxChannel[];
  limit?: number;
  /** First retry after this many seconds, doubling per attempt. Default 30. */
  retryBaseSeconds?: number;
  /** A message `sending` for longer than this was abandoned by a dead process. Default 900. */
  leaseSeconds?: number;
}

const ALL_CHANNELS: readonly OutboxChannel[] = ['email', 'sms', 'webhook'];
const MAX_ATTEMPTS = 5;

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
type Picked = z.infer<typeof Picked>;
const Started = z.object({ id: z.string(), attempts: z.number(), fresh: z.boolean() });

interface Claimed {
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
 * `suppressed` with the reason; the others become `sending` with their ledger row.
 */
async function claim(
  db: Executor,
  channels: OutboxChannel[],
  limit: number,
  result: SendResult,
): Promise<Claimed[]> {
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
    if (eligible.length === 0) return [];
    const started = new Map(
      (await run(tx, START, [eligible.map((p) => p.id)]))
        .map((raw) => Started.parse(raw))
        .map((s) => [s.id, s]),
    );
    return eligible.flatMap((row) => {
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

type Settled = 'sent' | 'failed' | 'pending' | 'indeterminate';

function settledStatus(outcome: DeliveryOutcome, attempt: number): Settled {
  switch (outcome.kind) {
    case 'sent':
      return 'sent';
    case 'failed':
      return 'failed';
    case 'indeterminate':
      return 'indeterminate';
    case 'retry':
      return attempt < MAX_ATTEMPTS ? 'pending' : 'failed';
  }
}

const LEDGER_OF: Record<Settled, string> = {
  sent: 'succeeded',
  indeterminate: 'indeterminate',
  failed: 'failed',
  pending: 'failed',
};

/** The signal a final outcome causes at the step that sent it (the node's own transitions). */
function resultSignal(channel: OutboxChannel, status: Settled): string | null {
  if (channel === 'webhook' && status === 'sent') return 'success';
  if (channel === 'webhook' && status === 'failed') return 'failure';
  if (channel === 'sms' && status === 'failed') return 'failed';
  return null;
}

async function settle(
  db: Executor,
  claimed: Claimed,
  outcome: DeliveryOutcome,
  options: { retryBaseSeconds: number },
  result: SendResult,
): Promise<Settled> {
  const status = settledStatus(outcome, claimed.message.attempt);
  const error = outcome.kind === 'sent' ? null : outcome.error.slice(0, 1_000);
  const providerId = outcome.kind === 'sent' ? outcome.providerId : null;
  await db.transaction(async (tx) => {
    await run(
      tx,
      `WITH o AS (
         UPDATE outbox_messages SET status = $2, provider_id = COALESCE($3, provider_id), error = $4,
           sent_at = CASE WHEN $2 = 'sent' THEN now() END,
           next_attempt_at = CASE WHEN $2 = 'pending' THEN now() + make_interval(secs => $5::float8) END,
           updated_at = now()
         WHERE id = $1
       )
       UPDATE effect_ledger SET status = $6, error = $4, response = $8::jsonb,
         request = COALESCE(request, $9::jsonb), completed_at = now()
       WHERE idempotency_key = $7`,
      [
        claimed.message.id,
        status,
        providerId,
        error,
        options.retryBaseSeconds * 2 ** (claimed.message.attempt - 1),
        LEDGER_OF[status],
        claimed.message.idempotencyKey,
        outcome.response === undefined ? null : JSON.stringify(outcome.response),
        JSON.stringify({ to: claimed.message.recipient, attempt: claimed.message.attempt }),
      ],
    );
    const signal = resultSignal(claimed.message.channel, status);
    if (signal && claimed.leadKey !== null && claimed.row.step_id !== null) {
      const [now] = await run(
        tx,
        `SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at`,
      );
      const routed = await ingestSignals(tx, {
        workspaceId: claimed.row.workspace_id,
        signals: [
          {
            leadKey: claimed.leadKey,
            name: signal,
            occurredAt: String(now?.at),
            stepId: claimed.row.step_id,
            idempotencyKey: `${claimed.message.idempotencyKey}:${signal}`,
            properties: error === null ? {} : { error },
          },
        ],
      });
      result.targets.push(...routed.targets);
    }
  });
  return status;
}

async function deliverOne(
  db: Executor,
  adapter: ChannelAdapter,
  claimed: Claimed,
  options: { retryBaseSeconds: number },
  result: SendResult,
): Promise<void> {
  const outcome: DeliveryOutcome =
    !claimed.fresh && !adapter.idempotent
      ? { kind: 'indeterminate', error: 'interrupted after hand-off' }
      : await adapter.deliver(claimed.message);
  const status = await settle(db, claimed, outcome, options, result);
  if (status === 'sent') result.sent++;
  else if (status === 'failed') result.failed++;
  else if (status === 'pending') result.retried++;
  else result.indeterminate++;
}

/**
 * Drains the outbox: up to `limit` due messages of every channel that has an adapter, each
 * delivered with its idempotency key after its ledger row was committed; outcomes settle with
 * backoff for retries, and a webhook's or SMS's final result moves the lead through the
 * node's `success` / `failure` / `failed` transition. Channels without an adapter (no
 * `SMTP_URL`, no `SMS_URL`) keep their messages as `captured` for the outbox viewer.
 */
export async function sendPendingMessages(db: Executor, options: SendOptions): Promise<SendResult> {
  const result: SendResult = {
    sent: 0,
    failed: 0,
    retried: 0,
    indeterminate: 0,
    captured: 0,
    suppressed: 0,
    targets: [],
  };
  const channels = options.channels ?? ALL_CHANNELS;
  const live = channels.filter((c) => options.adapters[c]);
  const held = channels.filter((c) => !options.adapters[c]);
  if (held.length > 0) {
    const rows = await run(
      db,
      `UPDATE outbox_messages SET status = 'captured', updated_at = now()
       WHERE status = 'pending' AND channel = ANY($1::text[]) RETURNING id`,
      [held],
    );
    result.captured = rows.length;
  }
  if (live.length === 0) return result;
  // A process that died mid-call left its messages `sending`: back to the queue, where the
  // ledger row decides (resent with the same key, or `indeterminate` for SMTP).
  await run(
    db,
    `UPDATE outbox_messages SET status = 'pending', updated_at = now()
     WHERE status = 'sending' AND channel = ANY($1::text[])
       AND updated_at < now() - make_interval(secs => $2::int)`,
    [live, options.leaseSeconds ?? 900],
  );
  const claimed = await claim(db, live, options.limit ?? 100, result);
  const settings = { retryBaseSeconds: options.retryBaseSeconds ?? 30 };
  await Promise.all(
    live.map(async (channel) => {
      const adapter = options.adapters[channel];
      if (!adapter) return;
      // One channel's slow target must not hold the others up; within a channel, in order.
      for (const c of claimed) {
        if (c.message.channel === channel) await deliverOne(db, adapter, c, settings, result);
      }
    }),
  );
  return result;
}
