import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Executor } from '../sql/positional.ts';
import type { ChannelAdapter, OutboundMessage } from './channel-adapter.ts';
import { type SendResult, sendPendingMessages } from './outbox-sender.ts';

export type { SendResult } from './outbox-sender.ts';

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

export const DEFAULT_FROM = { name: 'Rumbo', address: 'no-reply@rumbo.invalid' };

/** `Message-ID` from the idempotency key, so the provider and the operator see the same id. */
export function messageIdOf(key: string): string {
  return `<${key.replace(/[^A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]/g, '.')}@rumbo.invalid>`;
}

const EmailPayload = z.object({
  html: z.string().default(''),
  from: z.object({ name: z.string(), address: z.string() }).optional(),
  replyTo: z.string().default(''),
});

const SmtpFailure = z.object({
  responseCode: z.number().optional(),
  code: z.string().optional(),
  message: z.string(),
});

/**
 * Email over SMTP. A server that refused (4xx → retried, 5xx → failed) or could not be reached
 * never took the message; any other interruption is `indeterminate`: SMTP cannot drop a repeat,
 * so such a message is never resent automatically.
 */
export function createEmailAdapter(transport: MailTransport): ChannelAdapter {
  return {
    channel: 'email',
    idempotent: false,
    async deliver(message: OutboundMessage) {
      const payload = EmailPayload.parse(message.payload);
      try {
        const info = await transport.sendMail({
          from: payload.from?.address ? payload.from : DEFAULT_FROM,
          to: message.recipient,
          subject: message.subject ?? '',
          html: payload.html,
          ...(payload.replyTo ? { replyTo: payload.replyTo } : {}),
          messageId: messageIdOf(message.idempotencyKey),
          headers: { 'X-Rumbo-Idempotency-Key': message.idempotencyKey },
        });
        return { kind: 'sent', providerId: info.messageId };
      } catch (error) {
        const failure = SmtpFailure.safeParse(error);
        const code = failure.success ? (failure.data.responseCode ?? 0) : 0;
        const reason = failure.success ? failure.data.message : String(error);
        const unreachable = failure.success && failure.data.code === 'ECONNECTION';
        if (code >= 500) return { kind: 'failed', error: reason, response: { smtp: code } };
        if (code >= 400 || unreachable) return { kind: 'retry', error: reason };
        return { kind: 'indeterminate', error: reason };
      }
    },
  };
}

/**
 * Sends up to `limit` pending emails of the outbox over `transport`, each with its idempotency
 * key as `Message-ID`; without a transport they are marked `captured` (outbox viewer).
 * The email-only form of `sendPendingMessages`.
 */
export async function sendPendingEmails(
  db: Executor,
  options: { transport: MailTransport | null; limit?: number },
): Promise<SendResult> {
  return sendPendingMessages(db, {
    channels: ['email'],
    adapters: { email: options.transport ? createEmailAdapter(options.transport) : null },
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  });
}
