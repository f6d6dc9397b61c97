import type { FlowDocument } from '../document/flow.schema.ts';
import type { NodeRoutes } from '../runtime/node-routes.ts';
import { compileRouteTable, nodeStep, type RouteTable } from '../runtime/route-table.ts';
import type { Issue } from '../validate/issue.ts';
import type { Assumptions, DelayDistribution, SignalAssumption } from './assumptions.ts';
import { globalSignals, isVisitSignal } from './assumptions.ts';
import { compileCondition } from './condition.ts';
import { compileLeadUpdate } from './lead-update.ts';
import {
  ACTION,
  CHANNELS,
  DELAY_EXPONENTIAL,
  DELAY_FIXED,
  DELAY_UNIFORM,
  type Plan,
  type PlanNode,
  type PlanOptions,
  type PlanSignal,
  toMicro,
} from './plan-model.ts';
import { MS_PER_HOUR, resolveDuration } from './sim-time.ts';
import { simulationIssue } from './simulation-issues.ts';
import { ZoneDays } from './zone-days.ts';

export * from './plan-model.ts';

/**
 * Compiles a flow for simulation: the runner's routing tables (`runtime/route-table.ts`:
 * which transitions leave a node, timed routes, signals, branch order and fallback, splits,
 * goal values) numbered once, plus what only a simulation needs — the assumption of each
 * signal resolved to milliseconds, each condition compiled to a test. Built once per run and
 * shared by `simulate` and the one-lead stepper.
 */

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

