import type { NodeModule } from '../catalogue/node-module.ts';
import type { FlowDocument, FlowNode, Lookback, Transition } from '../document/flow.schema.ts';
import { compareIds, createSplitter } from '../hash/assignment.ts';
import type { TransitionId } from '../ids.ts';
import type { Issue } from '../validate/issue.ts';
import type { Assumptions, DelayDistribution, SignalAssumption } from './assumptions.ts';
import { globalSignals, isVisitSignal, nodeModuleOf } from './assumptions.ts';
import { compileCondition } from './condition.ts';
import { compileLeadUpdate } from './lead-update.ts';
import {
  ACTION,
  type ActionCode,
  CHANNELS,
  DELAY_EXPONENTIAL,
  DELAY_FIXED,
  DELAY_UNIFORM,
  type Plan,
  type PlanNode,
  type PlanOptions,
  toMicro,
} from './plan-model.ts';
import { MS_PER_HOUR, resolveDuration } from './sim-time.ts';
import { simulationIssue } from './simulation-issues.ts';
import { ZoneDays } from './zone-days.ts';

export * from './plan-model.ts';

/**
 * Compiles a flow for simulation: each node's outgoing transitions sorted into the tables
 * the transition logic reads (auto/delay, signals, timeout, conditions, split) in the order
 * the runner uses too (`runtime/node-routes.ts`), assumptions resolved to milliseconds.
 * Built once per run and shared by `simulate` and the one-lead stepper.
 */

const ACTION_BY_NAME: Record<NodeModule['action'], ActionCode> = {
  enter: ACTION.enter,
  send: ACTION.send,
  task: ACTION.task,
  hold: ACTION.hold,
  route: ACTION.branch,
  update: ACTION.update,
  http: ACTION.http,
  goal: ACTION.goal,
  exit: ACTION.exit,
  none: ACTION.none,
};

function delayParams(delay: DelayDistribution): [number, number, number] {
  switch (delay.kind) {
    case 'fixed':
      return [DELAY_FIXED, delay.hours * MS_PER_HOUR, 0];
    case 'uniform':
      return [DELAY_UNIFORM, delay.minHours * MS_PER_HOUR, delay.maxHours * MS_PER_HOUR];
    case 'exponential':
      return [DELAY_EXPONENTIAL, delay.meanHours * MS_PER_HOUR, 0];
  }
}

function lookbackMs(lookback: Lookback | undefined): number {
  if (!lookback || lookback.kind === 'step') return 0;
  if (lookback.kind === 'enrollment') return Number.POSITIVE_INFINITY;
  const resolved = resolveDuration(lookback.duration);
  return resolved.ms + resolved.months * 31 * 86_400_000;
}

function emptyNode(node: FlowNode, index: number): PlanNode {
  const resolved = nodeModuleOf(node);
  const module = resolved?.module ?? null;
  const action = module ? ACTION_BY_NAME[module.action] : ACTION.none;
  const channel = module?.channel ? CHANNELS.indexOf(module.channel) : -1;
  const config = resolved?.config ?? null;
  const goalValue = module?.goalValue && config !== null ? module.goalValue(config) : 0;
  return {
    id: node.id,
    index,
    type: node.type,
    action: node.type === 'split' ? ACTION.split : action,
    channel,
    costMicro: toMicro(node.cost ?? module?.defaultCost ?? 0),
    module,
    config,
    exclusive: action === ACTION.task || action === ACTION.http,
    auto: -1,
    delay: -1,
    delayDuration: { ms: 0, months: 0 },
    timeout: -1,
    timeoutDuration: { ms: 0, months: 0 },
    signals: [],
    visitSignals: [],
    globalSignals: [],
    conditions: [],
    elseTransition: -1,
    hold: isHoldBranch(config),
    splits: [],
    splitter: null,
    goalValueMicro: toMicro(goalValue),
    waitDays: node.type === 'wait' ? calendarWaitDays(config) : -1,
    zoneDays: null,
    leadUpdate: compileLeadUpdate(node.type, config),
  };
}

