import type { LeadSnapshot } from '../lead/lead.schema.ts';
import {
  FALLBACK_ELSE,
  FALLBACK_HOLD,
  NO_ROUTE,
  type RouteTable,
  TIMED_AUTO,
} from '../runtime/route-table.ts';
import { assertNever } from '../util/assert-never.ts';
import { sampleDelay } from './distribution.ts';
import { ACTION, type Plan } from './plan.ts';
import { drawUniform, STREAM_STEP, streamUniform } from './rng.ts';
import { addElapsed } from './sim-time.ts';

/**
 * What a simulated lead does at a node, used by `simulate` (for every lead) and by the
 * one-lead stepper: the node acts (or skips for missing consent or spent budget, or changes
 * the lead), the signals it causes are drawn, and the single next move is decided by the
 * runtime's routing rules (`plan.routes`: timed route, timeout, branch order and fallback,
 * split by hash). Tables are typed arrays indexed by node; the decision is written into a
 * reused `Visit`, so the hot loop allocates nothing.
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
    outcome: OUTCOME_WAIT,
    at: 0,
    transition: -1,
    reason: 0,
  };
}

/** Draws the lead's global signals once, at enrollment, in the plan's (name) order. */
export function enrol(plan: Plan, cursor: LeadCursor): void {
  const { globals, globalsBase, enrolledAt } = cursor;
  for (let g = 0; g < plan.globals.length; g++) {
    const spec = plan.globals[g];
    if (!spec || drawUniform(cursor) >= spec.probability) {
      globals[globalsBase + g] = Number.POSITIVE_INFINITY;
      continue;
    }
    const u2 = drawUniform(cursor);
    globals[globalsBase + g] = Math.round(
      enrolledAt + sampleDelay(spec.delayKind, spec.delayA, spec.delayB, u2),
    );
  }
}

/**
 * The channels a lead may be contacted on (consent and an address), one bit per channel in
 * `CHANNELS` order; webhooks need neither. Updates never change consent or addresses, so it
 * is worked out once per lead — by `simulate` a few leads ahead, so that reading the lead
 * from memory overlaps the journey before it.
 */
export function consentMask(lead: LeadSnapshot): number {
  const { consent, email, phone } = lead;
  const hasPhone = phone !== null && phone !== '';
  return (
    (consent.email && email !== null && email !== '' ? 1 : 0) |
    (consent.sms && hasPhone ? 2 : 0) |
    (consent.call && hasPhone ? 4 : 0) |
    8
  );
}

/** Bit of each channel in `consentMask` (webhook: always set). */
const CHANNEL_BIT = [1, 2, 4, 8];

/** Acting nodes pay their cost; without consent or budget the action is skipped (and free). */
function act(plan: Plan, node: number, consent: number, visit: Visit) {
  const channel = plan.channel[node] ?? -1;
  if (channel >= 0 && (consent & (CHANNEL_BIT[channel] ?? 0)) === 0) {
    visit.skip = SKIP_CONSENT;
    return;
  }
  const cost = plan.costMicro[node] ?? 0;
  if (cost > 0 && cost > visit.budgetLeft) {
    visit.skip = SKIP_BUDGET;
    return;
  }
  visit.acted = true;
  visit.costMicro = cost;
}

function move(visit: Visit, at: number, transition: number, reason: number): void {
  visit.outcome = OUTCOME_MOVE;
  visit.at = at;
  visit.transition = transition;
  visit.reason = reason;
}

/** The node's timed route (entry, update): `auto` now, `delay` later, none → stuck. */
function chooseTimed(routes: RouteTable, node: number, visit: Visit): void {
  const t = visit.now;
  const timed = routes.timed[node] ?? NO_ROUTE;
  if (timed === NO_ROUTE) visit.outcome = OUTCOME_STUCK;
  else if (routes.timedReason[node] === TIMED_AUTO) move(visit, t, timed, REASON.auto);
  else {
    const at = addElapsed(t, routes.timedMs[node] ?? 0, routes.timedMonths[node] ?? 0);
    move(visit, at, timed, REASON.delay);
  }
}

/** The timeout's instant, or Infinity without one. */
function timeoutAt(routes: RouteTable, node: number, t: number): number {
  if ((routes.timeout[node] ?? NO_ROUTE) === NO_ROUTE) return Number.POSITIVE_INFINITY;
  return addElapsed(t, routes.timeoutMs[node] ?? 0, routes.timeoutMonths[node] ?? 0);
}

