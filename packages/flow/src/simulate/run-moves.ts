import {
  type LeadCursor,
  OUTCOME_END,
  OUTCOME_MOVE,
  OUTCOME_STUCK,
  SKIP_BUDGET,
  SKIP_CONSENT,
  SKIP_NONE,
  visitNode,
} from './decide.ts';
import { ACTION } from './plan.ts';
import {
  RunState,
  STATE_ACTIVE,
  STATE_ENDED,
  STATE_STEP_BUDGET,
  STATE_STUCK,
  STATE_WAITING,
} from './run-state.ts';

/**
 * How one lead moves in a `simulate` run: from a node it reaches, visit after visit while its
 * moves are immediate (or to the end of its journey when leads do not interleave), counting
 * as it goes. `SimulationRun` (`run.ts`) decides which lead moves when.
 */

/** A module's own constant, folded into the machine code; an imported one is read at each use. */
const GOAL = ACTION.goal;

/** `pending` of a lead whose send a contact policy held: it visits the node again. */
export const POLICY_RESUME = -1;

export class RunMoves extends RunState {
  /**
   * The lead reaches `first` at `visit.now` and keeps moving while its moves are immediate. Returns
   * the time of its next move (≤ horizon) with `pending`/`reason` set, or -1 if it stays.
   * The lead's per-step state (node, arrival, steps, path) lives in locals and is stored once.
   */
  protected arrive(i: number, first: number, cursor: LeadCursor): number {
    const plan = this.plan;
    const visit = this.visit;
    const tally = this.tally;
    const paths = this.paths;
    const tracing = i < this.traceLimit;
    // Without the queue nothing interleaves: later moves are taken here too, in the same order
    // of counts as through `journey`, without returning a time (a boxed double) per move.
    const wholeJourney = this.queue === null;
    // No cap: `visit.budgetLeft` stays Infinity.
    const capped = this.capped;
    // Null without contact policies: the loop then does what it did before them.
    const gate = this.gate;
    // Acting visits that `spend` must see: a budget cap's spend, a policy's contacts.
    const tracked = capped || gate !== null;
    const maxSteps = this.maxSteps;
    const end = this.end;
    const days = tally.days;
    const actedByDay = tally.actedByDay;
    const dayCounted = this.dayCounted;
    // Globals are drawn at enrollment: the goal signal's time is fixed for the whole call.
    const goalAt = this.goalTime(i);
    const s = this.slot(i);
    const stepsBefore = this.steps[s] ?? 0;
    let steps = stepsBefore;
    let path = this.pathOf[s] ?? 0;
    let node = first;
    let t = visit.now;
    let state = STATE_WAITING;
    let next = -1;
    for (;;) {
      steps++;
      if (steps > maxSteps) {
        state = STATE_STEP_BUDGET;
        tally.stepBudgetAt[node] = (tally.stepBudgetAt[node] ?? 0) + 1;
        break;
      }
      if (gate !== null && gate.governs[node] === 1 && this.held(i, node, t, cursor)) {
        // A contact policy held the send (before the path counts the node): the lead comes
        // back to it at `until`, and the held visit was no step of the journey.
        const until = gate.until;
        if (until > end) {
          path = paths.child(path, node);
          break;
        }
        steps--;
        if (!wholeJourney) {
          this.pending[s] = POLICY_RESUME;
          state = STATE_ACTIVE;
          next = until;
          break;
        }
        t = until;
        continue;
      }
      path = paths.child(path, node);
      if (capped) visit.budgetLeft = this.budgetCap - tally.variableCost;
      visit.now = t;
      visitNode(plan, node, cursor, visit);
      if (visit.acted) {
        // Acting visits per node and day (the day only where a cost or a message counts it),
        // counted here: as a call V8 did not inline, this was a tenth of the loop's time.
        const slot = node * days + (dayCounted[node] === 1 ? this.day(t) : 0);
        actedByDay[slot] = (actedByDay[slot] ?? 0) + 1;
        if (tracked || visit.updated) this.spend(i, node);
      } else if (visit.skip !== SKIP_NONE) this.countSkip(node);
      if (tracing) this.traceVisit(i, node, t);
      const outcome = visit.outcome;
      if (outcome === OUTCOME_MOVE) {
        const at = visit.at;
        if (at > end) break;
        if (at !== t && !wholeJourney) {
          this.pending[s] = visit.transition;
          this.reason[s] = visit.reason;
          state = STATE_ACTIVE;
          next = at;
          break;
        }
        node = this.leave(i, node, t, visit.transition, visit.reason, at, goalAt < at);
        t = at;
        if (node < 0) break;
        continue;
      }
      if (outcome === OUTCOME_END) {
        state = STATE_ENDED;
        tally.endedAt[node] = (tally.endedAt[node] ?? 0) + 1;
        if (plan.action[node] === GOAL && this.converted[s] !== 1) {
          this.conversion[0] = t;
          this.conversion[1] = plan.goalValueMicro[node] ?? 0;
          this.convert(i, node, 'goal');
        }
      } else if (outcome === OUTCOME_STUCK) {
        state = STATE_STUCK;
        tally.stuckAt[node] = (tally.stuckAt[node] ?? 0) + 1;
      }
      break;
    }
    tally.leadSteps += steps - stepsBefore;
    this.state[s] = state;
    this.nodeOf[s] = node;
    this.enteredAt[s] = t;
    this.steps[s] = steps;
    this.pathOf[s] = path;
    if (wholeJourney) {
      // The journey is over: `settle` from the locals (a call of its own cost as much as a step).
      if (goalAt <= end) this.signalConversion(i, node, t, end, true);
      if (state === STATE_WAITING) tally.waitingAt[node] = (tally.waitingAt[node] ?? 0) + 1;
      if (path > 0) tally.countPath(path);
      if (gate !== null) gate.forget(i);
    }
    return next;
  }

  /** An acting visit under a budget cap or policies, or one that changed the lead (the rare cases). */
  private spend(i: number, node: number): void {
    const visit = this.visit;
    this.gate?.contacted(i, node, visit.now);
    // Only a budget cap needs the spend as it goes; `finish` sums it otherwise.
    if (this.capped) this.tally.variableCost += visit.costMicro;
    // Only the queue interleaves leads; one journey at a time keeps the changed lead in the cursor.
    if (visit.updated && this.queue) this.updated.set(i, this.cursor.lead);
  }

  /** A visit skipped its action: count why. */
  private countSkip(node: number): void {
    const tally = this.tally;
    const skip = this.visit.skip;
    if (skip === SKIP_CONSENT) tally.skippedConsent[node] = (tally.skippedConsent[node] ?? 0) + 1;
    else if (skip === SKIP_BUDGET) tally.skippedBudget[node] = (tally.skippedBudget[node] ?? 0) + 1;
  }

  /**
   * The lead leaves `node` (reached at `since`) by `transition` at `at`; returns the target.
   * `goalBefore`: the goal signal came before `at` (the caller knows; most leads never get it).
   */
  protected leave(
    i: number,
    node: number,
    since: number,
    transition: number,
    reason: number,
    at: number,
    goalBefore: boolean,
  ): number {
    const tally = this.tally;
    tally.transitionCount[transition] = (tally.transitionCount[transition] ?? 0) + 1;
    if (goalBefore) this.signalConversion(i, node, since, at, false);
    if (i < this.traceLimit) this.traceLeave(i, transition, reason, at);
    return this.targetOf[transition] ?? -1;
  }
}
