import type { LeadSnapshot } from '../lead/lead.schema.ts';
import type { ContactPolicies } from '../policy/policy.schema.ts';
import { type LeadCursor, newVisit } from './decide.ts';
import { EventQueue } from './event-queue.ts';
import { EMPTY_LEAD, moveReason, newStep, type SimStep, skipReason } from './journey.ts';
import { LeadBatch } from './lead-batch.ts';
import { PathTrie } from './path-trie.ts';
import { MICRO, type Plan } from './plan.ts';
import { GATE_DEFER, GATE_SKIP, PolicyGate } from './policy-gate.ts';
import { RunTally } from './run-tally.ts';
import { addResolved, MS_PER_DAY } from './sim-time.ts';

/**
 * The state of one `simulate` run: struct-of-arrays per lead (typed arrays, ~40 bytes a lead
 * plus 8 per global signal), counters per node, transition and day, and what the run does
 * besides moving leads — conversions, the day of an instant, traces. `SimulationRun`
 * (`run.ts`) moves the leads.
 *
 * Only the event queue (a budget cap) interleaves leads. Without it one lead at a time is
 * moved start to end, so the per-lead arrays hold the traced leads (the result reports their
 * status) plus one shared slot that every other lead reuses: `slot(i)`. A run then allocates
 * almost nothing per lead — 40 MB of typed arrays per million leads used to push V8 into a
 * full collection of the caller's lead objects every other run (~0.5 s each).
 */

export const STATE_ACTIVE = 0;
export const STATE_WAITING = 1;
export const STATE_ENDED = 2;
export const STATE_STUCK = 3;
export const STATE_STEP_BUDGET = 4;
export const STATE_CONTROL = 5;

export interface RunSettings {
  start: number;
  end: number;
  days: number;
  maxSteps: number;
  traceLeads: number;
  /** The simulation's seed: drives the draws (the campaign seed drives splits and control). */
  drawSeed: string;
  /** The workspace's contact policies; absent, no send is held back (and nothing is counted). */
  policies?: ContactPolicies | undefined;
}

export class RunState {
  readonly plan: Plan;
  readonly leads: readonly LeadSnapshot[];
  readonly settings: RunSettings;
  // per lead
  readonly nodeOf: Int32Array;
  readonly pending: Int32Array;
  readonly reason: Uint8Array;
  readonly state: Uint8Array;
  readonly streams: Int32Array;
  readonly enteredAt: Float64Array;
  readonly steps: Uint16Array;
  readonly pathOf: Int32Array;
  readonly converted: Uint8Array;
  /** When the conversion-goal signal arrives (Infinity: never, or no goal). */
  readonly goalAt: Float64Array;
  /** Consent, stream seed, control group and global signals of the leads being enrolled. */
  readonly batch: LeadBatch;
  /** The highest index of the per-lead arrays: leads from here on share it (`slot`). */
  readonly lastSlot: number;
  readonly updated = new Map<number, LeadSnapshot>();
  /** Only when leads share a budget cap (see `execute`). */
  readonly queue: EventQueue | null;
  /** Counts per node, transition and day. */
  readonly tally: RunTally;
  readonly paths: PathTrie;
  readonly traces: SimStep[][] = [];
  /** Only with contact policies (see `arrive`). */
  readonly gate: PolicyGate | null;

  cancelled = false;
  protected readonly budgetCap: number;
  /** A budget cap: the spend is tracked as it goes. */
  protected readonly capped: boolean;
  protected readonly start: number;
  protected readonly lastDay: number;
  protected readonly traceLimit: number;
  protected readonly targetOf: Int32Array;
  /** Per node: its acting visits count per day (1: it has a cost or a channel), else on day 0. */
  protected readonly dayCounted: Uint8Array;
  protected readonly goalDeadline: number;
  /** Index of the conversion goal in a lead's globals (-1: no goal) and globals per lead. */
  protected readonly goalGlobal: number;
  protected readonly globalCount: number;
  protected readonly goalValueMicro: number;
  protected readonly end: number;
  protected readonly maxSteps: number;
  protected readonly cursor: LeadCursor;
  protected readonly visit = newVisit();

