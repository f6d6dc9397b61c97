import type { Channel } from '../catalogue/node-module.ts';
import type { ContactPolicies } from '../policy/policy.schema.ts';
import type { Contact } from '../policy/pressure.ts';
import { decideSendPolicies, type PolicyReason } from '../policy/send-policy.ts';
import { ACTION, CHANNELS, type Plan } from './plan.ts';
import { CHANNEL_BIT } from './signal-draws.ts';

/**
 * The workspace's contact policies (DESIGN §5) applied in a simulation, as the runner applies
 * them (`runner/src/effects/send-policies.ts`): every decision comes from `decideSendPolicies`
 * in `@rumbo/flow/policy`, one lead at a time. The contacts the pressure cap counts are this
 * simulation's own sends to the lead (a simulation knows no other campaign's).
 */

export const GATE_SEND = 0;
export const GATE_SKIP = 1;
export const GATE_DEFER = 2;

/** What the policies did in a run: present in the result only when policies were given. */
export interface PolicyCounts {
  /** Sends moved to the end of a quiet-hours window. */
  deferredQuietHours: number;
  /** Sends that waited for the pressure cap to leave room. */
  deferredPressure: number;
  /** Sends skipped over the pressure cap (`onLimit: 'skip'`). */
  skippedPressure: number;
}

/** The budget is the simulator's own (`decide.ts`): the policy check leaves it out. */
const NO_BUDGET = { budgetCap: null, fixedCost: 0, spent: 0, cost: 0 };

export class PolicyGate {
  readonly policies: ContactPolicies;
  /** 1 where a node sends to a person (email, sms, call): the nodes the policies govern. */
  readonly governs: Uint8Array;
  readonly counts: PolicyCounts = {
    deferredQuietHours: 0,
    deferredPressure: 0,
    skippedPressure: 0,
  };
  /** After a `GATE_DEFER`: when the send may go out, and why it waited. */
  until = 0;
  reason: PolicyReason | null = null;
  private readonly channelOf: (Channel | null)[];
  private readonly contacts = new Map<number, Contact[]>();

  constructor(plan: Plan, policies: ContactPolicies) {
    this.policies = policies;
    this.channelOf = plan.nodes.map((node, n) => {
      const action = plan.action[n];
      if (action !== ACTION.send && action !== ACTION.task) return null;
      const channel = CHANNELS[node.channel];
      return channel === undefined || channel === 'webhook' ? null : channel;
    });
    this.governs = Uint8Array.from(this.channelOf, (c) => (c === null ? 0 : 1));
  }

  /**
   * Lead `i` is about to act at `node` at `nowMs`. A lead without consent on the channel is
   * not a contact (the node skips it for consent), so the policies leave it alone.
   */
  decide(i: number, node: number, nowMs: number, timeZone: string, consent: number): number {
    const channel = this.channelOf[node] ?? null;
    if (channel === null) return GATE_SEND;
    const bit = CHANNEL_BIT[CHANNELS.indexOf(channel)] ?? 0;
    if ((consent & bit) === 0) return GATE_SEND;
    const [verdict] = decideSendPolicies({
      channel,
      nowMs,
      policies: this.policies,
      budget: NO_BUDGET,
      candidates: [{ timeZone, contacts: this.contacts.get(i) ?? [] }],
    });
    if (verdict === undefined || verdict.kind === 'send') return GATE_SEND;
    this.reason = verdict.reason;
    if (verdict.kind === 'skip') {
      this.counts.skippedPressure++;
      return GATE_SKIP;
    }
    if (verdict.reason.code === 'quiet_hours') this.counts.deferredQuietHours++;
    else this.counts.deferredPressure++;
    this.until = verdict.untilMs;
    return GATE_DEFER;
  }

  /** Lead `i` was contacted at `node` at `atMs`: the pressure cap counts it from now on. */
  contacted(i: number, node: number, atMs: number): void {
    const channel = this.channelOf[node] ?? null;
    if (channel === null) return;
    const list = this.contacts.get(i);
    if (list) list.push({ atMs, channel });
    else this.contacts.set(i, [{ atMs, channel }]);
  }

  /** Lead `i`'s journey is over: its contacts are no longer needed. */
  forget(i: number): void {
    this.contacts.delete(i);
  }
}