/** Days of a `duration` wait in days or weeks (the wait module's `addDuration` case), else -1. */
function calendarWaitDays(config: unknown): number {
  if (typeof config !== 'object' || config === null) return -1;
  if (!('mode' in config) || config.mode !== 'duration' || !('duration' in config)) return -1;
  const duration = config.duration;
  if (typeof duration !== 'object' || duration === null) return -1;
  if (!('amount' in duration) || !('unit' in duration)) return -1;
  const { amount, unit } = duration;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0) return -1;
  if (unit === 'days') return amount;
  if (unit === 'weeks') return amount * 7;
  return -1;
}

function isHoldBranch(config: unknown): boolean {
  return (
    typeof config === 'object' && config !== null && 'mode' in config && config.mode === 'hold'
  );
}

interface Context {
  plan: Plan;
  assumptions: Assumptions;
  issues: Issue[];
  flow: FlowDocument;
  start: number;
}

function globalIndex(ctx: Context, signal: string): number {
  const found = ctx.plan.globals.findIndex((g) => g.signal === signal);
  if (found >= 0) return found;
  const assumption: SignalAssumption = ctx.assumptions.globals[signal] ?? {
    probability: 0,
    delay: { kind: 'fixed', hours: 0 },
    source: 'default',
  };
  const [delayKind, delayA, delayB] = delayParams(assumption.delay);
  ctx.plan.globals.push({ signal, probability: assumption.probability, delayKind, delayA, delayB });
  return ctx.plan.globals.length - 1;
}

function addTransition(
  ctx: Context,
  t: Transition,
  index: number,
  source: PlanNode,
  raw: FlowNode,
) {
  const trigger = t.trigger;
  switch (trigger.kind) {
    case 'auto':
      source.auto = index;
      return;
    case 'delay':
      source.delay = index;
      source.delayDuration = resolveDuration(trigger);
      return;
    case 'timeout':
      source.timeout = index;
      source.timeoutDuration = resolveDuration(trigger);
      return;
    case 'else':
      source.elseTransition = index;
      return;
    case 'split':
      source.splits.push({ transition: index, weight: trigger.weight });
      return;
    case 'condition':
      try {
        const test = compileCondition(trigger.rule, ctx.start);
        source.conditions.push({ transition: index, order: trigger.order, test });
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        ctx.issues.push(
          simulationIssue('sim_condition_invalid', { transitionId: t.id }, { detail }),
        );
      }
      return;
    case 'signal': {
      const visit = isVisitSignal(raw, trigger.signal);
      const assumption = visit ? ctx.assumptions.transitions[t.id] : undefined;
      const [delayKind, delayA, delayB] = assumption ? delayParams(assumption.delay) : [0, 0, 0];
      source.signals.push({
        transition: index,
        signal: trigger.signal,
        global: visit ? -1 : globalIndex(ctx, trigger.signal),
        probability: assumption?.probability ?? 0,
        delayKind,
        delayA,
        delayB,
        lookbackMs: lookbackMs(trigger.lookback),
      });
      return;
    }
  }
}

function checkExclusive(ctx: Context, node: PlanNode) {
  if (!node.exclusive) return;
  const sum = node.signals.reduce((s, sig) => s + (sig.global < 0 ? sig.probability : 0), 0);
  if (sum > 1 + 1e-9) {
    const percent = Math.round(sum * 1000) / 10;
    ctx.issues.push(simulationIssue('sim_outcomes_over_100', { nodeId: node.id }, { percent }));
  }
}

const byOrderThenId = (ids: readonly TransitionId[]) => (a: number, b: number) =>
  compareIds(ids[a] ?? '', ids[b] ?? '');

