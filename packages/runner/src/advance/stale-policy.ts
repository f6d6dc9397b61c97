import type { FlowDocument, StalePolicy } from '@rumbo/flow';

/** Absent from the campaign settings: a step over a day late is still sent, and logged as late. */
export const DEFAULT_STALE_POLICY: StalePolicy = {
  action: 'send',
  after: { amount: 1, unit: 'days' },
};

const UNIT_MS = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
  // A month of tolerance is a coarse bound, not a calendar date: 30 days is close enough.
  months: 2_592_000_000,
} as const;

/** Why a late step was sent or skipped; written to the step's reason. */
export interface Staleness {
  action: StalePolicy['action'];
  overdueMs: number;
  toleranceMs: number;
}

/**
 * The stale-step verdict for a step that fell due at `dueAt` and runs at `nowMs` (both from
 * PostgreSQL's clock): null while it is within the campaign's tolerance (DESIGN §5: a step
 * due long ago follows the stale policy — send late, or skip — instead of flooding).
 */
export function staleness(document: FlowDocument, dueAt: number, nowMs: number): Staleness | null {
  const policy = document.settings.stalePolicy ?? DEFAULT_STALE_POLICY;
  const toleranceMs = policy.after.amount * UNIT_MS[policy.after.unit];
  const overdueMs = Math.max(0, nowMs - dueAt);
  if (overdueMs <= toleranceMs) return null;
  return { action: policy.action, overdueMs: Math.round(overdueMs), toleranceMs };
}
