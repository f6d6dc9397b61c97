import { z } from 'zod';
import type { ChannelAdapter, DeliveryOutcome, OutboundMessage } from './channel-adapter.ts';
import { type HttpOutcome, httpCall } from './http-request.ts';

/** Connect timeout of every outbound HTTP call; the total timeout is the node's (or the gateway's). */
export const CONNECT_TIMEOUT_MS = 3_000;
export const SMS_TIMEOUT_MS = 10_000;

/**
 * One HTTP answer as a delivery outcome: 2xx sent; 408/429 and 5xx retried (the target is
 * busy or broken, and the idempotency key lets it drop a repeat); any other 4xx failed for good;
 * no connection or no complete answer retried; a refused URL failed.
 */
export function httpDelivery(
  outcome: HttpOutcome,
  providerId: (body: string) => string | null,
): DeliveryOutcome {
  switch (outcome.kind) {
    case 'response': {
      const response = { status: outcome.status, body: outcome.body.slice(0, 2_000) };
      if (outcome.status >= 200 && outcome.status < 300) {
        return { kind: 'sent', providerId: providerId(outcome.body), response };
      }
      const error = `HTTP ${outcome.status}`;
      const busy = outcome.status === 408 || outcome.status === 429 || outcome.status >= 500;
      return busy ? { kind: 'retry', error, response } : { kind: 'failed', error, response };
    }
    case 'unreached':
    case 'interrupted':
      return { kind: 'retry', error: outcome.error };
    case 'refused':
      return { kind: 'failed', error: outcome.error };
  }
}

const WebhookPayload = z.object({
  method: z.string().default('POST'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().default(''),
  timeoutMs: z.number().int().positive().default(5_000),
});

/**
 * The node's headers, case-insensitively merged with ours: a JSON content type unless the node
 * names one, and always our `Idempotency-Key` and user agent (a node cannot send a second one).
 */
export function webhookHeaders(
  own: Record<string, string>,
  hasBody: boolean,
  idempotencyKey: string,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (hasBody) headers['content-type'] = 'application/json';
  for (const [name, value] of Object.entries(own)) headers[name.toLowerCase()] = value;
  headers['idempotency-key'] = idempotencyKey;
  headers['user-agent'] = 'Rumbo-Webhook/1';
  return headers;
}

/**
 * Webhooks over real HTTP: method, rendered URL, headers and body as the node's config says,
 * plus `Idempotency-Key` from the effect ledger. `allowPrivateNetworks` lets development and
 * tests call loopback targets; otherwise private addresses are refused (SSRF).
 */
export function createWebhookAdapter(
  options: { allowPrivateNetworks?: boolean } = {},
): ChannelAdapter {
  return {
    channel: 'webhook',
    idempotent: true,
    async deliver(message: OutboundMessage) {
      const payload = WebhookPayload.parse(message.payload);
      const hasBody = payload.method !== 'GET' && payload.method !== 'DELETE';
      const outcome = await httpCall({
        method: payload.method,
        url: message.recipient,
        headers: webhookHeaders(payload.headers, hasBody, message.idempotencyKey),
        body: hasBody ? payload.body : null,
        connectTimeoutMs: Math.min(CONNECT_TIMEOUT_MS, payload.timeoutMs),
        totalTimeoutMs: payload.timeoutMs,
        allowPrivateNetworks: options.allowPrivateNetworks ?? false,
      });
      return httpDelivery(outcome, () => null);
    },
  };
}

const SmsPayload = z.object({ text: z.string().default(''), sender: z.string().default('') });
const GatewayAnswer = z.object({ id: z.union([z.string(), z.number()]) });

/**
 * SMS through an HTTP gateway at `SMS_URL`: `POST {to, from, text, reference}` as JSON with
 * `Idempotency-Key`; credentials go in the URL (`https://user:key@gateway/messages`). The
 * gateway's `{id}` becomes the provider id.
 */
export function createSmsAdapter(
  smsUrl: string,
  options: { allowPrivateNetworks?: boolean; timeoutMs?: number } = {},
): ChannelAdapter {
  return {
    channel: 'sms',
    idempotent: true,
    async deliver(message: OutboundMessage) {
      const payload = SmsPayload.parse(message.payload);
      const outcome = await httpCall({
        method: 'POST',
        url: smsUrl,
        headers: {
          'content-type': 'application/json',
          'idempotency-key': message.idempotencyKey,
          'user-agent': 'Rumbo-SMS/1',
        },
        body: JSON.stringify({
          to: message.recipient,
          from: payload.sender,
          text: payload.text,
          reference: message.idempotencyKey,
        }),
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
        totalTimeoutMs: options.timeoutMs ?? SMS_TIMEOUT_MS,
        // The operator chose this URL: it may well be a gateway on the local network.
        allowPrivateNetworks: options.allowPrivateNetworks ?? true,
      });
      return httpDelivery(outcome, (body) => {
        try {
          const parsed = GatewayAnswer.safeParse(JSON.parse(body));
          return parsed.success ? String(parsed.data.id) : null;
        } catch {
          return null;
        }
      });
    },
  };
}
