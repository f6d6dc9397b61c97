import type { NodeModule } from '../catalogue/node-module.ts';
import { findNodeModule } from '../catalogue/registry.ts';
import type { FlowDocument, FlowNode, Lookback, Transition } from '../document/flow.schema.ts';
import { compareIds, createSplitter } from '../hash/assignment.ts';
import type { SegmentRule } from '../segment/rule.schema.ts';
import { type ResolvedDuration, resolveDuration } from '../simulate/sim-time.ts';
import { assertNever } from '../util/assert-never.ts';

/**
 * A node's outgoing transitions sorted into the tables the transition rules of DESIGN §4 read,
 * in the same order the simulator uses (conditions by `order` then id; signals and splits by
 * id), so the runner takes the same transition as the simulator for the same lead. Pure: the
 * runner turns these tables into set-based SQL, it never re-derives them.
 */

export interface SignalRoute {
  transition: Transition;
  signal: string;
  /** For `clicked`: one link instead of any. */
  link: string | null;
  lookback: Lookback;
  includeMachine: boolean;
}

export interface TimedRoute {
  transition: Transition;
  /** Zero for `auto`. */
  after: ResolvedDuration;
  /** The trigger: a lead leaves by `auto` at once, by `delay` after `after` (which may be 0). */
  kind: 'auto' | 'delay' | 'timeout';
}

export interface NodeRoutes {
  node: FlowNode;
  module: NodeModule | null;
  /** The node's config parsed by its module (defaults filled in); null if it does not parse. */
  config: unknown;
  /** `auto` or `delay`: taken after the action. */
  timed: TimedRoute | null;
  timeout: TimedRoute | null;
  signals: SignalRoute[];
  conditions: { transition: Transition; rule: SegmentRule }[];
  otherwise: Transition | null;
  /** Branch in `hold` mode: no condition holds → wait for the timeout instead of `else`. */
  hold: boolean;
  splits: { transition: Transition; weight: number }[];
}

const NO_TIME: ResolvedDuration = { ms: 0, months: 0 };
const byId = (a: { transition: Transition }, b: { transition: Transition }) =>
  compareIds(a.transition.id, b.transition.id);

function parsedConfig(node: FlowNode, module: NodeModule | null): unknown {
  if (!module) return null;
  const parsed = module.configSchema.safeParse(node.config);
  return parsed.success ? parsed.data : null;
}

function isHold(config: unknown): boolean {
  return (
    typeof config === 'object' && config !== null && 'mode' in config && config.mode === 'hold'
  );
}

/**
 * Sorts one node's outgoing transitions (in document order) into its tables. The rules, for
 * the runner and the simulator alike: an `auto` transition wins over a `delay` (the validator
 * rejects having both: `multiple_auto`); of several timeouts, `else` or `auto` transitions the
 * last counts; conditions by `order` then id; signals and splits by id, so reordering edges on
 * the canvas never changes a draw or a branch.
 */
function routesOf(node: FlowNode, outgoing: readonly Transition[]): NodeRoutes {
  const module = findNodeModule(node.type) ?? null;
  const config = parsedConfig(node, module);
  const routes: NodeRoutes = {
    node,
    module,
    config,
    timed: null,
    timeout: null,
    signals: [],
    conditions: [],
    otherwise: null,
    hold: node.type === 'branch' && isHold(config),
    splits: [],
  };
  const conditions: { transition: Transition; rule: SegmentRule; order: number }[] = [];
  let auto: TimedRoute | null = null;
  let delay: TimedRoute | null = null;
  for (const transition of outgoing) {
    const trigger = transition.trigger;
    switch (trigger.kind) {
      case 'auto':
        auto = { transition, after: NO_TIME, kind: 'auto' };
        break;
      case 'delay':
        delay = { transition, after: resolveDuration(trigger), kind: 'delay' };
        break;
      case 'timeout':
        routes.timeout = { transition, after: resolveDuration(trigger), kind: 'timeout' };
        break;
      case 'signal':
        routes.signals.push({
          transition,
          signal: trigger.signal,
          link: trigger.link ?? null,
          lookback: trigger.lookback ?? { kind: 'step' },
          includeMachine: trigger.includeMachine ?? false,
        });
        break;
      case 'condition':
        conditions.push({ transition, rule: trigger.rule, order: trigger.order });
        break;
      case 'else':
        routes.otherwise = transition;
        break;
      case 'split':
        routes.splits.push({ transition, weight: trigger.weight });
        break;
      default:
        assertNever(trigger, 'transition trigger');
    }
  }
  routes.timed = auto ?? delay;
  conditions.sort((a, b) => a.order - b.order || byId(a, b));
  routes.conditions = conditions.map(({ transition, rule }) => ({ transition, rule }));
  routes.signals.sort(byId);
  routes.splits.sort(byId);
  return routes;
}

