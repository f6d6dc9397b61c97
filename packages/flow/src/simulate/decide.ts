import type { LeadSnapshot } from '../lead/lead.schema.ts';
import { assertNever } from '../util/assert-never.ts';
import { sampleDelay } from './distribution.ts';
import { ACTION, type Plan, type PlanNode } from './plan.ts';
import { drawUniform, type LeadStream } from './rng.ts';
import { addResolved } from './sim-time.ts';

/**
 * The transition logic of DESIGN §4, written once and used by `simulate` (for every lead)
 * and by the one-lead stepper: what a node does when a lead arrives (act, skip for missing
 * consent or spent budget, change the lead) and which single transition the lead will take,
 * and when. The decision is written into a reused `Visit` so the hot loop allocates nothing.
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
} as const;

/** The lead under consideration: where its random stream and global signal times live. */
export interface LeadCursor {
  key: string;
  lead: LeadSnapshot;
  stream: LeadStream;
  enrolledAt: number;
  /** Arrival time of each global signal (`Infinity` = never), at `globalsBase + index`. */
  globals: Float64Array;
  globalsBase: number;
}

export interface Visit {
  acted: boolean;
  skip: number;
  /** Millionths of the currency. */
  costMicro: number;
  /** `applyUpdate` replaced `cursor.lead`. */
  updated: boolean;
  outcome: number;
  at: number;
  transition: number;
  reason: number;
}

export function newVisit(): Visit {
  return {
    acted: false,
    skip: SKIP_NONE,
    costMicro: 0,
    updated: false,
    outcome: OUTCOME_WAIT,
    at: 0,
    transition: -1,
    reason: 0,
  };
}

/** Draws the lead's global signals once, at enrollment, in the plan's (name) order. */
export function enrol(plan: Plan, cursor: LeadCursor): void {
  const { globals, globalsBase, stream, enrolledAt } = cursor;
  for (let g = 0; g < plan.globals.length; g++) {
    const spec = plan.globals[g];
    if (!spec || drawUniform(stream) >= spec.probability) {
      globals[globalsBase + g] = Number.POSITIVE_INFINITY;
      continue;
    }
    const u2 = drawUniform(stream);
    globals[globalsBase + g] = Math.round(
      enrolledAt + sampleDelay(spec.delayKind, spec.delayA, spec.delayB, u2),
    );
  }
}

function hasConsent(channel: number, lead: LeadSnapshot): boolean {
  switch (channel) {
    case 0:
      return lead.consent.email && lead.email !== null && lead.email !== '';
    case 1:
      return lead.consent.sms && lead.phone !== null && lead.phone !== '';
    case 2:
      return lead.consent.call && lead.phone !== null && lead.phone !== '';
    default:
      return true;
  }
}

/** Acting nodes pay their cost; without consent or budget the action is skipped (and free). */
function act(node: PlanNode, cursor: LeadCursor, budgetLeft: number, visit: Visit): void {
  if (!hasConsent(node.channel, cursor.lead)) {
    visit.skip = SKIP_CONSENT;
    return;
  }
  if (node.costMicro > 0 && node.costMicro > budgetLeft) {
    visit.skip = SKIP_BUDGET;
    return;
  }
  visit.acted = true;
  visit.costMicro = node.costMicro;
}

function move(visit: Visit, at: number, transition: number, reason: number): void {
  visit.outcome = OUTCOME_MOVE;
  visit.at = at;
  visit.transition = transition;
  visit.reason = reason;
}

/** auto / delay: entry and update nodes. */
function chooseTimed(node: PlanNode, t: number, visit: Visit): void {
  if (node.auto >= 0) move(visit, t, node.auto, REASON.auto);
  else if (node.delay >= 0)
    move(visit, addResolved(t, node.delayDuration), node.delay, REASON.delay);
  else visit.outcome = OUTCOME_STUCK;
}

/**
 * Signals and timeout (message, call and webhook nodes): the earliest signal to arrive wins,
 * the timeout only if none arrived by then (a signal at the very instant of the timeout wins).
 * Draws happen whether or not the node acted, so a skipped send never shifts later draws.
 */
