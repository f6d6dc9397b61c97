import type { LeadSnapshot } from '../lead/lead.schema.ts';
import {
  FALLBACK_ELSE,
  FALLBACK_HOLD,
  NO_ROUTE,
  type RouteTable,
  TIMED_AUTO,
} from '../runtime/route-table.ts';
import { assertNever } from '../util/assert-never.ts';
import { ACTION, type Plan } from './plan.ts';
import { CHANNEL_BIT, chooseWaiting, timeoutAt } from './signal-draws.ts';
import { addElapsed } from './sim-time.ts';
import {
  type LeadCursor,
  move,
  OUTCOME_END,
  OUTCOME_STUCK,
  OUTCOME_WAIT,
  REASON,
  SKIP_BUDGET,
  SKIP_CONSENT,
  SKIP_NONE,
  SKIP_POLICY,
  type Visit,
} from './visit-model.ts';

export { consentMask, enrol } from './signal-draws.ts';
export * from './visit-model.ts';

/**
 * What a simulated lead does at a node, used by `simulate` (for every lead) and by the
 * one-lead stepper: the node acts (or skips for missing consent or spent budget, or changes
 * the lead), the signals it causes are drawn, and the single next move is decided by the
 * runtime's routing rules (`plan.routes`: timed route, timeout, branch order and fallback,
 * split by hash). Tables are typed arrays indexed by node; the decision is written into a
 * reused `Visit`, so the hot loop allocates nothing.
 */

/**
 * The codes this module's per-step code compares and writes, as its own constants: V8 reads
 * an imported binding through its module cell at every use (and a field such as
 * `ACTION.send` through the object as well), while a module's own `const` is folded into the
 * machine code — the dispatch below went from a chain of loads to a jump (~5 % of a run).
 */
const { enter: ENTER, send: SEND, task: TASK, hold: HOLD, branch: BRANCH } = ACTION;
const { split: SPLIT, update: UPDATE, http: HTTP, goal: GOAL, exit: EXIT, none: NONE } = ACTION;
const { auto: BY_AUTO, delay: BY_DELAY, timeout: BY_TIMEOUT, condition: BY_CONDITION } = REASON;
const { else: BY_ELSE, split: BY_SPLIT, waited: BY_WAITED } = REASON;
const BY_WAIT_UNRESOLVED = REASON.waitUnresolved;

/** Acting nodes pay their cost; without consent or budget the action is skipped (and free). */
function act(plan: Plan, node: number, consent: number, visit: Visit) {
  const channel = plan.channel[node] ?? -1;
  if (channel >= 0 && (consent & (CHANNEL_BIT[channel] ?? 0)) === 0) {
    visit.skip = SKIP_CONSENT;
    return;
  }
  // Contact policies come before the budget, as in the runner: a skipped send spends nothing.
  if (visit.blocked) {
    visit.blocked = false;
    visit.skip = SKIP_POLICY;
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

/** The node's timed route (entry, update): `auto` now, `delay` later, none → stuck. */
function chooseTimed(routes: RouteTable, node: number, visit: Visit): void {
  const t = visit.now;
  const timed = routes.timed[node] ?? NO_ROUTE;
  if (timed === NO_ROUTE) visit.outcome = OUTCOME_STUCK;
  else if (routes.timedReason[node] === TIMED_AUTO) move(visit, t, timed, BY_AUTO);
  else {
    const at = addElapsed(t, routes.timedMs[node] ?? 0, routes.timedMonths[node] ?? 0);
    move(visit, at, timed, BY_DELAY);
  }
}

/** Conditions in the runtime's order; when none holds, the runtime's fallback. */
function chooseBranch(plan: Plan, node: number, lead: LeadSnapshot, visit: Visit) {
  const t = visit.now;
  const routes = plan.routes;
  const end = routes.conditionStart[node + 1] ?? 0;
  for (let k = routes.conditionStart[node] ?? 0; k < end; k++) {
    if (plan.conditionTests[k]?.(lead, visit)) {
      move(visit, t, routes.conditionTransition[k] ?? NO_ROUTE, BY_CONDITION);
      return;
    }
  }
  const fallback = routes.fallback[node];
  if (fallback === FALLBACK_HOLD) {
    const timeout = timeoutAt(routes, node, t);
    if (timeout === Number.POSITIVE_INFINITY) visit.outcome = OUTCOME_WAIT;
    else move(visit, timeout, routes.timeout[node] ?? NO_ROUTE, BY_TIMEOUT);
  } else if (fallback === FALLBACK_ELSE) {
    move(visit, t, routes.otherwise[node] ?? NO_ROUTE, BY_ELSE);
  } else visit.outcome = OUTCOME_STUCK;
}

function chooseSplit(routes: RouteTable, node: number, key: string, visit: Visit) {
  const index = routes.splitIndex[node]?.(key) ?? -1;
  if (index < 0) visit.outcome = OUTCOME_STUCK;
  else {
    const transition = routes.splitTransition[(routes.splitStart[node] ?? 0) + index] ?? NO_ROUTE;
    move(visit, visit.now, transition, BY_SPLIT);
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
  if (!Number.isFinite(until)) move(visit, t, next, BY_WAIT_UNRESOLVED);
  else move(visit, Math.max(t, Math.round(until)), next, BY_WAITED);
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
  const action = plan.action[node] ?? NONE;
  switch (action) {
    case ENTER:
      chooseTimed(plan.routes, node, visit);
      return;
    case SEND:
    case TASK:
    case HTTP:
      act(plan, node, cursor.consent, visit);
      chooseWaiting(plan, node, cursor, visit);
      return;
    case UPDATE:
      update(plan, node, cursor, visit);
      chooseTimed(plan.routes, node, visit);
      return;
    case HOLD:
      chooseHold(plan, node, cursor.lead, visit);
      return;
    case BRANCH:
      chooseBranch(plan, node, cursor.lead, visit);
      return;
    case SPLIT:
      chooseSplit(plan.routes, node, cursor.key, visit);
      return;
    case GOAL:
    case EXIT:
      visit.outcome = OUTCOME_END;
      return;
    case NONE:
      visit.outcome = OUTCOME_STUCK;
      return;
    default:
      assertNever(action, 'node action');
  }
}
