import type { NodeId, TransitionId } from '../ids.ts';
import type { LeadSnapshot } from '../lead/lead.schema.ts';
import { REASON, SKIP_BUDGET, SKIP_CONSENT, SKIP_POLICY } from './decide.ts';
import type { Plan } from './plan.ts';

/**
 * "Why is this lead here?": one lead's steps with the reason for every move, as the stepper
 * and the traced leads of `simulate` report them. Same shape as the runner's steps: entered,
 * acted (with cost), left through which transition and why.
 */

export type MoveReason =
  | { kind: 'auto' }
  | { kind: 'delay' }
  /** `injected`: put in by hand in the stepper ("what if she clicks?"). */
  | { kind: 'signal'; signal: string; injected: boolean }
  | { kind: 'timeout' }
  | { kind: 'condition'; order: number }
  | { kind: 'else' }
  | { kind: 'split'; weight: number }
  /** A wait node's time came. */
  | { kind: 'waited' }
  /** A wait node could not compute its date (missing birthday): the lead went on at once. */
  | { kind: 'waitUnresolved' }
  /** A contact policy held the send at its node until `at` (the node acts then). */
  | { kind: 'policyDeferred'; code: 'quiet_hours' | 'pressure_cap' };

/** `policy`: over the contact pressure cap, with `onLimit: 'skip'`. */
export type SkipReason = 'consent' | 'budget' | 'policy';

export interface Conversion {
  at: number;
  value: number;
  /** Reached a goal node, or the campaign's conversion-goal signal arrived. */
  via: 'goal' | 'signal';
}

export interface SimStep {
  nodeId: NodeId;
  enteredAt: number;
  /** The node's action ran (message sent, task created, lead updated). */
  acted: boolean;
  /** Why an acting node did not act. */
  skipped: SkipReason | null;
  cost: number;
  leftAt: number | null;
  transitionId: TransitionId | null;
  reason: MoveReason | null;
  conversion: Conversion | null;
}

/** waiting: still in the flow at the horizon; ended: goal or exit; stuck: no transition applied. */
export type JourneyStatus = 'waiting' | 'ended' | 'stuck' | 'stepBudget' | 'control';

export interface LeadJourney {
  leadKey: string;
  control: boolean;
  status: JourneyStatus;
  steps: SimStep[];
  /** Control leads never enter the flow; their conversion (if any) is recorded here. */
  conversion: Conversion | null;
}

export function skipReason(skip: number): SkipReason | null {
  if (skip === SKIP_CONSENT) return 'consent';
  if (skip === SKIP_BUDGET) return 'budget';
  if (skip === SKIP_POLICY) return 'policy';
  return null;
}

/** The reason object for a move the transition logic encoded as numbers. */
export function moveReason(plan: Plan, transition: number, reason: number): MoveReason {
  const t = plan.transitions[transition];
  const source = t ? plan.nodes[t.source] : undefined;
  switch (reason) {
    case REASON.auto:
      return { kind: 'auto' };
    case REASON.delay:
      return { kind: 'delay' };
    case REASON.timeout:
      return { kind: 'timeout' };
    case REASON.else:
      return { kind: 'else' };
    case REASON.waited:
      return { kind: 'waited' };
    case REASON.waitUnresolved:
      return { kind: 'waitUnresolved' };
    case REASON.condition: {
      const order = source?.conditions.find((c) => c.transition === transition)?.order ?? 0;
      return { kind: 'condition', order };
    }
    case REASON.split: {
      const weight = source?.splits.find((s) => s.transition === transition)?.weight ?? 0;
      return { kind: 'split', weight };
    }
    default: {
      const signal = source?.signals.find((s) => s.transition === transition)?.signal ?? '';
      return { kind: 'signal', signal, injected: reason === REASON.injected };
    }
  }
}

export function newStep(nodeId: NodeId, enteredAt: number): SimStep {
  return {
    nodeId,
    enteredAt,
    acted: false,
    skipped: null,
    cost: 0,
    leftAt: null,
    transitionId: null,
    reason: null,
    conversion: null,
  };
}

/** Stands in for a missing lead so the hot loop needs no undefined checks. */
export const EMPTY_LEAD: LeadSnapshot = {
  key: '',
  name: '',
  email: null,
  phone: null,
  locale: 'es',
  timeZone: 'UTC',
  stage: 'prospect',
  consent: { email: false, sms: false, call: false },
  attributes: {},
  tags: [],
  lists: [],
  createdAt: '1970-01-01T00:00:00Z',
  updatedAt: '1970-01-01T00:00:00Z',
  events: [],
};
