import { ingestSignals } from '../signals/ingest-signals.ts';
import { type Executor, run } from '../sql/positional.ts';
import type {
  ChannelAdapter,
  ChannelAdapters,
  DeliveryOutcome,
  OutboxChannel,
} from './channel-adapter.ts';
import { type ClaimedMessage, claimMessages } from './outbox-claim.ts';

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
  /** Due inside the lead's quiet hours: left pending until the window ends. */
  deferred: number;
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
  /** Calls in flight at once per channel. Default 8. */
  concurrency?: number;
  /** A message `sending` for longer than this was abandoned by a dead process. Default 900. */
  leaseSeconds?: number;
}

const ALL_CHANNELS: readonly OutboxChannel[] = ['email', 'sms', 'webhook'];
const MAX_ATTEMPTS = 5;

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
  claimed: ClaimedMessage,
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
  claimed: ClaimedMessage,
  options: { retryBaseSeconds: number },
  result: SendResult,
): Promise<void> {
  let outcome: DeliveryOutcome;
  if (!claimed.fresh && !adapter.idempotent) {
    outcome = { kind: 'indeterminate', error: 'interrupted after hand-off' };
  } else {
    try {
      outcome = await adapter.deliver(claimed.message);
    } catch (error) {
      // An adapter that throws may have handed the message over: repeat only with a key.
      const text = error instanceof Error ? error.message : String(error);
      outcome = adapter.idempotent
        ? { kind: 'retry', error: text }
        : { kind: 'indeterminate', error: text };
    }
  }
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
    deferred: 0,
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
  const claimed = await claimMessages(db, live, options.limit ?? 100, result);
  const settings = { retryBaseSeconds: options.retryBaseSeconds ?? 30 };
  // Channels side by side and a few calls at once per channel: one slow target (up to its
  // timeout per call) must not hold up the rest of the pass.
  await Promise.all(
    live.map(async (channel) => {
      const adapter = options.adapters[channel];
      if (!adapter) return;
      const queue = claimed.filter((c) => c.message.channel === channel);
      const lanes = Math.min(options.concurrency ?? 8, queue.length);
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            await deliverOne(db, adapter, next, settings, result);
          }
        }),
      );
    }),
  );
  return result;
}