  constructor(plan: Plan, leads: readonly LeadSnapshot[], settings: RunSettings) {
    this.plan = plan;
    this.leads = leads;
    this.settings = settings;
    const n = leads.length;
    const nodes = plan.nodes.length;
    this.queue =
      plan.budgetCapMicro === null ? null : new EventQueue(settings.start, settings.end, n);
    const perLead = this.queue ? Math.max(1, n) : Math.min(settings.traceLeads, n) + 1;
    this.lastSlot = perLead - 1;
    this.nodeOf = new Int32Array(perLead);
    this.pending = new Int32Array(perLead);
    this.reason = new Uint8Array(perLead);
    this.state = new Uint8Array(perLead);
    this.streams = new Int32Array(perLead);
    this.enteredAt = new Float64Array(perLead);
    this.steps = new Uint16Array(perLead);
    this.pathOf = new Int32Array(perLead);
    this.converted = new Uint8Array(perLead);
    this.goalAt = new Float64Array(perLead);
    this.batch = new LeadBatch(plan, leads, {
      everyLead: this.queue !== null,
      enrolledAt: settings.start,
    });
    this.tally = new RunTally(nodes, plan.transitions.length, settings.days);
    this.paths = new PathTrie(nodes);
    this.start = settings.start;
    this.lastDay = settings.days - 1;
    this.traceLimit = settings.traceLeads;
    this.targetOf = Int32Array.from(plan.transitions, (t) => t.target);
    this.dayCounted = Uint8Array.from(plan.nodes, (n) =>
      n.costMicro !== 0 || n.channel >= 0 ? 1 : 0,
    );
    const budget = plan.budgetCapMicro === null ? Number.POSITIVE_INFINITY : plan.budgetCapMicro;
    this.budgetCap = budget - plan.fixedCostMicro;
    this.capped = this.budgetCap !== Number.POSITIVE_INFINITY;
    this.goalDeadline = plan.goal
      ? Math.min(settings.end, addResolved(settings.start, plan.goal.windowMs))
      : Number.NEGATIVE_INFINITY;
    this.goalGlobal = plan.goal ? plan.goal.global : -1;
    this.globalCount = plan.globals.length;
    this.goalValueMicro = plan.goal ? plan.goal.valueMicro : 0;
    this.end = settings.end;
    this.gate = settings.policies ? new PolicyGate(plan, settings.policies) : null;
    this.maxSteps = settings.maxSteps;
    this.cursor = {
      key: '',
      lead: leads[0] ?? EMPTY_LEAD,
      state: 0,
      enrolledAt: settings.start,
      globals: this.batch.globals,
      globalsBase: 0,
      consent: 0,
    };
  }

  /** Where lead `i`'s per-lead values live: its own index, or the slot shared by untraced leads. */
  slot(i: number): number {
    return Math.min(i, this.lastSlot);
  }

  /** Reads past the end of a JS array are slow in V8: test the index first. */
  protected traceOf(i: number): SimStep[] | undefined {
    return i < this.traceLimit ? this.traces[i] : undefined;
  }

  /** When the conversion-goal signal arrives for lead `i` (drawn at enrollment), or Infinity. */
  goalTime(i: number): number {
    return this.goalAt[this.slot(i)] ?? Number.POSITIVE_INFINITY;
  }

  protected day(t: number): number {
    const day = Math.floor((t - this.start) / MS_PER_DAY);
    // An int32, so it indexes the per-day arrays without a float check.
    return day < 0 ? 0 : Math.min(day, this.lastDay) | 0;
  }

  /**
   * A conversion's instant and value (ms, millionths), set before `convert`: doubles passed to
   * a call V8 does not inline are boxed, a heap allocation per converting lead.
   */
  protected readonly conversion = new Float64Array(2);

