import type { FlowDocument, Transition } from '../document/flow.schema.ts';
import type { NodeId, TransitionId } from '../ids.ts';
import {
  branchFallback,
  createSplitIndex,
  flowRoutes,
  journeyEnd,
  lookbackReach,
  type NodeRoutes,
} from './node-routes.ts';

/**
 * The routing tables of a whole flow (`flowRoutes`) numbered once, for code that moves many
 * leads at a time (the simulator's hot loop): nodes and transitions by index in document
 * order, every table a typed array, each node's signals, conditions and splits a slice
 * `[start[n], start[n + 1])` of one flat array. A projection of `NodeRoutes` — it decides no
 * rule of its own, so a lead takes the same transition here as in the runner.
 */

/** What a node does when a lead arrives; numbers, so hot loops switch on small integers. */
export const NODE_STEP = {
  enter: 0,
  send: 1,
  task: 2,
  hold: 3,
  branch: 4,
  split: 5,
  update: 6,
  http: 7,
  goal: 8,
  exit: 9,
  none: 10,
} as const;
export type NodeStep = (typeof NODE_STEP)[keyof typeof NODE_STEP];

/** Why a lead leaves by its timed route (`timedReason`): `auto` at once, `delay` after it. */
export const TIMED_AUTO = 0;
export const TIMED_DELAY = 1;

/** `branchFallback` as a number. */
export const FALLBACK_STUCK = 0;
export const FALLBACK_ELSE = 1;
export const FALLBACK_HOLD = 2;

/** No transition (an index of -1). */
export const NO_ROUTE = -1;

export interface RouteTable {
  routes: readonly NodeRoutes[];
  nodeIds: readonly NodeId[];
  /** Node index by id (the last node of an id, should a document repeat one). */
  nodeIndex: ReadonlyMap<string, number>;
  transitionIds: readonly TransitionId[];
  /** Per transition: its source and target node index, NO_ROUTE if the document lacks it. */
  source: Int32Array;
  target: Int32Array;
  /** Per node. */
  step: Uint8Array;
  timed: Int32Array;
  timedReason: Uint8Array;
  timedMs: Float64Array;
  timedMonths: Float64Array;
  timeout: Int32Array;
  timeoutMs: Float64Array;
  timeoutMonths: Float64Array;
  otherwise: Int32Array;
  fallback: Uint8Array;
  /** Goal value of goal nodes (0 elsewhere). */
  goalValue: Float64Array;
  /** Slices of the flat per-route arrays below, `nodes + 1` long. */
  signalStart: Int32Array;
  signalTransition: Int32Array;
  signalName: readonly string[];
  /** `lookbackReach` of each signal route, ms. */
  signalReach: Float64Array;
  conditionStart: Int32Array;
  conditionTransition: Int32Array;
  splitStart: Int32Array;
  splitTransition: Int32Array;
  splitWeight: Float64Array;
  /** Per node: the split index by lead key (`createSplitIndex`), null for non-split nodes. */
  splitIndex: readonly (((leadKey: string) => number) | null)[];
}

const FALLBACK_CODE = { stuck: FALLBACK_STUCK, else: FALLBACK_ELSE, hold: FALLBACK_HOLD } as const;

/** What the node does: its module's action, with `route` told apart into branch and split. */
export function nodeStep(routes: NodeRoutes): NodeStep {
  if (routes.node.type === 'split') return NODE_STEP.split;
  const action = routes.module?.action ?? 'none';
  return action === 'route' ? NODE_STEP.branch : NODE_STEP[action];
}

/** Fills `start` (prefix sums of the slice lengths) and returns the total. */
function slices(routes: readonly NodeRoutes[], length: (r: NodeRoutes) => number): Int32Array {
  const start = new Int32Array(routes.length + 1);
  routes.forEach((r, n) => {
    start[n + 1] = (start[n] ?? 0) + length(r);
  });
  return start;
}

export function compileRouteTable(flow: FlowDocument): RouteTable {
  const routes = flowRoutes(flow);
  const n = routes.length;
  const nodeIndex = new Map<string, number>(flow.nodes.map((node, i) => [node.id, i]));
  const transitionIndex = new Map(flow.transitions.map((t, i) => [t, i]));
  const index = (route: { transition: Transition } | null): number =>
    route ? (transitionIndex.get(route.transition) ?? NO_ROUTE) : NO_ROUTE;
  const signalStart = slices(routes, (r) => r.signals.length);
  const conditionStart = slices(routes, (r) => r.conditions.length);
  const splitStart = slices(routes, (r) => r.splits.length);
  const table: RouteTable = {
    routes,
    nodeIds: flow.nodes.map((node) => node.id),
    nodeIndex,
    transitionIds: flow.transitions.map((t) => t.id),
    source: Int32Array.from(flow.transitions, (t) => nodeIndex.get(t.source) ?? NO_ROUTE),
    target: Int32Array.from(flow.transitions, (t) => nodeIndex.get(t.target) ?? NO_ROUTE),
    step: Uint8Array.from(routes, nodeStep),
    timed: Int32Array.from(routes, (r) => index(r.timed)),
    timedReason: Uint8Array.from(routes, (r) => (r.timed?.kind === 'delay' ? TIMED_DELAY : 0)),
    timedMs: Float64Array.from(routes, (r) => r.timed?.after.ms ?? 0),
    timedMonths: Float64Array.from(routes, (r) => r.timed?.after.months ?? 0),
    timeout: Int32Array.from(routes, (r) => index(r.timeout)),
    timeoutMs: Float64Array.from(routes, (r) => r.timeout?.after.ms ?? 0),
    timeoutMonths: Float64Array.from(routes, (r) => r.timeout?.after.months ?? 0),
    otherwise: Int32Array.from(routes, (r) =>
      index(r.otherwise ? { transition: r.otherwise } : null),
    ),
    fallback: Uint8Array.from(routes, (r) => FALLBACK_CODE[branchFallback(r)]),
    goalValue: Float64Array.from(routes, (r) => {
      const end = journeyEnd(r);
      return end?.kind === 'goal' ? end.value : 0;
    }),
    signalStart,
    signalTransition: new Int32Array(signalStart[n] ?? 0),
    signalName: routes.flatMap((r) => r.signals.map((s) => s.signal)),
    signalReach: new Float64Array(signalStart[n] ?? 0),
    conditionStart,
    conditionTransition: new Int32Array(conditionStart[n] ?? 0),
    splitStart,
    splitTransition: new Int32Array(splitStart[n] ?? 0),
    splitWeight: new Float64Array(splitStart[n] ?? 0),
    splitIndex: routes.map((r) =>
      r.splits.length > 0 ? createSplitIndex(r, flow.settings.seed) : null,
    ),
  };
  routes.forEach((r, node) => {
    r.signals.forEach((s, k) => {
      const slot = (signalStart[node] ?? 0) + k;
      table.signalTransition[slot] = index(s);
      table.signalReach[slot] = lookbackReach(s.lookback);
    });
    r.conditions.forEach((c, k) => {
      table.conditionTransition[(conditionStart[node] ?? 0) + k] = index(c);
    });
    r.splits.forEach((s, k) => {
      const slot = (splitStart[node] ?? 0) + k;
      table.splitTransition[slot] = index(s);
      table.splitWeight[slot] = s.weight;
    });
  });
  return table;
}
