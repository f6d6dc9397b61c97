import { findNodeModule } from '../catalogue/registry.ts';
import type { FlowDocument, FlowNode, StalePolicy } from '../document/flow.schema.ts';
import { formatDuration, unitMs } from '../labels/duration.ts';
import type { Locale } from '../validate/issue.ts';

/** Set on neither the node nor the campaign: a step over a day late is still sent, and logged as late. */
export const DEFAULT_STALE_POLICY: StalePolicy = {
  action: 'send',
  after: { amount: 1, unit: 'days' },
};

/** Whether a node of this type sends (email, SMS, call task, webhook), so a stale policy applies to it. */
export function hasStalePolicy(type: string): boolean {
  return (findNodeModule(type)?.channel ?? null) !== null;
}

/**
 * The stale policy a node's steps follow: its own, else the campaign's, else the default
 * (DESIGN §5: "a step due long ago follows the node's stale policy"). Nodes that send nothing
 * have none.
 */
export function stalePolicyFor(document: FlowDocument, node: FlowNode): StalePolicy | null {
  if (!hasStalePolicy(node.type)) return null;
  return node.stalePolicy ?? document.settings.stalePolicy ?? DEFAULT_STALE_POLICY;
}

/** Why a late step was sent or skipped; written to the step's reason. */
export interface Staleness {
  action: StalePolicy['action'];
  overdueMs: number;
  toleranceMs: number;
}

/**
 * The stale-step verdict for a step at `node` that fell due at `dueAt` and runs at `nowMs`
 * (both from PostgreSQL's clock): null while it is within the tolerance, or when the node
 * sends nothing.
 */
export function staleness(
  document: FlowDocument,
  node: FlowNode,
  dueAt: number,
  nowMs: number,
): Staleness | null {
  const policy = stalePolicyFor(document, node);
  if (policy === null) return null;
  // A month of tolerance is a coarse bound, not a calendar date: 30 days is close enough.
  const toleranceMs = policy.after.amount * unitMs(policy.after.unit);
  const overdueMs = Math.max(0, nowMs - dueAt);
  if (overdueMs <= toleranceMs) return null;
  return { action: policy.action, overdueMs: Math.round(overdueMs), toleranceMs };
}

/** The policy in words, for the designer: "send it anyway after 1 day" / "enviarlo igualmente pasado 1 día". */
export function stalePolicyText(policy: StalePolicy, locale: Locale): string {
  const after = formatDuration(policy.after.amount, policy.after.unit, locale);
  const words = {
    send: { es: `enviarlo igualmente pasado ${after}`, en: `send it anyway after ${after}` },
    skip: { es: `no enviarlo pasado ${after}`, en: `skip it after ${after}` },
  } as const;
  return words[policy.action][locale];
}
