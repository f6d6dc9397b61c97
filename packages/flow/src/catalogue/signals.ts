/**
 * Signal names with a fixed meaning. Any other signal name is a lead event (`purchased`,
 * `subscribed`) and is global to the lead rather than scoped to a step.
 */

export const EMAIL_SIGNALS = [
  'delivered',
  'opened',
  'clicked',
  'replied',
  'bounced',
  'unsubscribed',
] as const;
export const SMS_SIGNALS = ['delivered', 'failed', 'clicked', 'replied'] as const;
export const WEBHOOK_SIGNALS = ['success', 'failure'] as const;
export const DEFAULT_CALL_OUTCOMES = [
  'objective_achieved',
  'interested',
  'not_interested',
  'no_answer',
] as const;

/**
 * Engagement signals only a message can cause. A transition waiting for one at a node that
 * is not itself such a message means "any earlier message of that channel", so some message
 * of the channel must come before it on every path.
 */
export const ENGAGEMENT_SIGNALS = ['opened', 'clicked', 'replied', 'delivered', 'bounced'] as const;
export type EngagementSignal = (typeof ENGAGEMENT_SIGNALS)[number];

/** Which channels can produce each engagement signal. */
export const ENGAGEMENT_CHANNELS: Record<EngagementSignal, readonly ('email' | 'sms')[]> = {
  opened: ['email'],
  clicked: ['email', 'sms'],
  replied: ['email', 'sms'],
  delivered: ['email', 'sms'],
  bounced: ['email'],
};

const ENGAGEMENT_SET: ReadonlySet<string> = new Set(ENGAGEMENT_SIGNALS);

export function isEngagementSignal(signal: string): signal is EngagementSignal {
  return ENGAGEMENT_SET.has(signal);
}

/**
 * Signals that only make sense on the node that causes them (a webhook's result), with that
 * node's type. A Map, so a signal named like an Object method ("constructor") is not found.
 */
export const NODE_SCOPED_SIGNALS: ReadonlyMap<string, string> = new Map([
  ['success', 'webhook'],
  ['failure', 'webhook'],
]);
