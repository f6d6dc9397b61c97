import type { LeadSnapshot } from '../lead/lead.schema.ts';
import { NO_ROUTE, type RouteTable } from '../runtime/route-table.ts';
import { sampleDelay } from './distribution.ts';
import type { Plan } from './plan.ts';
import { STREAM_STEP as STREAM_INCREMENT, streamUniform } from './rng.ts';
import { addElapsed } from './sim-time.ts';
import { type LeadCursor, move, OUTCOME_WAIT, REASON, type Visit } from './visit-model.ts';

/**
 * The random side of a simulated visit: a lead's global signals drawn at enrollment, and at a
 * message, call or webhook node the signals its visit causes — which arrives first, or the
 * timeout. Draws happen whether or not the node acted, so a skipped send never shifts later
 * draws; the stream state stays in a local and is stored back once.
 */

/**
 * Imported constants copied into this module's own: V8 reads an imported binding through its
 * module cell at every use, and the stream increment, above 2^30, is a boxed double there to
 * unbox and truncate at each draw; a module's own `const` is folded into the machine code.
 */
const STREAM_STEP = STREAM_INCREMENT;
const { timeout: BY_TIMEOUT, signal: BY_SIGNAL } = REASON;

/** Draws the lead's global signals once, at enrollment, in the plan's (name) order. */
export function enrol(plan: Plan, cursor: LeadCursor): void {
  const state = ENROL_STATE;
  state[0] = cursor.state;
  drawGlobals(plan, state, 0, cursor.globals, cursor.globalsBase, cursor.enrolledAt);
  cursor.state = state[0] ?? 0;
}

const ENROL_STATE = new Int32Array(1);

/**
 * `enrol` for the stream state at `states[at]`, advanced in place: the arrival of each global
 * signal (Infinity = never) goes to `out[base + g]`. The state travels in a typed array, not
 * as a return value, which V8 would box when it did not inline the call; `simulate` calls this
 * for every lead in its batch pass (`lead-batch.ts`).
 */
export function drawGlobals(
  plan: Plan,
  states: Int32Array,
  at: number,
  out: Float64Array,
  base: number,
  enrolledAt: number,
): void {
  const globals = plan.globals;
  let state = states[at] ?? 0;
  for (let g = 0; g < globals.length; g++) {
    const spec = globals[g];
    state = (state + STREAM_STEP) | 0;
    if (!spec || streamUniform(state) >= spec.probability) {
      out[base + g] = Number.POSITIVE_INFINITY;
      continue;
    }
    state = (state + STREAM_STEP) | 0;
    const delay = sampleDelay(spec.delayKind, spec.delayA, spec.delayB, streamUniform(state));
    out[base + g] = Math.round(enrolledAt + delay);
  }
  states[at] = state;
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
export const CHANNEL_BIT = [1, 2, 4, 8];

/** The timeout's instant, or Infinity without one. */
export function timeoutAt(routes: RouteTable, node: number, t: number): number {
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
export function chooseWaiting(plan: Plan, node: number, cursor: LeadCursor, visit: Visit) {
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
  if (bestAt > timeout) move(visit, timeout, routes.timeout[node] ?? NO_ROUTE, BY_TIMEOUT);
  else if (visit.transition >= 0) move(visit, bestAt, visit.transition, BY_SIGNAL);
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
