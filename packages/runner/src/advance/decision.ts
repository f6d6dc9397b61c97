import type { JsonValue } from '@rumbo/flow';

/** When a lead that stays at a node falls due: after a span from PostgreSQL's now(), or at an instant. */
export type DueTime =
  | { kind: 'after'; ms: number; months: number }
  | { kind: 'at'; epochMs: number }
  | { kind: 'never' };

export type EndStatus = 'converted' | 'exited' | 'failed';

/**
 * What happens to one claimed enrollment at its node, decided from packages/flow and written
 * by one set-based statement (`applyDecisions`):
 * - `arrive`: the lead reached the node now (a step is inserted) or it leaves a wait (the open
 *   step is closed);
 * - exactly one of `transition` (moves now), `wait` (stays, due later or on a signal), `end`.
 */
export interface Decision {
  id: string;
  /** The attempt the claim produced: the write commits only if the enrollment still has it. */
  attempt: number;
  arrive: boolean;
  transition: { id: string; target: string } | null;
  wait: { due: DueTime; waitingFor: JsonValue } | null;
  end: EndStatus | null;
  acted: boolean;
  cost: number;
  value: number | null;
  outcome: string | null;
  reason: JsonValue;
  error: string | null;
  /**
   * A policy put the action off (quiet hours, contact pressure): the arrival's step is logged and
   * closed, the enrollment stays `active` at the node, due at `wait.due`, and acts when it arrives again.
   */
  defer?: boolean;
}

export function moveDecision(
  base: Pick<Decision, 'id' | 'attempt' | 'arrive'>,
  transition: { id: string; target: string },
  reason: JsonValue,
  extra: Partial<Pick<Decision, 'acted' | 'cost' | 'outcome'>> = {},
): Decision {
  return {
    ...base,
    transition,
    wait: null,
    end: null,
    acted: extra.acted ?? false,
    cost: extra.cost ?? 0,
    value: null,
    outcome: extra.outcome ?? null,
    reason,
    error: null,
  };
}

export function waitDecision(
  base: Pick<Decision, 'id' | 'attempt' | 'arrive'>,
  due: DueTime,
  waitingFor: JsonValue,
  extra: Partial<Pick<Decision, 'acted' | 'cost' | 'outcome' | 'reason'>> = {},
): Decision {
  return {
    ...base,
    transition: null,
    wait: { due, waitingFor },
    end: null,
    acted: extra.acted ?? false,
    cost: extra.cost ?? 0,
    value: null,
    outcome: extra.outcome ?? null,
    reason: extra.reason ?? null,
    error: null,
  };
}

export function endDecision(
  base: Pick<Decision, 'id' | 'attempt' | 'arrive'>,
  end: EndStatus,
  extra: Partial<Pick<Decision, 'value' | 'outcome' | 'reason' | 'error'>> = {},
): Decision {
  return {
    ...base,
    transition: null,
    wait: null,
    end,
    acted: end === 'converted',
    cost: 0,
    value: extra.value ?? null,
    outcome: extra.outcome ?? end,
    reason: extra.reason ?? null,
    error: extra.error ?? null,
  };
}
