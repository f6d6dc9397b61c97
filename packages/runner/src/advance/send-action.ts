import type { CampaignMode, FlowDocument, JsonValue } from '@rumbo/flow';
import type { PolicyReason, SendPolicyVerdict } from '@rumbo/flow/policy';
import { channelAddress, type NodeRoutes, sendEligibility } from '@rumbo/flow/runtime';
import { z } from 'zod';
import type { Effect } from '../effects/effects.ts';
import { createRenderer, createStrictRenderer } from '../effects/render.ts';
import { type PolicyCandidate, sendPolicyVerdicts } from '../effects/send-policies.ts';
import type { Executor } from '../sql/positional.ts';
import type { Claimed } from './claim.ts';
import { type Decision, endDecision, waitDecision } from './decision.ts';
import type { LeadRecord } from './lead-records.ts';

const render = createRenderer();
const renderStrict = createStrictRenderer();
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
 * An action that cannot be carried out for this lead (a webhook whose template does not render
 * or whose URL is not an http(s) URL once rendered): the step fails with where and why.
 */
export interface ActionFailure {
  kind: 'invalid';
  /** The config field, e.g. `url`, `body`, `headers.X-Token`. */
  field: string;
  message: string;
}

/** The lead as JSON, the body of a webhook whose body template is empty (the catalogue's rule). */
function leadJson(lead: LeadRecord): string {
  const { key, name, email, phone, locale, timeZone, stage, attributes, tags } = lead.snapshot;
  return JSON.stringify({
    lead: { key, name, email, phone, locale, timeZone, stage, attributes, tags },
  });
}

function webhookEffect(
  config: unknown,
  lead: LeadRecord,
  base: { enrollmentId: string; workspaceId: string; leadId: string; idempotencyKey: string },
  mode: CampaignMode,
): Effect | ActionFailure {
  const c = WebhookShape.parse(config);
  const fields: [string, string][] = [
    ['url', c.url],
    ['body', c.body],
    ...Object.entries(c.headers).map(([name, value]): [string, string] => [
      `headers.${name}`,
      value,
    ]),
  ];
  const rendered = new Map<string, string>();
  for (const [field, template] of fields) {
    const out = renderStrict(template, lead.snapshot, false);
    if (!out.ok) return { kind: 'invalid', field, message: out.error.slice(0, 300) };
    rendered.set(field, out.text);
  }
  const url = (rendered.get('url') ?? '').trim();
  if (!/^https?:\/\/[^\s/]+/i.test(url)) {
    return { kind: 'invalid', field: 'url', message: `not an http(s) URL: "${url.slice(0, 200)}"` };
  }
  const headers = Object.fromEntries(
    Object.keys(c.headers).map((name) => [name, rendered.get(`headers.${name}`) ?? '']),
  );
  const body = c.body.trim() === '' ? leadJson(lead) : (rendered.get('body') ?? '');
  return {
    kind: 'outbox',
    ...base,
    channel: 'webhook',
    recipient: url,
    subject: null,
    payload: { method: c.method, headers, body, timeoutMs: c.timeoutMs, mode },
  };
}

/**
 * The effect of an acting node for one eligible lead, rendered now from the node's config:
 * an outbox row (email, sms, webhook) keyed by the visit, or a call task; a webhook that
 * cannot be rendered is an `ActionFailure`.
 */
export function actionEffect(
  routes: NodeRoutes,
  claimed: Claimed,
  lead: LeadRecord,
  mode: CampaignMode,
): Effect | ActionFailure | null {
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
    case 'webhook':
      return webhookEffect(routes.config, lead, { ...base, idempotencyKey }, mode);
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

/**
 * The contact policies for the eligible arrivals of a batch (quiet hours, pressure, budget),
 * decided in `@rumbo/flow/policy` over one read each of policies, contacts and spend.
 */
export async function sendPolicies(
  ctx: { db: Executor; document: FlowDocument; routes: NodeRoutes; nowMs: number },
  arrivals: readonly Claimed[],
  leads: ReadonlyMap<string, LeadRecord>,
  cost: number,
): Promise<Map<string, SendPolicyVerdict>> {
  const channel = ctx.routes.module?.channel;
  if (!channel) return new Map();
  const candidates: PolicyCandidate[] = [];
  for (const c of arrivals) {
    const lead = leads.get(c.leadId);
    if (!lead) continue;
    const facts = { suppressed: lead.suppressed[channel], control: c.isControl };
    if (sendEligibility(channel, lead.snapshot, facts) !== 'eligible') continue;
    candidates.push({
      enrollmentId: c.id,
      leadId: lead.id,
      workspaceId: lead.workspaceId,
      timeZone: lead.snapshot.timeZone,
    });
  }
  return sendPolicyVerdicts(
    ctx.db,
    { document: ctx.document, channel, cost, nowMs: ctx.nowMs },
    candidates,
  );
}

/** A step's reason with the policy that skipped its send, for the journey timeline. */
export function withPolicy(reason: JsonValue, policy: SendPolicyVerdict | undefined): JsonValue {
  if (
    policy?.kind !== 'skip' ||
    reason === null ||
    typeof reason !== 'object' ||
    Array.isArray(reason)
  ) {
    return reason;
  }
  return { ...reason, policy: policy.reason };
}

/**
 * A send a policy put off: the step is logged (`deferred`, with the policy and until when) and
 * the lead stays at the node, due again at `untilMs`, when it arrives afresh and the node acts.
 */
export function deferDecision(
  base: Pick<Decision, 'id' | 'attempt' | 'arrive'>,
  verdict: { untilMs: number; reason: PolicyReason },
  eligibility: string,
): Decision {
  const due = { kind: 'at', epochMs: verdict.untilMs } as const;
  const reason = { eligibility, policy: verdict.reason };
  return { ...waitDecision(base, due, null, { outcome: 'deferred', reason }), defer: true };
}

/** A webhook that cannot be rendered fails the journey with the node, field and error. */
export function invalidActionDecision(
  base: Pick<Decision, 'id' | 'attempt' | 'arrive'>,
  nodeId: string,
  failure: ActionFailure,
): Decision {
  const error = `invalid_action: ${nodeId}.${failure.field}: ${failure.message}`;
  const reason = { invalid: { node: nodeId, field: failure.field, message: failure.message } };
  return endDecision(base, 'failed', { error, reason });
}
