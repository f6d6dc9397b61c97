import type { LeadSnapshot } from '../lead/lead.schema.ts';

/**
 * The vocabulary of a simulated visit, shared by `decide.ts` (what happens at a node),
 * `signal-draws.ts` (which signal comes first) and the run: outcome and reason codes, the lead
 * under consideration, and the reused `Visit` that carries a visit's times and decision.
 */

/** The lead moves by `transition` at `at` (now or later). */
export const OUTCOME_MOVE = 0;
/** Nothing can move the lead (no timeout, no signal arrives): it waits until the horizon. */
export const OUTCOME_WAIT = 1;
/** Goal or exit: the journey ends here. */
export const OUTCOME_END = 2;
/** No transition applies (dead end, branch without else, split without weight): the lead stops here. */
export const OUTCOME_STUCK = 3;

export const SKIP_NONE = 0;
export const SKIP_CONSENT = 1;
export const SKIP_BUDGET = 2;
/** A contact policy (pressure cap, `onLimit: 'skip'`) held the send back. */
export const SKIP_POLICY = 3;

/** Why a lead moves; numbers in the hot loop, `MoveReason` objects in traces. */
export const REASON = {
  auto: 0,
  delay: 1,
  signal: 2,
  timeout: 3,
  condition: 4,
  else: 5,
  split: 6,
  waited: 7,
  waitUnresolved: 8,
  injected: 9,
  /** Only in the stepper's pending move of a send a contact policy held. */
  quietHours: 10,
  pressureCap: 11,
} as const;

/** The lead under consideration: its random stream and where its global signal times live. */
export interface LeadCursor {
  key: string;
  lead: LeadSnapshot;
  /** `consentMask(lead)`. */
  consent: number;
  /** The lead's own stream (mulberry32 state): a `LeadStream`. */
  state: number;
  enrolledAt: number;
  /** Arrival time of each global signal (`Infinity` = never), at `globalsBase + index`. */
  globals: Float64Array;
  globalsBase: number;
}

/**
 * One visit's input and decision. Times travel in these fields, not as arguments: a time is a
 * double, and V8 boxes a double passed to or returned from a call it does not inline — a heap
 * allocation per step, the simulator's largest cost before this.
 */
export interface Visit {
  /** Input: when the lead arrives. */
  now: number;
  /** Input: what the campaign may still spend, in millionths (Infinity without a cap). */
  budgetLeft: number;
  acted: boolean;
  skip: number;
  /** Millionths of the currency. */
  costMicro: number;
  /** `applyUpdate` replaced `cursor.lead`. */
  updated: boolean;
  /** Input, set only under contact policies: skip the next send (`act` clears it). */
  blocked: boolean;
  outcome: number;
  at: number;
  transition: number;
  reason: number;
}

export function newVisit(): Visit {
  return {
    now: 0,
    budgetLeft: Number.POSITIVE_INFINITY,
    acted: false,
    skip: SKIP_NONE,
    costMicro: 0,
    updated: false,
    blocked: false,
    outcome: OUTCOME_WAIT,
    at: 0,
    transition: -1,
    reason: 0,
  };
}

export function move(visit: Visit, at: number, transition: number, reason: number): void {
  visit.outcome = OUTCOME_MOVE;
  visit.at = at;
  visit.transition = transition;
  visit.reason = reason;
}
