import { z } from 'zod';
import type { Channel } from '../catalogue/node-module.ts';
import { Duration } from '../segment/rule.schema.ts';
import { allocateBudget } from './budget.ts';
import type { ContactPolicies } from './policy.schema.ts';
import { type Contact, pressureVerdict } from './pressure.ts';
import { quietHoursUntil } from './quiet-hours.ts';

/**
 * Why a policy held back a send, stored on the step (`reason.policy`) so the monitor's journey
 * timeline can say it ("why is this lead here?"). Instants are ISO strings.
 */
export const PolicyReason = z.discriminatedUnion('code', [
  z.object({ code: z.literal('quiet_hours'), until: z.string(), timeZone: z.string() }),
  z.object({
    code: z.literal('pressure_cap'),
    max: z.number(),
    count: z.number(),
    period: Duration,
    until: z.string().nullable(),
  }),
  z.object({ code: z.literal('budget_exhausted'), budgetCap: z.number() }),
]);
export type PolicyReason = z.infer<typeof PolicyReason>;
export type PolicyReasonCode = PolicyReason['code'];
export const POLICY_REASON_CODES: readonly PolicyReasonCode[] = [
  'quiet_hours',
  'pressure_cap',
  'budget_exhausted',
];

/** `defer`: the step waits at its node and acts at `untilMs`; `skip`: it goes on without acting. */
export type SendPolicyVerdict =
  | { kind: 'send' }
  | { kind: 'defer'; untilMs: number; reason: PolicyReason }
  | { kind: 'skip'; reason: PolicyReason };

export interface SendCandidate {
  timeZone: string;
  /** The lead's earlier contacts on any channel and campaign, within the longest cap period. */
  contacts: readonly Contact[];
}

export interface SendPolicyInput {
  channel: Channel;
  /** PostgreSQL's now, epoch ms. */
  nowMs: number;
  policies: ContactPolicies;
  budget: { budgetCap: number | null; fixedCost: number; spent: number; cost: number };
  /** Eligible leads about to act at one node, in the order the budget is spent. */
  candidates: readonly SendCandidate[];
}

const iso = (ms: number) => new Date(ms).toISOString();

function contactPolicy(input: SendPolicyInput, lead: SendCandidate): SendPolicyVerdict {
  const { channel, nowMs, policies } = input;
  if (channel !== 'webhook') {
    const until = quietHoursUntil(policies.quietHours, channel, lead.timeZone, nowMs);
    if (until !== null) {
      const reason = { code: 'quiet_hours', until: iso(until), timeZone: lead.timeZone } as const;
      return { kind: 'defer', untilMs: until, reason };
    }
  }
  const pressure = pressureVerdict(policies.pressure, channel, lead.contacts, nowMs);
  switch (pressure.kind) {
    case 'ok':
      return { kind: 'send' };
    case 'defer': {
      const { max, period } = pressure.cap;
      const until = iso(pressure.untilMs);
      const reason = { code: 'pressure_cap', max, count: pressure.count, period, until } as const;
      return { kind: 'defer', untilMs: pressure.untilMs, reason };
    }
    case 'skip': {
      const { max, period } = pressure.cap;
      const reason = {
        code: 'pressure_cap',
        max,
        count: pressure.count,
        period,
        until: null,
      } as const;
      return { kind: 'skip', reason };
    }
  }
}

/**
 * The contact policies for a batch of sends at one node, in order: quiet hours in each lead's
 * time zone (defer to the window's end), contact pressure across campaigns (defer or skip), then
 * the campaign budget cap (skip), spent only by the sends that will go out.
 */
export function decideSendPolicies(input: SendPolicyInput): SendPolicyVerdict[] {
  const verdicts = input.candidates.map((lead) => contactPolicy(input, lead));
  const sending = verdicts.filter((v) => v.kind === 'send').length;
  const fits = allocateBudget({ ...input.budget, candidates: sending });
  let next = 0;
  return verdicts.map((verdict) => {
    if (verdict.kind !== 'send') return verdict;
    if (fits[next++]) return verdict;
    const budgetCap = input.budget.budgetCap ?? 0;
    return { kind: 'skip', reason: { code: 'budget_exhausted', budgetCap } };
  });
}