function planNode(table: RouteTable, routes: NodeRoutes, index: number): PlanNode {
  const { node, module } = routes;
  const config = module ? routes.config : null;
  // A node whose config does not parse cannot run: the plan reports it (`sim_node_invalid`).
  const usable = config !== null ? module : null;
  return {
    id: node.id,
    index,
    type: node.type,
    action: usable || node.type === 'split' ? nodeStep(routes) : ACTION.none,
    channel: usable?.channel ? CHANNELS.indexOf(usable.channel) : -1,
    costMicro: toMicro(node.cost ?? usable?.defaultCost ?? 0),
    module: usable,
    config,
    signals: [],
    conditions: [],
    splits: [],
    goalValueMicro: toMicro(table.goalValue[index] ?? 0),
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

interface Context {
  plan: Plan;
  table: RouteTable;
  assumptions: Assumptions;
  issues: Issue[];
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

/**
 * Attaches what only a simulation needs to the node's routes (kept in the runtime's order):
 * the assumption of each signal, the compiled test of each condition.
 */
function attachRoutes(ctx: Context, node: PlanNode): void {
  const { table } = ctx;
  const routes = table.routes[node.index];
  if (!routes) return;
  routes.signals.forEach((route, k) => {
    const slot = (table.signalStart[node.index] ?? 0) + k;
    const visit = isVisitSignal(routes.node, route.signal);
    const assumption = visit ? ctx.assumptions.transitions[route.transition.id] : undefined;
    const [delayKind, delayA, delayB] = assumption ? delayParams(assumption.delay) : [0, 0, 0];
    node.signals.push({
      transition: table.signalTransition[slot] ?? -1,
      signal: route.signal,
      global: visit ? -1 : globalIndex(ctx, route.signal),
      probability: assumption?.probability ?? 0,
      delayKind,
      delayA,
      delayB,
      lookbackMs: table.signalReach[slot] ?? 0,
    });
  });
  routes.conditions.forEach((condition, k) => {
    const slot = (table.conditionStart[node.index] ?? 0) + k;
    const trigger = condition.transition.trigger;
    const order = trigger.kind === 'condition' ? trigger.order : 0;
    try {
      ctx.plan.conditionTests.push(compileCondition(condition.rule, ctx.start));
      node.conditions.push({ transition: table.conditionTransition[slot] ?? -1, order });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const where = { transitionId: condition.transition.id };
      ctx.issues.push(simulationIssue('sim_condition_invalid', where, { detail }));
    }
  });
  routes.splits.forEach((split, k) => {
    const transition = table.splitTransition[(table.splitStart[node.index] ?? 0) + k] ?? -1;
    node.splits.push({ transition, weight: split.weight });
  });
  checkExclusive(ctx, node);
}

function isExclusive(node: PlanNode): boolean {
  return node.action === ACTION.task || node.action === ACTION.http;
}

function checkExclusive(ctx: Context, node: PlanNode) {
  if (!isExclusive(node)) return;
  const sum = node.signals.reduce((s, sig) => s + (sig.global < 0 ? sig.probability : 0), 0);
  if (sum > 1 + 1e-9) {
    const percent = Math.round(sum * 1000) / 10;
    ctx.issues.push(simulationIssue('sim_outcomes_over_100', { nodeId: node.id }, { percent }));
  }
}

/** The signal tables of the hot loop: per node, visit signals then global ones, each in order. */
function flattenSignals(plan: Plan): void {
  const visits = plan.nodes.map((n) => n.signals.filter((s) => s.global < 0));
  const globals = plan.nodes.map((n) => n.signals.filter((s) => s.global >= 0));
  const flat = (lists: PlanSignal[][]) => {
    const start = new Int32Array(lists.length + 1);
    lists.forEach((list, n) => {
      start[n + 1] = (start[n] ?? 0) + list.length;
    });
    return { start, all: lists.flat() };
  };
  const v = flat(visits);
  plan.visitStart = v.start;
  plan.visitTransition = Int32Array.from(v.all, (s) => s.transition);
  plan.visitProbability = Float64Array.from(v.all, (s) => s.probability);
  plan.visitDelayKind = Uint8Array.from(v.all, (s) => s.delayKind);
  plan.visitDelayA = Float64Array.from(v.all, (s) => s.delayA);
  plan.visitDelayB = Float64Array.from(v.all, (s) => s.delayB);
  const g = flat(globals);
  plan.globalStart = g.start;
  plan.globalTransition = Int32Array.from(g.all, (s) => s.transition);
  plan.globalSignal = Int32Array.from(g.all, (s) => s.global);
  plan.globalReach = Float64Array.from(g.all, (s) => s.lookbackMs);
}

function pickEntry(flow: FlowDocument, nodes: PlanNode[], entryNodeId: string | undefined): number {
  if (entryNodeId !== undefined) {
    const index = nodes.findIndex((n) => n.id === entryNodeId && n.action === ACTION.enter);
    return index;
  }
  return nodes.findIndex((n) => n.action === ACTION.enter && flow.nodes[n.index]?.type === 'entry');
}

function newPlan(flow: FlowDocument, table: RouteTable, start: number): Plan {
  const settings = flow.settings;
  const nodes = table.routes.map((routes, i) => planNode(table, routes, i));
  const none = new Int32Array(nodes.length + 1);
  return {
    routes: table,
    nodes,
    transitions: [],
    entry: -1,
    globals: [],
    goal: null,
    seed: settings.seed,
    fixedCostMicro: toMicro(settings.fixedCost),
    budgetCapMicro: settings.budgetCap === null ? null : toMicro(settings.budgetCap),
    controlShare: settings.controlShare,
    action: nodes.map((n) => n.action),
    channel: Int8Array.from(nodes, (n) => n.channel),
    costMicro: Float64Array.from(nodes, (n) => n.costMicro),
    goalValueMicro: Float64Array.from(nodes, (n) => n.goalValueMicro),
    exclusive: Uint8Array.from(nodes, (n) => (isExclusive(n) ? 1 : 0)),
    waitDays: Int32Array.from(nodes, (n) => (n.type === 'wait' ? calendarWaitDays(n.config) : -1)),
    zoneDays: new ZoneDays(start),
    leadUpdate: nodes.map((n) => compileLeadUpdate(n.type, n.config)),
    visitStart: none,
    visitTransition: new Int32Array(0),
    visitProbability: new Float64Array(0),
    visitDelayKind: new Uint8Array(0),
    visitDelayA: new Float64Array(0),
    visitDelayB: new Float64Array(0),
    globalStart: none,
    globalTransition: new Int32Array(0),
    globalSignal: new Int32Array(0),
    globalReach: new Float64Array(0),
    conditionTests: [],
  };
}

/** Compiles the flow; problems that make a run meaningless come back as issues, never thrown. */
export function compilePlan(
  flow: FlowDocument,
  assumptions: Assumptions,
  options: PlanOptions,
): { plan: Plan | null; issues: Issue[] } {
  const table = compileRouteTable(flow);
  const plan = newPlan(flow, table, options.start);
  const ctx: Context = { plan, table, assumptions, issues: [], start: options.start };
  flow.nodes.forEach((node, i) => {
    if (node.type !== 'note' && plan.nodes[i]?.module === null) {
      ctx.issues.push(
        simulationIssue('sim_node_invalid', { nodeId: node.id }, { type: node.type }),
      );
    }
  });
  // Globals in name order, so the draws a lead makes at enrollment do not depend on edge order.
  for (const name of globalSignals(flow)) globalIndex(ctx, name);
  flow.transitions.forEach((t, k) => {
    const source = table.source[k] ?? -1;
    const target = table.target[k] ?? -1;
    if (source < 0 || target < 0) {
      ctx.issues.push(simulationIssue('sim_transition_dangling', { transitionId: t.id }));
    } else plan.transitions.push({ id: t.id, source, target });
  });
  for (const node of plan.nodes) attachRoutes(ctx, node);
  flattenSignals(plan);
  const goal = flow.settings.conversionGoal;
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