  /** Lead `i` converts at `node`, at `conversion[0]` for `conversion[1]` millionths. */
  protected convert(i: number, node: number, via: 'goal' | 'signal') {
    const at = this.conversion[0] ?? 0;
    const value = this.conversion[1] ?? 0;
    this.converted[this.slot(i)] = 1;
    this.tally.convertedAt[node] = (this.tally.convertedAt[node] ?? 0) + 1;
    this.tally.nodeRevenue[node] = (this.tally.nodeRevenue[node] ?? 0) + value;
    const day = this.day(at);
    this.tally.dayConversions[day] = (this.tally.dayConversions[day] ?? 0) + 1;
    this.tally.dayRevenue[day] = (this.tally.dayRevenue[day] ?? 0) + value;
    const trace = this.traceOf(i);
    const step = trace?.[trace.length - 1];
    if (step) step.conversion = { at, value: value / MICRO, via };
  }

  /**
   * The conversion-goal signal counts at the node where the lead was when it arrived (at or
   * after `since`, the lead's arrival there): strictly before `until`, or at it if `inclusive`.
   */
  protected signalConversion(
    i: number,
    node: number,
    since: number,
    until: number,
    inclusive: boolean,
  ): void {
    // Called on every move: most leads never get the goal signal (Infinity), so test that first.
    const at = this.goalTime(i);
    if (at > until || (at === until && !inclusive) || this.converted[this.slot(i)] === 1) return;
    if (at >= since && at <= this.goalDeadline) {
      this.conversion[0] = at;
      this.conversion[1] = this.goalValueMicro;
      this.convert(i, node, 'signal');
    }
  }

  protected traceVisit(i: number, node: number, t: number): void {
    const visit = this.visit;
    const spec = this.plan.nodes[node];
    if (!spec) return;
    const step = newStep(spec.id, t);
    step.acted = visit.acted;
    step.skipped = skipReason(visit.skip);
    step.cost = visit.costMicro / MICRO;
    this.traces[i]?.push(step);
  }

  /**
   * The contact policies at a node they govern, lead `i` arriving at `t`: true if the send is
   * held until `gate.until` (traced; a conversion before then counts at this node), else the
   * visit goes ahead, told to skip the send if the pressure cap says so.
   */
  protected held(i: number, node: number, t: number, cursor: LeadCursor): boolean {
    const gate = this.gate;
    if (gate === null) return false;
    const verdict = gate.decide(i, node, t, cursor.lead.timeZone, cursor.consent);
    if (verdict !== GATE_DEFER) {
      this.visit.blocked = verdict === GATE_SKIP;
      return false;
    }
    const until = gate.until;
    if (i < this.traceLimit) this.traceDeferred(i, node, t, until);
    if (until <= this.end && this.goalTime(i) < until) {
      this.signalConversion(i, node, t, until, false);
    }
    return true;
  }

  /** A policy held the send at `node` (reached at `t`) until `until`: a step that did not act. */
  protected traceDeferred(i: number, node: number, t: number, until: number): void {
    const spec = this.plan.nodes[node];
    const code = this.gate?.reason?.code;
    if (!spec || (code !== 'quiet_hours' && code !== 'pressure_cap')) return;
    const step = newStep(spec.id, t);
    step.leftAt = until;
    step.reason = { kind: 'policyDeferred', code };
    this.traces[i]?.push(step);
  }

  protected traceLeave(i: number, transition: number, reason: number, at: number): void {
    const trace = this.traces[i];
    const step = trace?.[trace.length - 1];
    if (!step) return;
    step.leftAt = at;
    step.transitionId = this.plan.transitions[transition]?.id ?? null;
    step.reason = moveReason(this.plan, transition, reason);
  }

  /**
   * A journey is over (or the horizon came): a conversion signal still to come counts at the
   * node where the lead stays; waiting leads and the path are tallied.
   */
  protected settle(i: number): void {
    const s = this.slot(i);
    const node = this.nodeOf[s] ?? 0;
    // Most leads never get the goal signal: test before a call that would box two times.
    if (this.goalTime(i) <= this.end) {
      this.signalConversion(i, node, this.enteredAt[s] ?? 0, this.end, true);
    }
    if (this.state[s] === STATE_WAITING)
      this.tally.waitingAt[node] = (this.tally.waitingAt[node] ?? 0) + 1;
    const path = this.pathOf[s] ?? -1;
    if (path > 0) this.tally.countPath(path);
  }
}
