import type { FlowDocument } from '../document/flow.schema.ts';
import { createControlTest } from '../hash/assignment.ts';
import type { NodeId, TransitionId } from '../ids.ts';
import type { LeadSnapshot } from '../lead/lead.schema.ts';
import { ContactPolicies } from '../policy/policy.schema.ts';
import type { Issue } from '../validate/issue.ts';
import type { Assumptions } from './assumptions.ts';
import {
  consentMask,
  enrol,
  type LeadCursor,
  newVisit,
  OUTCOME_END,
  OUTCOME_MOVE,
  OUTCOME_STUCK,
  REASON,
  visitNode,
} from './decide.ts';
import {
  type Conversion,
  type JourneyStatus,
  type MoveReason,
  moveReason,
  newStep,
  type SimStep,
  skipReason,
} from './journey.ts';
import { ACTION, MICRO, type Plan } from './plan.ts';
import { GATE_DEFER, GATE_SKIP, PolicyGate } from './policy-gate.ts';
import { leadStreamSeed } from './rng.ts';
import { addResolved, MS_PER_DAY } from './sim-time.ts';
import { policyIssues, prepare, type SimulationOptions } from './simulate.ts';

/**
 * One lead stepped through a flow by hand (DESIGN §6): the reviewer advances it move by move,
 * injects a signal at a wait ("what if she clicks?") and reads why each move happened. It runs
 * the same transition logic and the same random stream as `simulate`, so without injections
 * it walks exactly the journey `simulate` gives that lead (the campaign budget cap aside:
 * one lead alone never reaches it, so the stepper ignores it).
 */

export interface StepperState {
  status: JourneyStatus;
  nodeId: NodeId | null;
  /** When the lead reached its node. */
  since: number;
  /** The stepper's clock: the time of the last move. */
  now: number;
  /** The move the lead will make if nothing is injected; null if nothing will move it. */
  next: { at: number; transitionId: TransitionId; reason: MoveReason } | null;
  /** Signals that would move the lead now, with the transition each takes. */
  listening: { signal: string; transitionId: TransitionId }[];
  conversion: Conversion | null;
  /** The horizon has passed: `advance` does nothing more. */
  atHorizon: boolean;
  /**
   * Only while a contact policy holds the lead's send at its node: when it is visited again
   * (what `advance` does next) and why. `next` is then null: no transition is taken.
   */
  held?: { at: number; reason: MoveReason };
}

export interface InjectResult {
  moved: boolean;
  /** Why nothing moved. */
  ignored: 'ended' | 'notListening' | 'beforeArrival' | 'afterNextMove' | 'afterHorizon' | null;
  /** The signal was the campaign's conversion goal and counted as a conversion. */
  converted: boolean;
  state: StepperState;
}

export interface Stepper {
  state(): StepperState;
  /** Makes the lead's next move (waiting for it in virtual time) and returns the new state. */
  advance(): StepperState;
  /** Delivers a signal at `at` (default: the stepper's clock). */
  inject(signal: string, options?: { at?: number }): InjectResult;
  history(): SimStep[];
}

export interface StepperInput {
  flow: FlowDocument;
  lead: LeadSnapshot;
  assumptions?: Assumptions | undefined;
  options: SimulationOptions;
  /** The workspace's contact policies, applied as `simulate` applies them. */
  policies?: ContactPolicies | undefined;
}

/** `Pending.transition` of a send a contact policy held: the lead visits its node again. */
const POLICY_RESUME = -1;

const heldReason = (reason: number): MoveReason => ({
  kind: 'policyDeferred',
  code: reason === REASON.pressureCap ? 'pressure_cap' : 'quiet_hours',
});

interface Pending {
  at: number;
  transition: number;
  reason: number;
}

class LeadStepper implements Stepper {
  private readonly plan: Plan;
  private readonly cursor: LeadCursor;
  private readonly end: number;
  private readonly goalDeadline: number;
  private readonly maxSteps: number;
  private readonly steps: SimStep[] = [];
  private node = -1;
  private now: number;
  private status: JourneyStatus = 'waiting';
  private pending: Pending | null = null;
  private conversion: Conversion | null = null;
  private readonly visit = newVisit();
  private readonly gate: PolicyGate | null;

