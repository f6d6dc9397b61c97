import type { CampaignMode } from '@rumbo/flow';
import { channelAddress, type NodeRoutes } from '@rumbo/flow/runtime';
import { z } from 'zod';
import type { Effect } from '../effects/effects.ts';
import { createRenderer } from '../effects/render.ts';
import type { Claimed } from './claim.ts';
import type { LeadRecord } from './lead-records.ts';

const render = createRenderer();
const EmailShape = z.object({
  subject: z.string(),
  body: z.string(),
  preheader: z.string(),
  from: z.object({ name: z.string(), address: z.string() }),
  replyTo: z.string(),
});
const SmsShape = z.object({ text: z.string(), sender: z.string() });
const CallShape = z.object({
  script: z.string(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']),
});
const WebhookShape = z.object({
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  timeoutMs: z.number(),
});
const PRIORITY = { low: 0, normal: 1, high: 2, urgent: 3 } as const;

/**
 * The effect of an acting node for one eligible lead, rendered now from the node's config:
 * an outbox row (email, sms, webhook) keyed by the visit, or a call task.
 */
export function actionEffect(
  routes: NodeRoutes,
  claimed: Claimed,
  lead: LeadRecord,
  mode: CampaignMode,
): Effect | null {
  const channel = routes.module?.channel;
  const base = { enrollmentId: claimed.id, workspaceId: lead.workspaceId, leadId: lead.id };
  // The visit (enrollment, step number) names the effect: every attempt of it gets the same key.
  const idempotencyKey = `${claimed.id}:${claimed.stepCount}:${routes.node.id}`;
  const snapshot = lead.snapshot;
  const recipient = channel ? (channelAddress(channel, snapshot) ?? '') : '';
  switch (channel) {
    case 'email': {
      const c = EmailShape.parse(routes.config);
      const subject = render(c.subject, snapshot, false);
      const html = render(c.body, snapshot, true);
      const preheader = render(c.preheader, snapshot, false);
      return {
        kind: 'outbox',
        ...base,
        channel,
        recipient,
        subject,
        idempotencyKey,
        payload: { html, preheader, from: { ...c.from }, replyTo: c.replyTo, mode },
      };
    }
    case 'sms': {
      const c = SmsShape.parse(routes.config);
      const text = render(c.text, snapshot, false);
      return {
        kind: 'outbox',
        ...base,
        channel,
        recipient,
        subject: null,
        idempotencyKey,
        payload: { text, sender: c.sender, mode },
      };
    }
    case 'webhook': {
      const c = WebhookShape.parse(routes.config);
      const body = render(c.body, snapshot, false);
      const url = render(c.url, snapshot, false);
      return {
        kind: 'outbox',
        ...base,
        channel,
        recipient: url,
        subject: null,
        idempotencyKey,
        payload: { method: c.method, headers: c.headers, body, timeoutMs: c.timeoutMs, mode },
      };
    }
    case 'call': {
      const c = CallShape.parse(routes.config);
      return {
        kind: 'call',
        ...base,
        priority: PRIORITY[c.priority],
        script: render(c.script, snapshot, false),
      };
    }
    case undefined:
    case null:
      return null;
  }
}