/**
 * Signals and timeout (message, call and webhook nodes): the earliest signal to arrive wins,
 * the timeout only if none arrived by then (a signal at the very instant of the timeout wins).
 * Draws happen whether or not the node acted, so a skipped send never shifts later draws.
 * The parts are separate functions, each small enough for V8 to inline its own helpers; the
 * earliest signal so far travels in `visit.at` / `visit.transition`.
 */
function chooseWaiting(plan: Plan, node: number, cursor: LeadCursor, visit: Visit) {
  const t = visit.now;
  visit.at = Number.POSITIVE_INFINITY;
  if (plan.exclusive[node] === 1) drawOutcome(plan, node, cursor, visit);
  else drawSignals(plan, node, cursor, visit);
  if ((plan.globalStart[node] ?? 0) < (plan.globalStart[node + 1] ?? 0)) {
    listenGlobals(plan, node, cursor, visit);
  }
  const routes = plan.routes;
  const bestAt = visit.at;
  const timeout = timeoutAt(routes, node, t);
  if (bestAt > timeout) move(visit, timeout, routes.timeout[node] ?? NO_ROUTE, REASON.timeout);
  else if (visit.transition >= 0) move(visit, bestAt, visit.transition, REASON.signal);
  else {
    visit.outcome = OUTCOME_WAIT;
    visit.at = t;
  }
}

/** Message signals are independent: one draw each, a delay drawn for each that arrives. */
function drawSignals(plan: Plan, node: number, cursor: LeadCursor, visit: Visit) {
  const t = visit.now;
  const acted = visit.acted;
  const to = plan.visitStart[node + 1] ?? 0;
  const probability = plan.visitProbability;
  let state = cursor.state;
  let bestAt = Number.POSITIVE_INFINITY;
  for (let k = plan.visitStart[node] ?? 0; k < to; k++) {
    state = (state + STREAM_STEP) | 0;
    if (streamUniform(state) >= (probability[k] ?? 0)) continue;
    // The delay is drawn only for a signal that arrives: the same draws in every run.
    state = (state + STREAM_STEP) | 0;
    if (!acted) continue;
    const at = Math.round(t + signalDelay(plan, k, streamUniform(state)));
    if (at < bestAt) {
      bestAt = at;
      visit.transition = plan.visitTransition[k] ?? -1;
    }
  }
  cursor.state = state;
  visit.at = bestAt;
}

/** Call and webhook outcomes exclude each other: one categorical draw and one delay draw. */
function drawOutcome(plan: Plan, node: number, cursor: LeadCursor, visit: Visit) {
  const to = plan.visitStart[node + 1] ?? 0;
  let state = (cursor.state + STREAM_STEP) | 0;
  const u1 = streamUniform(state);
  state = (state + STREAM_STEP) | 0;
  cursor.state = state;
  let cumulative = 0;
  for (let k = plan.visitStart[node] ?? 0; k < to; k++) {
    cumulative += plan.visitProbability[k] ?? 0;
    if (u1 < cumulative) {
      if (visit.acted) {
        visit.at = Math.round(visit.now + signalDelay(plan, k, streamUniform(state)));
        visit.transition = plan.visitTransition[k] ?? -1;
      }
      return;
    }
  }
}

/** Global signals drawn at enrollment: an earlier arrival counts if the look-back reaches it. */
function listenGlobals(plan: Plan, node: number, cursor: LeadCursor, visit: Visit) {
  const t = visit.now;
  let bestAt = visit.at;
  const to = plan.globalStart[node + 1] ?? 0;
  for (let k = plan.globalStart[node] ?? 0; k < to; k++) {
    const arrival =
      cursor.globals[cursor.globalsBase + (plan.globalSignal[k] ?? 0)] ?? Number.POSITIVE_INFINITY;
    let at = arrival;
    // Never before enrollment.
    if (arrival < t) {
      const reach = plan.globalReach[k] ?? 0;
      at = arrival >= t - reach && arrival >= cursor.enrolledAt ? t : Number.POSITIVE_INFINITY;
    }
    if (at < bestAt) {
      bestAt = at;
      visit.transition = plan.globalTransition[k] ?? -1;
    }
  }
  visit.at = bestAt;
}

function signalDelay(plan: Plan, k: number, u: number): number {
  const kind = plan.visitDelayKind[k] ?? 0;
  return sampleDelay(kind, plan.visitDelayA[k] ?? 0, plan.visitDelayB[k] ?? 0, u);
}