  constructor(
    plan: Plan,
    lead: LeadSnapshot,
    options: {
      start: number;
      end: number;
      seed: string;
      maxSteps: number;
      policies: ContactPolicies | undefined;
    },
  ) {
    this.plan = plan;
    this.gate = options.policies ? new PolicyGate(plan, options.policies) : null;
    this.end = options.end;
    this.now = options.start;
    this.maxSteps = options.maxSteps;
    this.goalDeadline = plan.goal
      ? Math.min(options.end, addResolved(options.start, plan.goal.windowMs))
      : Number.NEGATIVE_INFINITY;
    this.cursor = {
      key: lead.key,
      lead,
      state: leadStreamSeed(options.seed, lead.key),
      enrolledAt: options.start,
      globals: new Float64Array(plan.globals.length),
      globalsBase: 0,
      consent: consentMask(lead),
    };
    enrol(plan, this.cursor);
    const isControl = createControlTest({ seed: plan.seed, share: plan.controlShare });
    if (isControl(lead.key)) {
      this.status = 'control';
      const at = this.goalTime();
      if (at <= this.goalDeadline && plan.goal) {
        this.conversion = { at, value: plan.goal.valueMicro / MICRO, via: 'signal' };
      }
      return;
    }
    this.arrive(plan.entry, options.start);
  }

  private goalTime(): number {
    const goal = this.plan.goal;
    return goal
      ? (this.cursor.globals[goal.global] ?? Number.POSITIVE_INFINITY)
      : Number.POSITIVE_INFINITY;
  }

  private get since(): number {
    return this.steps[this.steps.length - 1]?.enteredAt ?? this.cursor.enrolledAt;
  }

  /** When the conversion-goal signal will count next, or Infinity. */
  private nextConversion(): number {
    if (this.conversion || !this.plan.goal) return Number.POSITIVE_INFINITY;
    const at = this.goalTime();
    return at >= this.since && at <= this.goalDeadline ? at : Number.POSITIVE_INFINITY;
  }

  private convert(at: number, value: number, via: Conversion['via']): void {
    this.conversion = { at, value, via };
    const step = this.steps[this.steps.length - 1];
    if (step) step.conversion = this.conversion;
  }

  private arrive(node: number, t: number): void {
    const spec = this.plan.nodes[node];
    this.now = t;
    this.pending = null;
    if (!spec) return;
    if (this.steps.length >= this.maxSteps) {
      this.status = 'stepBudget';
      return;
    }
    this.node = node;
    const step = newStep(spec.id, t);
    this.steps.push(step);
    const visit = this.visit;
    visit.now = t;
    const gate = this.gate;
    if (gate !== null && gate.governs[node] === 1) {
      // The contact policies, as `simulate` applies them (`run.ts`).
      const verdict = gate.decide(0, node, t, this.cursor.lead.timeZone, this.cursor.consent);
      if (verdict === GATE_DEFER) {
        const code = gate.reason?.code === 'pressure_cap' ? REASON.pressureCap : REASON.quietHours;
        this.pending = { at: gate.until, transition: POLICY_RESUME, reason: code };
        return;
      }
      visit.blocked = verdict === GATE_SKIP;
    }
    visitNode(this.plan, node, this.cursor, visit);
    if (visit.acted && gate !== null) gate.contacted(0, node, t);
    step.acted = visit.acted;
    step.skipped = skipReason(visit.skip);
    step.cost = visit.costMicro / MICRO;
    if (visit.outcome === OUTCOME_MOVE) {
      this.pending = { at: visit.at, transition: visit.transition, reason: visit.reason };
    } else if (visit.outcome === OUTCOME_END) {
      this.status = 'ended';
      if (spec.action === ACTION.goal && !this.conversion)
        this.convert(t, spec.goalValueMicro / MICRO, 'goal');
    } else if (visit.outcome === OUTCOME_STUCK) {
      this.status = 'stuck';
    }
  }

  private leave(pending: Pending, at: number): void {
    const step = this.steps[this.steps.length - 1];
    if (pending.transition === POLICY_RESUME) {
      // A held send: the lead visits the same node again, now.
      if (step) {
        step.leftAt = at;
        step.reason = heldReason(pending.reason);
      }
      this.arrive(this.node, at);
      return;
    }
    if (step) {
      step.leftAt = at;
      step.transitionId = this.plan.transitions[pending.transition]?.id ?? null;
      step.reason = moveReason(this.plan, pending.transition, pending.reason);
    }
    const target = this.plan.transitions[pending.transition]?.target ?? -1;
    this.arrive(target, at);
  }

