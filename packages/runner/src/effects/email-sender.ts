import nodemailer from 'nodemailer';
import { z } from 'zod';
import { type Executor, run } from '../sql/positional.ts';

/** What the sender needs of an SMTP transport (nodemailer's `sendMail`). */
export interface MailTransport {
  sendMail(message: {
    from: string | { name: string; address: string };
    to: string;
    subject: string;
    html: string;
    replyTo?: string;
    messageId: string;
    headers: Record<string, string>;
  }): Promise<{ messageId: string }>;
}

/** nodemailer over `SMTP_URL` (e.g. `smtp://user:pass@host:587`). */
export function createSmtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport(smtpUrl);
}

export interface SendResult {
  sent: number;
  failed: number;
  retried: number;
  /** Interrupted earlier after the server may have taken it: never resent, shown to the operator. */
  indeterminate: number;
  /** Kept in the outbox viewer because no transport is configured. */
  captured: number;
}

const Claimed = z.object({
  id: z.string(),
  workspace_id: z.string(),
  enrollment_id: z.string().nullable(),
  step_id: z.coerce.number().nullable(),
  recipient: z.string(),
  subject: z.string().nullable(),
  payload: z.object({
    html: z.string().default(''),
    from: z.object({ name: z.string(), address: z.string() }).optional(),
    replyTo: z.string().default(''),
  }),
  idempotency_key: z.string(),
  attempts: z.number(),
  fresh: z.boolean(),
});
type Claimed = z.infer<typeof Claimed>;

export const DEFAULT_FROM = { name: 'Rumbo', address: 'no-reply@rumbo.invalid' };
const MAX_ATTEMPTS = 5;

/** `Message-ID` from the idempotency key, so the provider and the operator see the same id. */
export function messageIdOf(key: string): string {
  return `<${key.replace(/[^A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]/g, '.')}@rumbo.invalid>`;
}

// Claim pending emails and write their ledger rows before any call, in one committed
// transaction. A ledger row already `started` means an earlier run may have handed the message
// to the server: `fresh` is false and that message is never sent again.
const CLAIM = `
WITH picked AS (
  UPDATE outbox_messages o SET status = 'sending', attempts = o.attempts + 1, updated_at = now()
  WHERE o.id = ANY(ARRAY(
    SELECT id FROM outbox_messages
    WHERE status = 'pending' AND channel = 'email' AND (next_attempt_at IS NULL OR next_attempt_at <= now())
    ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED))
  RETURNING o.id, o.workspace_id, o.enrollment_id, o.step_id, o.recipient, o.subject, o.payload,
            o.idempotency_key, o.attempts
), ledger AS (
  INSERT INTO effect_ledger AS l (workspace_id, idempotency_key, kind, enrollment_id, step_id, status)
  SELECT workspace_id, idempotency_key, 'email', enrollment_id, step_id, 'started' FROM picked
  ON CONFLICT (idempotency_key) DO UPDATE SET status = 'started', error = NULL
    WHERE l.status = 'failed'
  RETURNING l.idempotency_key
)
SELECT p.*, (l.idempotency_key IS NOT NULL) AS fresh
FROM picked p LEFT JOIN ledger l ON l.idempotency_key = p.idempotency_key`;

async function settle(
  db: Executor,
  message: Claimed,
  outcome: {
    status: 'sent' | 'failed' | 'pending' | 'indeterminate';
    providerId?: string;
    error?: string;
  },
): Promise<void> {
  const ledger =
    outcome.status === 'sent'
      ? 'succeeded'
      : outcome.status === 'indeterminate'
        ? 'indeterminate'
        : 'failed';
  await run(
    db,
    `WITH o AS (
       UPDATE outbox_messages SET status = $2, provider_id = COALESCE($3, provider_id), error = $4,
         sent_at = CASE WHEN $2 = 'sent' THEN now() END,
         next_attempt_at = CASE WHEN $2 = 'pending' THEN now() + make_interval(secs => $5::int) END,
         updated_at = now()
       WHERE id = $1
     )
     UPDATE effect_ledger SET status = $6, error = $4, completed_at = now() WHERE idempotency_key = $7`,
    [
      message.id,
      outcome.status,
      outcome.providerId ?? null,
      outcome.error ?? null,
      2 ** message.attempts * 30,
      ledger,
      message.idempotency_key,
    ],
  );
}

const SmtpFailure = z.object({
  responseCode: z.number().optional(),
  code: z.string().optional(),
  message: z.string(),
});

/**
 * Sends up to `limit` pending emails of the outbox over `transport`, each with its idempotency
 * key as `Message-ID`; without a transport they are marked `captured` (outbox viewer). A server
 * that refused (4xx → retried with backoff, 5xx → failed) or could not be reached never took
 * the message; any other interruption is `indeterminate` and never resent automatically.
 */
export async function sendPendingEmails(
  db: Executor,
  options: { transport: MailTransport | null; limit?: number },
): Promise<SendResult> {
  const result: SendResult = { sent: 0, failed: 0, retried: 0, indeterminate: 0, captured: 0 };
  if (!options.transport) {
    const rows = await run(
      db,
      `UPDATE outbox_messages SET status = 'captured', updated_at = now()
       WHERE status = 'pending' AND channel = 'email' RETURNING id`,
    );
    result.captured = rows.length;
    return result;
  }
  const claimed = (await run(db, CLAIM, [options.limit ?? 100])).map((raw) => Claimed.parse(raw));
  for (const message of claimed) {
    if (!message.fresh) {
      await settle(db, message, { status: 'indeterminate', error: 'interrupted after hand-off' });
      result.indeterminate++;
      continue;
    }
    try {
      const info = await options.transport.sendMail({
        from: message.payload.from?.address ? message.payload.from : DEFAULT_FROM,
        to: message.recipient,
        subject: message.subject ?? '',
        html: message.payload.html,
        ...(message.payload.replyTo ? { replyTo: message.payload.replyTo } : {}),
        messageId: messageIdOf(message.idempotency_key),
        headers: { 'X-Rumbo-Idempotency-Key': message.idempotency_key },
      });
      await settle(db, message, { status: 'sent', providerId: info.messageId });
      result.sent++;
    } catch (error) {
      const failure = SmtpFailure.safeParse(error);
      const code = failure.success ? (failure.data.responseCode ?? 0) : 0;
      const reason = failure.success ? failure.data.message : String(error);
      const unreachable = failure.success && failure.data.code === 'ECONNECTION';
      if (code >= 500) {
        await settle(db, message, { status: 'failed', error: reason });
        result.failed++;
      } else if ((code >= 400 || unreachable) && message.attempts < MAX_ATTEMPTS) {
        await settle(db, message, { status: 'pending', error: reason });
        result.retried++;
      } else if (code >= 400 || unreachable) {
        await settle(db, message, { status: 'failed', error: reason });
        result.failed++;
      } else {
        await settle(db, message, { status: 'indeterminate', error: reason });
        result.indeterminate++;
      }
    }
  }
  return result;
}
