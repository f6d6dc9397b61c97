import type { LeadCursor } from './decide.ts';
import type { EventQueue } from './event-queue.ts';
import { EMPTY_LEAD } from './journey.ts';
import { LEAD_BATCH } from './lead-batch.ts';
import { LeadKeyHashes } from './lead-keys.ts';
import { POLICY_RESUME, RunMoves } from './run-moves.ts';
import { STATE_CONTROL } from './run-state.ts';

/**
 * One `simulate` run: every lead enrolled and moved to the horizon, either one whole journey
 * at a time (no budget cap) or every move in virtual-time order through the event queue.
 * How a lead moves is `RunMoves` (`run-moves.ts`); its state and tallies, `RunState`.
 */

export * from './run-state.ts';

const PROGRESS_EVERY = 65_536;

export interface SimulationProgress {
  /** 0–1 of the virtual time span. */
  fraction: number;
  leadSteps: number;
}

export class SimulationRun extends RunMoves {
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