  state(): StepperState {
    const spec = this.plan.nodes[this.node];
    const waiting = this.status === 'waiting';
    const pending = waiting ? this.pending : null;
    const transition = pending ? this.plan.transitions[pending.transition] : undefined;
    return {
      status: this.status,
      nodeId: spec?.id ?? null,
      since: this.since,
      now: this.now,
      next:
        pending && transition
          ? {
              at: pending.at,
              transitionId: transition.id,
              reason: moveReason(this.plan, pending.transition, pending.reason),
            }
          : null,
      listening:
        waiting && spec
          ? spec.signals.flatMap((s) => {
              const id = this.plan.transitions[s.transition]?.id;
              return id ? [{ signal: s.signal, transitionId: id }] : [];
            })
          : [],
      conversion: this.conversion,
      atHorizon: (pending ? pending.at : this.now) > this.end || this.now >= this.end,
      ...(pending && pending.transition === POLICY_RESUME
        ? { held: { at: pending.at, reason: heldReason(pending.reason) } }
        : {}),
    };
  }

  advance(): StepperState {
    const conversionAt = this.nextConversion();
    const moveAt =
      this.status === 'waiting' && this.pending ? this.pending.at : Number.POSITIVE_INFINITY;
    if (Math.min(conversionAt, moveAt) > this.end) return this.state();
    if (conversionAt < moveAt && this.plan.goal) {
      this.now = conversionAt;
      this.convert(conversionAt, this.plan.goal.valueMicro / MICRO, 'signal');
    } else if (this.pending) {
      this.leave(this.pending, moveAt);
    }
    return this.state();
  }

  inject(signal: string, options: { at?: number } = {}): InjectResult {
    const at = Math.round(options.at ?? this.now);
    const ignore = (ignored: InjectResult['ignored']): InjectResult => ({
      moved: false,
      ignored,
      converted: false,
      state: this.state(),
    });
    if (at > this.end) return ignore('afterHorizon');
    if (at < this.since || at < this.now) return ignore('beforeArrival');
    const before = this.nextConversion();
    if (before < at && this.plan.goal)
      this.convert(before, this.plan.goal.valueMicro / MICRO, 'signal');
    this.recordGlobal(signal, at);
    const spec = this.plan.nodes[this.node];
    const match =
      this.status === 'waiting' ? spec?.signals.find((s) => s.signal === signal) : undefined;
    let moved = false;
    let ignored: InjectResult['ignored'] = null;
    if (this.status !== 'waiting') ignored = 'ended';
    else if (!match) ignored = 'notListening';
    else if (this.pending && at > this.pending.at) ignored = 'afterNextMove';
    else {
      this.leave({ at, transition: match.transition, reason: REASON.injected }, at);
      moved = true;
    }
    const converted = this.injectConversion(signal, at);
    return { moved, ignored, converted, state: this.state() };
  }

  /** A global signal put in by hand also counts for later nodes that look back for it. */
  private recordGlobal(signal: string, at: number): void {
    const index = this.plan.globals.findIndex((g) => g.signal === signal);
    if (index >= 0) {
      this.cursor.globals[index] = Math.min(this.cursor.globals[index] ?? Infinity, at);
    }
  }

  private injectConversion(signal: string, at: number): boolean {
    const goal = this.plan.goal;
    if (!goal || this.conversion || this.plan.globals[goal.global]?.signal !== signal) return false;
    if (at > this.goalDeadline) return false;
    this.convert(at, goal.valueMicro / MICRO, 'signal');
    return true;
  }

  history(): SimStep[] {
    return this.steps.map((step) => ({ ...step }));
  }
}

/**
 * Starts a stepper for one lead, enrolled at `options.start` and already at its entry node.
 *
 * @example
 * const { stepper } = createStepper({ flow, lead, options: { seed: 's', start, horizonDays: 30 } });
 * stepper?.advance();                 // the welcome email is sent
 * stepper?.inject('clicked');         // what if she clicks?
 * stepper?.history().map((s) => s.reason);
 */
export function createStepper(input: StepperInput): { stepper: Stepper | null; issues: Issue[] } {
  const prepared = prepare(input.flow, input.assumptions, input.options);
  if ('issues' in prepared) return { stepper: null, issues: prepared.issues };
  const { plan, options } = prepared;
  const parsed = ContactPolicies.optional().safeParse(input.policies);
  if (!parsed.success) return { stepper: null, issues: policyIssues(parsed.error) };
  const stepper = new LeadStepper(plan, input.lead, {
    start: options.start,
    end: options.start + Math.round(options.horizonDays * MS_PER_DAY),
    seed: options.seed,
    maxSteps: options.maxStepsPerLead,
    policies: parsed.data,
  });
  return { stepper, issues: [] };
}