/** Conditions in the runtime's order; when none holds, the runtime's fallback. */
function chooseBranch(plan: Plan, node: number, lead: LeadSnapshot, visit: Visit) {
  const t = visit.now;
  const routes = plan.routes;
  const end = routes.conditionStart[node + 1] ?? 0;
  for (let k = routes.conditionStart[node] ?? 0; k < end; k++) {
    if (plan.conditionTests[k]?.(lead, t)) {
      move(visit, t, routes.conditionTransition[k] ?? NO_ROUTE, REASON.condition);
      return;
    }
  }
  const fallback = routes.fallback[node];
  if (fallback === FALLBACK_HOLD) {
    const timeout = timeoutAt(routes, node, t);
    if (timeout === Number.POSITIVE_INFINITY) visit.outcome = OUTCOME_WAIT;
    else move(visit, timeout, routes.timeout[node] ?? NO_ROUTE, REASON.timeout);
  } else if (fallback === FALLBACK_ELSE) {
    move(visit, t, routes.otherwise[node] ?? NO_ROUTE, REASON.else);
  } else visit.outcome = OUTCOME_STUCK;
}

function chooseSplit(routes: RouteTable, node: number, key: string, visit: Visit) {
  const index = routes.splitIndex[node]?.(key) ?? -1;
  if (index < 0) visit.outcome = OUTCOME_STUCK;
  else {
    const transition = routes.splitTransition[(routes.splitStart[node] ?? 0) + index] ?? NO_ROUTE;
    move(visit, visit.now, transition, REASON.split);
  }
}

/** Wait nodes: until the module's `waitUntil`; a date it cannot compute lets the lead go on at once. */
function chooseHold(plan: Plan, node: number, lead: LeadSnapshot, visit: Visit) {
  const t = visit.now;
  const routes = plan.routes;
  const next = routes.timed[node] ?? NO_ROUTE;
  // A wait leaves by `auto` only (a delay after a wait is the validator's `trigger_not_allowed`).
  if (next === NO_ROUTE || routes.timedReason[node] !== TIMED_AUTO) {
    visit.outcome = OUTCOME_STUCK;
    return;
  }
  const days = plan.waitDays[node] ?? -1;
  if (days >= 0) {
    // Whole days on the lead's calendar: `zoneDays` writes `visit.at` (kept apart from the
    // module's `number | null`, which would box the double).
    plan.zoneDays.shiftDays(visit, days, lead.timeZone);
    waitUntil(visit, next, visit.at);
    return;
  }
  const spec = plan.nodes[node];
  const until = spec?.module?.waitUntil?.(spec.config, lead, t) ?? null;
  waitUntil(visit, next, until === null ? Number.NaN : until);
}

function waitUntil(visit: Visit, next: number, until: number): void {
  const t = visit.now;
  if (!Number.isFinite(until)) move(visit, t, next, REASON.waitUnresolved);
  else move(visit, Math.max(t, Math.round(until)), next, REASON.waited);
}

function update(plan: Plan, node: number, cursor: LeadCursor, visit: Visit) {
  const cost = plan.costMicro[node] ?? 0;
  if (cost > 0 && cost > visit.budgetLeft) {
    visit.skip = SKIP_BUDGET;
    return;
  }
  const compiled = plan.leadUpdate[node];
  const spec = plan.nodes[node];
  if (compiled) cursor.lead = compiled(cursor.lead);
  else if (spec?.module?.applyUpdate)
    cursor.lead = spec.module.applyUpdate(spec.config, cursor.lead);
  else return;
  visit.acted = true;
  visit.updated = true;
  visit.costMicro = cost;
}

/**
 * A lead arrives at `node` at `visit.now`: the node acts and the single next move is decided.
 */
export function visitNode(plan: Plan, node: number, cursor: LeadCursor, visit: Visit): void {
  visit.acted = false;
  visit.skip = SKIP_NONE;
  visit.costMicro = 0;
  visit.updated = false;
  visit.transition = -1;
  const action = plan.action[node] ?? ACTION.none;
  switch (action) {
    case ACTION.enter:
      chooseTimed(plan.routes, node, visit);
      return;
    case ACTION.send:
    case ACTION.task:
    case ACTION.http:
      act(plan, node, cursor.consent, visit);
      chooseWaiting(plan, node, cursor, visit);
      return;
    case ACTION.update:
      update(plan, node, cursor, visit);
      chooseTimed(plan.routes, node, visit);
      return;
    case ACTION.hold:
      chooseHold(plan, node, cursor.lead, visit);
      return;
    case ACTION.branch:
      chooseBranch(plan, node, cursor.lead, visit);
      return;
    case ACTION.split:
      chooseSplit(plan.routes, node, cursor.key, visit);
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
