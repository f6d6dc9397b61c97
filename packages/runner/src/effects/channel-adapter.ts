import type { JsonValue } from '@rumbo/flow';

export type OutboxChannel = 'email' | 'sms' | 'webhook';

/** One claimed outbox row, as an adapter sees it. */
export interface OutboundMessage {
  id: string;
  channel: OutboxChannel;
  /** Address, phone number or URL. */
  recipient: string;
  subject: string | null;
  payload: { [key: string]: JsonValue };
  /** Travels to the provider (Message-ID, Idempotency-Key header) so it can drop repeats. */
  idempotencyKey: string;
  /** This attempt's number, from 1. */
  attempt: number;
}

/**
 * What one delivery attempt came to:
 * - `sent`: the provider took it (2xx, SMTP 250);
 * - `retry`: it did not, or may not have but repeating is safe — tried again with backoff;
 * - `failed`: refused for good (4xx, SMTP 5xx, blocked address) — never retried;
 * - `indeterminate`: the provider may have taken it and cannot drop a repeat (SMTP): shown to
 *   the operator, never resent.
 * `response` is kept in the effect ledger (e.g. the HTTP status).
 */
export type DeliveryOutcome =
  | { kind: 'sent'; providerId: string | null; response?: JsonValue }
  | { kind: 'retry'; error: string; response?: JsonValue }
  | { kind: 'failed'; error: string; response?: JsonValue }
  | { kind: 'indeterminate'; error: string; response?: JsonValue };

/**
 * A channel's way out of the outbox (DESIGN §5 "channels are adapters with one interface").
 * The sender claims rows, writes the ledger row before calling `deliver`, and settles the
 * outcome; adapters only talk to the outside world.
 */
export interface ChannelAdapter {
  channel: OutboxChannel;
  /**
   * The provider honours the idempotency key, so a hand-off interrupted by a crash may be
   * repeated with the same key. SMTP has no such key: such an email becomes `indeterminate`.
   */
  idempotent: boolean;
  deliver(message: OutboundMessage): Promise<DeliveryOutcome>;
}

export type ChannelAdapters = { [C in OutboxChannel]?: ChannelAdapter | null };