/** The routing tables of one node, or null if the flow has no such node. */
export function nodeRoutes(flow: FlowDocument, nodeId: string): NodeRoutes | null {
  const node = flow.nodes.find((n) => n.id === nodeId);
  if (!node) return null;
  return routesOf(
    node,
    flow.transitions.filter((t) => t.source === nodeId),
  );
}

/** The routing tables of every node, in document order: `nodeRoutes` for all, in one pass. */
export function flowRoutes(flow: FlowDocument): NodeRoutes[] {
  const outgoing = new Map<string, Transition[]>();
  for (const t of flow.transitions) {
    const list = outgoing.get(t.source);
    if (list) list.push(t);
    else outgoing.set(t.source, [t]);
  }
  return flow.nodes.map((node) => routesOf(node, outgoing.get(node.id) ?? []));
}

/**
 * The split transition each lead takes, by the shared hash (`splitBranch`): the same branch the
 * simulator picks. Returns a function so the prefix is hashed once per node and batch.
 */
export function createSplitChooser(
  routes: NodeRoutes,
  seed: string,
): (leadKey: string) => Transition | null {
  const split = createSplitIndex(routes, seed);
  return (leadKey) => routes.splits[split(leadKey)]?.transition ?? null;
}

/** `createSplitChooser` as an index into `routes.splits` (-1: no positive weight). */
export function createSplitIndex(routes: NodeRoutes, seed: string): (leadKey: string) => number {
  const weights = routes.splits.map((s) => s.weight);
  return createSplitter({ nodeId: routes.node.id, seed, weights });
}

/**
 * Whether a stored signal may move a lead through this route: same name, same link when the
 * route names one, and machine-made signals only when the route includes them.
 */
export function signalMatchesRoute(
  route: SignalRoute,
  signal: { name: string; link: string | null; machine: boolean },
): boolean {
  if (route.signal !== signal.name) return false;
  if (route.link !== null && route.link !== signal.link) return false;
  return route.includeMachine || !signal.machine;
}

/**
 * The earliest instant (epoch ms) a signal may have occurred and still count at a visit that
 * began at `visitStart` of a journey that began at `enrolledAt`: since the step (default), since
 * enrollment, or a window before the visit — never before enrollment.
 */
export function lookbackStart(lookback: Lookback, visitStart: number, enrolledAt: number): number {
  switch (lookback.kind) {
    case 'step':
      return visitStart;
    case 'enrollment':
      return enrolledAt;
    case 'window':
      return Math.max(enrolledAt, visitStart - lookbackReach(lookback));
  }
}

/**
 * How far before a visit a signal may have occurred and still count, in ms (a month counts as
 * 31 days): 0 for the step itself, Infinity for the whole enrollment (`lookbackStart` then
 * stops at the enrollment).
 */
export function lookbackReach(lookback: Lookback): number {
  switch (lookback.kind) {
    case 'step':
      return 0;
    case 'enrollment':
      return Number.POSITIVE_INFINITY;
    case 'window': {
      const d = resolveDuration(lookback.duration);
      return d.ms + d.months * 31 * 86_400_000;
    }
  }
}

/**
 * Where a lead goes when no branch condition holds: a `hold` branch waits for its timeout
 * (for ever without one); otherwise it leaves by `else`; without `else` it is stuck (the
 * runner fails the journey with `no_transition`).
 */
export type BranchFallback = 'hold' | 'else' | 'stuck';

export function branchFallback(routes: NodeRoutes): BranchFallback {
  if (routes.hold) return 'hold';
  return routes.otherwise ? 'else' : 'stuck';
}

/**
 * How a journey ends at this node: a goal converts (with the goal's value), an exit leaves;
 * null for every other node.
 */
export function journeyEnd(
  routes: NodeRoutes,
): { kind: 'goal'; value: number } | { kind: 'exit' } | null {
  const module = routes.module;
  if (module?.action === 'exit') return { kind: 'exit' };
  if (module?.action !== 'goal') return null;
  const value = module.goalValue && routes.config !== null ? module.goalValue(routes.config) : 0;
  return { kind: 'goal', value };
}

/** Whether leads wait here for something (a signal or a timeout) after the action. */
export function waitsAfterAction(routes: NodeRoutes): boolean {
  return routes.signals.length > 0 || (routes.timeout !== null && routes.conditions.length === 0);
}