/** Sorts each node's tables into the order the transition logic relies on. */
function finishNode(ctx: Context, node: PlanNode) {
  const ids = ctx.plan.transitions.map((t) => t.id);
  const byId = byOrderThenId(ids);
  // Signals and splits by transition id: canvas edge order must not change draws or branches.
  node.signals.sort((a, b) => byId(a.transition, b.transition));
  node.visitSignals = node.signals.filter((sig) => sig.global < 0);
  node.globalSignals = node.signals.filter((sig) => sig.global >= 0);
  node.conditions.sort((a, b) => a.order - b.order || byId(a.transition, b.transition));
  node.splits.sort((a, b) => byId(a.transition, b.transition));
  if (node.splits.length > 0) {
    const weights = node.splits.map((s) => s.weight);
    node.splitter = createSplitter({ nodeId: node.id, seed: ctx.plan.seed, weights });
  }
  checkExclusive(ctx, node);
}

function pickEntry(flow: FlowDocument, nodes: PlanNode[], entryNodeId: string | undefined): number {
  if (entryNodeId !== undefined) {
    const index = nodes.findIndex((n) => n.id === entryNodeId && n.action === ACTION.enter);
    return index;
  }
  return nodes.findIndex((n) => n.action === ACTION.enter && flow.nodes[n.index]?.type === 'entry');
}

/** Compiles the flow; problems that make a run meaningless come back as issues, never thrown. */
export function compilePlan(
  flow: FlowDocument,
  assumptions: Assumptions,
  options: PlanOptions,
): { plan: Plan | null; issues: Issue[] } {
  const settings = flow.settings;
  const plan: Plan = {
    nodes: flow.nodes.map(emptyNode),
    transitions: [],
    entry: -1,
    globals: [],
    goal: null,
    seed: settings.seed,
    fixedCostMicro: toMicro(settings.fixedCost),
    budgetCapMicro: settings.budgetCap === null ? null : toMicro(settings.budgetCap),
    controlShare: settings.controlShare,
  };
  const ctx: Context = { plan, assumptions, issues: [], flow, start: options.start };
  const zoneDays = new ZoneDays(options.start);
  for (const node of plan.nodes) if (node.waitDays >= 0) node.zoneDays = zoneDays;
  const nodeIndex = new Map(flow.nodes.map((n, i) => [n.id, i]));
  flow.nodes.forEach((node, i) => {
    if (node.type !== 'note' && plan.nodes[i]?.module === null) {
      ctx.issues.push(
        simulationIssue('sim_node_invalid', { nodeId: node.id }, { type: node.type }),
      );
    }
  });
  // Globals in name order, so the draws a lead makes at enrollment do not depend on edge order.
  for (const name of globalSignals(flow)) globalIndex(ctx, name);
  for (const t of flow.transitions) {
    const source = nodeIndex.get(t.source);
    const target = nodeIndex.get(t.target);
    if (source === undefined || target === undefined) {
      ctx.issues.push(simulationIssue('sim_transition_dangling', { transitionId: t.id }));
      continue;
    }
    const index = plan.transitions.push({ id: t.id, source, target }) - 1;
    const node = plan.nodes[source];
    const raw = flow.nodes[source];
    if (node && raw) addTransition(ctx, t, index, node, raw);
  }
  for (const node of plan.nodes) finishNode(ctx, node);
  const goal = settings.conversionGoal;
  if (goal) {
    const global = globalIndex(ctx, goal.signal);
    plan.goal = { global, windowMs: resolveDuration(goal.window), valueMicro: toMicro(goal.value) };
  }
  plan.entry = pickEntry(flow, plan.nodes, options.entryNodeId);
  if (plan.entry < 0) {
    ctx.issues.push(
      simulationIssue('sim_no_entry', {}, { entryNodeId: options.entryNodeId ?? '' }),
    );
  }
  return { plan: ctx.issues.length === 0 ? plan : null, issues: ctx.issues };
}
