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
import type { EventQueue } from './event-queue.ts';
import { EMPTY_LEAD } from './journey.ts';
import { LEAD_BATCH } from './lead-batch.ts';
import { LeadKeyHashes } from './lead-keys.ts';
import { ACTION } from './plan.ts';
import {
  RunState,
  STATE_ACTIVE,
  STATE_CONTROL,
  STATE_ENDED,
  STATE_STEP_BUDGET,
  STATE_STUCK,
  STATE_WAITING,
} from './run-state.ts';

/**
 * One `simulate` run: every lead enrolled and moved to the horizon, either one whole journey
 * at a time (no budget cap) or every move in virtual-time order through the event queue.
 */

export * from './run-state.ts';

const PROGRESS_EVERY = 65_536;

/** A module's own constant, folded into the machine code; an imported one is read at each use. */
const GOAL = ACTION.goal;

/** `pending` of a lead whose send a contact policy held: it visits the node again. */
const POLICY_RESUME = -1;

export interface SimulationProgress {
  /** 0–1 of the virtual time span. */
  fraction: number;
  leadSteps: number;
}

export class SimulationRun extends RunState {
  /**
   * Runs to the horizon; `onProgress` returning false cancels.
   *
   * Leads are independent unless they share a resource (the budget cap), and every counter is
   * an integer sum, so without a cap each lead's whole journey runs in one go — its state
   * stays in cache and the result is the same as in time order. With a cap, every move goes
   * through the event queue in virtual-time order, so the budget is spent as the runner
   * would spend it.
   */
  execute(onProgress?: (progress: SimulationProgress) => boolean | undefined): void {
    const keys = new LeadKeyHashes(this.settings.drawSeed, this.plan.seed, this.plan.controlShare);
    const queue = this.queue;
    const n = this.leads.length;
    for (let from = 0; from < n; from += LEAD_BATCH) {
      const to = Math.min(n, from + LEAD_BATCH);
      this.batch.read(from, to, keys);
      for (let i = from; i < to; i++) {
        // Without the queue, this is the lead's whole journey (see `arrive`).
        const at = this.enrolLead(i);
        if (queue) {
          if (at >= 0) queue.push(i, at);
        } else if (
          (i + 1) % PROGRESS_EVERY === 0 &&
          onProgress?.({ fraction: i / n, leadSteps: this.tally.leadSteps }) === false
        ) {
          this.cancelled = true;
          return;
        }
      }
    }
    if (queue && !this.drain(queue, onProgress)) {
      this.cancelled = true;
      return;
    }
    this.finish();
    onProgress?.({ fraction: 1, leadSteps: this.tally.leadSteps });
  }

  /** All moves in virtual-time order; false if cancelled. */
  private drain(queue: EventQueue, onProgress?: (p: SimulationProgress) => boolean | undefined) {
    const { start, end } = this.settings;
    let sinceProgress = 0;
    for (let lead = queue.pop(); lead >= 0; lead = queue.pop()) {
      const cursor = this.load(lead);
      const at = this.moveLead(lead, queue.time, cursor);
      this.streams[this.slot(lead)] = cursor.state;
      if (at >= 0) queue.push(lead, at);
      if (++sinceProgress === PROGRESS_EVERY && onProgress) {
        sinceProgress = 0;
        const fraction = (queue.time - start) / Math.max(1, end - start);
        if (onProgress({ fraction, leadSteps: this.tally.leadSteps }) === false) return false;
      }
    }
    return true;
  }

  private load(i: number): LeadCursor {
    const cursor = this.cursor;
    const lead = this.leads[i] ?? EMPTY_LEAD;
    cursor.key = lead.key;
    cursor.lead = this.updated.size > 0 ? (this.updated.get(i) ?? lead) : lead;
    const s = this.slot(i);
    cursor.state = this.streams[s] ?? 0;
    const place = this.batch.place(i);
    cursor.consent = this.batch.consent[place] ?? 0;
    cursor.globalsBase = place * this.globalCount;
    return cursor;
  }

  /** Enrols lead `i` and moves it as far as it goes at once; returns its next move time or -1. */
  private enrolLead(i: number): number {
    const batch = this.batch;
    const place = batch.place(i);
    const s = this.slot(i);
    // A shared slot still holds the lead before: start from nothing.
    this.steps[s] = 0;
    this.pathOf[s] = 0;
    this.converted[s] = 0;
    // Enrollment draws were made in the batch pass.
    this.streams[s] = batch.stream[place] ?? 0;
    this.goalAt[s] =
      this.goalGlobal < 0
        ? Number.POSITIVE_INFINITY
        : (batch.globals[place * this.globalCount + this.goalGlobal] ?? Number.POSITIVE_INFINITY);
    const cursor = this.load(i);
    if (batch.control[place] === 1) {
      this.state[s] = STATE_CONTROL;
      this.tally.control++;
      const at = this.goalTime(i);
      if (at <= this.goalDeadline) {
        this.converted[s] = 1;
        this.tally.controlConversions++;
      }
      return -1;
    }
    this.tally.dayEntered[0] = (this.tally.dayEntered[0] ?? 0) + 1;
    if (i < this.settings.traceLeads) this.traces[i] = [];
    this.visit.now = this.settings.start;
    const at = this.arrive(i, this.plan.entry, cursor);
    this.streams[s] = cursor.state;
    return at;
  }

  /**
   * The lead reaches `first` at `visit.now` and keeps moving while its moves are immediate. Returns
   * the time of its next move (≤ horizon) with `pending`/`reason` set, or -1 if it stays.
   * The lead's per-step state (node, arrival, steps, path) lives in locals and is stored once.
   */
  private arrive(i: number, first: number, cursor: LeadCursor): number {
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
  private leave(
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

  private moveLead(i: number, t: number, cursor: LeadCursor): number {
    const s = this.slot(i);
    const node = this.nodeOf[s] ?? 0;
    const since = this.enteredAt[s] ?? 0;
    const transition = this.pending[s] ?? 0;
    if (transition === POLICY_RESUME) {
      // A send a policy held: the lead visits the same node again, now.
      this.visit.now = t;
      return this.arrive(i, node, cursor);
    }
    const goalBefore = this.goalTime(i) < t;
    const target = this.leave(i, node, since, transition, this.reason[s] ?? 0, t, goalBefore);
    this.visit.now = t;
    return this.arrive(i, target, cursor);
  }

  /** In time order, journeys end only at the horizon: tally every lead then. */
  private finish(): void {
    if (this.queue) {
      for (let i = 0; i < this.leads.length; i++) {
        if (this.state[this.slot(i)] !== STATE_CONTROL) this.settle(i);
      }
    }
    const plan = this.plan;
    const sources = Int32Array.from(plan.transitions, (t) => t.source);
    this.tally.finish(sources, this.targetOf, plan.entry, plan.channel, plan.costMicro);
  }
}
