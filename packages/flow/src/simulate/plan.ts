import type { FlowDocument } from '../document/flow.schema.ts';
import type { NodeRoutes } from '../runtime/node-routes.ts';
import {
  compileRouteTable,
  FALLBACK_HOLD,
  nodeStep,
  type RouteTable,
  TIMED_DELAY,
} from '../runtime/route-table.ts';
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
  toMicro,
} from './plan-model.ts';
import { MS_PER_HOUR, type ResolvedDuration, resolveDuration } from './sim-time.ts';
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

const NO_TIME: ResolvedDuration = { ms: 0, months: 0 };

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
  const action = usable || node.type === 'split' ? nodeStep(routes) : ACTION.none;
  const timed = table.timed[index] ?? -1;
  const delayed = table.timedReason[index] === TIMED_DELAY;
  return {
    id: node.id,
    index,
    type: node.type,
    action,
    channel: usable?.channel ? CHANNELS.indexOf(usable.channel) : -1,
    costMicro: toMicro(node.cost ?? usable?.defaultCost ?? 0),
    module: usable,
    config,
    exclusive: action === ACTION.task || action === ACTION.http,
    auto: delayed ? -1 : timed,
    delay: delayed ? timed : -1,
    delayDuration: routes.timed?.after ?? NO_TIME,
    timeout: table.timeout[index] ?? -1,
    timeoutDuration: routes.timeout?.after ?? NO_TIME,
    signals: [],
    visitSignals: [],
    globalSignals: [],
    conditions: [],
    elseTransition: table.otherwise[index] ?? -1,
    hold: table.fallback[index] === FALLBACK_HOLD,
    splits: [],
    splitter: table.splitIndex[index] ?? null,
    goalValueMicro: toMicro(table.goalValue[index] ?? 0),
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
 * Attaches what only a simulation needs to the node's routes (in the runtime's order): the
 * assumption of each signal, the compiled test of each condition.
 */
function attachRoutes(ctx: Context, node: PlanNode): void {
  const { table } = ctx;
  const routes = table.routes[node.index];
  if (!routes) return;
  routes.signals.forEach((route, k) => {
    const slot = (table.signalStart[node.index] ?? 0) + k;
    const transition = table.signalTransition[slot] ?? -1;
    const visit = isVisitSignal(routes.node, route.signal);
    const assumption = visit ? ctx.assumptions.transitions[route.transition.id] : undefined;
    const [delayKind, delayA, delayB] = assumption ? delayParams(assumption.delay) : [0, 0, 0];
    node.signals.push({
      transition,
      signal: route.signal,
      global: visit ? -1 : globalIndex(ctx, route.signal),
      probability: assumption?.probability ?? 0,
      delayKind,
      delayA,
      delayB,
      lookbackMs: table.signalReach[slot] ?? 0,
    });
  });
  node.visitSignals = node.signals.filter((sig) => sig.global < 0);
  node.globalSignals = node.signals.filter((sig) => sig.global >= 0);
  routes.conditions.forEach((condition, k) => {
    const transition = table.conditionTransition[(table.conditionStart[node.index] ?? 0) + k] ?? -1;
    const order =
      condition.transition.trigger.kind === 'condition' ? condition.transition.trigger.order : 0;
    try {
      const test = compileCondition(condition.rule, ctx.start);
      node.conditions.push({ transition, order, test });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      ctx.issues.push(
        simulationIssue(
          'sim_condition_invalid',
          { transitionId: condition.transition.id },
          { detail },
        ),
      );
    }
  });
  routes.splits.forEach((split, k) => {
    const transition = table.splitTransition[(table.splitStart[node.index] ?? 0) + k] ?? -1;
    node.splits.push({ transition, weight: split.weight });
  });
  checkExclusive(ctx, node);
}

function checkExclusive(ctx: Context, node: PlanNode) {
  if (!node.exclusive) return;
  const sum = node.signals.reduce((s, sig) => s + (sig.global < 0 ? sig.probability : 0), 0);
  if (sum > 1 + 1e-9) {
    const percent = Math.round(sum * 1000) / 10;
    ctx.issues.push(simulationIssue('sim_outcomes_over_100', { nodeId: node.id }, { percent }));
  }
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
  const table = compileRouteTable(flow);
  const plan: Plan = {
    routes: table,
    nodes: table.routes.map((routes, i) => planNode(table, routes, i)),
    transitions: [],
    entry: -1,
    globals: [],
    goal: null,
    seed: settings.seed,
    fixedCostMicro: toMicro(settings.fixedCost),
    budgetCapMicro: settings.budgetCap === null ? null : toMicro(settings.budgetCap),
    controlShare: settings.controlShare,
  };
  const ctx: Context = { plan, table, assumptions, issues: [], start: options.start };
  const zoneDays = new ZoneDays(options.start);
  for (const node of plan.nodes) if (node.waitDays >= 0) node.zoneDays = zoneDays;
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