function chooseWaiting(node: PlanNode, cursor: LeadCursor, t: number, visit: Visit) {
  const { stream, globals, globalsBase } = cursor;
  const signals = node.visitSignals;
  let bestAt = Number.POSITIVE_INFINITY;
  let best = -1;
  if (node.exclusive) {
    const u1 = drawUniform(stream);
    const u2 = drawUniform(stream);
    let cumulative = 0;
    for (let k = 0; k < signals.length; k++) {
      const sig = signals[k];
      if (!sig) continue;
      cumulative += sig.probability;
      if (u1 < cumulative) {
        if (visit.acted) {
          bestAt = Math.round(t + sampleDelay(sig.delayKind, sig.delayA, sig.delayB, u2));
          best = sig.transition;
        }
        break;
      }
    }
  } else {
    for (let k = 0; k < signals.length; k++) {
      const sig = signals[k];
      if (!sig) continue;
      // The delay is drawn only for a signal that arrives: half the draws, same for every run.
      if (drawUniform(stream) >= sig.probability) continue;
      const u2 = drawUniform(stream);
      if (!visit.acted) continue;
      const at = Math.round(t + sampleDelay(sig.delayKind, sig.delayA, sig.delayB, u2));
      if (at < bestAt) {
        bestAt = at;
        best = sig.transition;
      }
    }
  }
  const globalSignals = node.globalSignals;
  for (let k = 0; k < globalSignals.length; k++) {
    const sig = globalSignals[k];
    if (!sig) continue;
    const arrival = globals[globalsBase + sig.global] ?? Number.POSITIVE_INFINITY;
    let at = arrival;
    // An earlier arrival counts if the transition's look-back reaches it (never before enrollment).
    if (arrival < t)
      at = arrival >= t - sig.lookbackMs && arrival >= cursor.enrolledAt ? t : Infinity;
    if (at < bestAt) {
      bestAt = at;
      best = sig.transition;
    }
  }
  if (node.timeout >= 0) {
    const timeoutAt = addResolved(t, node.timeoutDuration);
    if (bestAt > timeoutAt) {
      move(visit, timeoutAt, node.timeout, REASON.timeout);
      return;
    }
  }
  if (best >= 0) move(visit, bestAt, best, REASON.signal);
  else visit.outcome = OUTCOME_WAIT;
}

/** Conditions in `order`, then `else`; a hold branch waits for its timeout instead. */
function chooseBranch(node: PlanNode, cursor: LeadCursor, t: number, visit: Visit) {
  const conditions = node.conditions;
  for (let k = 0; k < conditions.length; k++) {
    const condition = conditions[k];
    if (condition?.test(cursor.lead, t)) {
      move(visit, t, condition.transition, REASON.condition);
      return;
    }
  }
  if (node.hold) {
    if (node.timeout >= 0)
      move(visit, addResolved(t, node.timeoutDuration), node.timeout, REASON.timeout);
    else visit.outcome = OUTCOME_WAIT;
    return;
  }
  if (node.elseTransition >= 0) move(visit, t, node.elseTransition, REASON.else);
  else visit.outcome = OUTCOME_STUCK;
}

function chooseSplit(node: PlanNode, cursor: LeadCursor, t: number, visit: Visit) {
  const index = node.splitter ? node.splitter(cursor.key) : -1;
  const split = node.splits[index];
  if (split) move(visit, t, split.transition, REASON.split);
  else visit.outcome = OUTCOME_STUCK;
}

/** Wait nodes: until the module's `waitUntil`; a date it cannot compute lets the lead go on at once. */
function chooseHold(node: PlanNode, cursor: LeadCursor, t: number, visit: Visit) {
  if (node.auto < 0) {
    visit.outcome = OUTCOME_STUCK;
    return;
  }
  const until = node.zoneDays
    ? node.zoneDays.addDays(t, node.waitDays, cursor.lead.timeZone)
    : (node.module?.waitUntil?.(node.config, cursor.lead, t) ?? null);
  if (until === null || !Number.isFinite(until)) move(visit, t, node.auto, REASON.waitUnresolved);
  else move(visit, Math.max(t, Math.round(until)), node.auto, REASON.waited);
}

/**
 * A lead arrives at `node` at `t`: the node acts and the single next move is decided.
 * `budgetLeft` is what the campaign may still spend, in millionths (Infinity without a cap).
 */
export function visitNode(
  node: PlanNode,
  cursor: LeadCursor,
  t: number,
  budgetLeft: number,
  visit: Visit,
): void {
  visit.acted = false;
  visit.skip = SKIP_NONE;
  visit.costMicro = 0;
  visit.updated = false;
  visit.transition = -1;
  visit.at = t;
  const action = node.action;
  switch (action) {
    case ACTION.enter:
      chooseTimed(node, t, visit);
      return;
    case ACTION.send:
    case ACTION.task:
    case ACTION.http:
      act(node, cursor, budgetLeft, visit);
      chooseWaiting(node, cursor, t, visit);
      return;
    case ACTION.update:
      if (node.costMicro > 0 && node.costMicro > budgetLeft) visit.skip = SKIP_BUDGET;
      else if (node.leadUpdate) {
        cursor.lead = node.leadUpdate(cursor.lead);
        visit.acted = true;
        visit.updated = true;
        visit.costMicro = node.costMicro;
      } else if (node.module?.applyUpdate) {
        cursor.lead = node.module.applyUpdate(node.config, cursor.lead);
        visit.acted = true;
        visit.updated = true;
        visit.costMicro = node.costMicro;
      }
      chooseTimed(node, t, visit);
      return;
    case ACTION.hold:
      chooseHold(node, cursor, t, visit);
      return;
    case ACTION.branch:
      chooseBranch(node, cursor, t, visit);
      return;
    case ACTION.split:
      chooseSplit(node, cursor, t, visit);
      return;
    case ACTION.goal:
    case ACTION.exit:
      visit.outcome = OUTCOME_END;
      return;
    case ACTION.none:
      visit.outcome = OUTCOME_STUCK;
      return;
    default:
      assertNever(action, 'node action');
  }
}
