import type { Channel, NodeModule } from '../catalogue/node-module.ts';
import type { NodeId, TransitionId } from '../ids.ts';
import { NODE_STEP, type NodeStep, type RouteTable } from '../runtime/route-table.ts';
import type { ConditionTest } from './condition.ts';
import type { LeadUpdate } from './lead-update.ts';
import type { ResolvedDuration } from './sim-time.ts';
import type { ZoneDays } from './zone-days.ts';

/**
 * The compiled form of a flow the simulator runs: nodes and transitions numbered, each node's
 * outgoing transitions in the tables the transition logic reads. Built by `compilePlan`.
 */

/** What a node does on a visit (the runtime's `NODE_STEP`). */
export const ACTION = NODE_STEP;
export type ActionCode = NodeStep;

export const CHANNELS = ['email', 'sms', 'call', 'webhook'] as const satisfies readonly Channel[];
export const DELAY_FIXED = 0;
export const DELAY_UNIFORM = 1;
export const DELAY_EXPONENTIAL = 2;

export interface PlanSignal {
  transition: number;
  signal: string;
  /** Index into `plan.globals`, or -1 for a signal the visit itself causes. */
  global: number;
  probability: number;
  delayKind: number;
  /** fixed: ms; uniform: min ms; exponential: mean ms. */
  delayA: number;
  /** uniform: max ms. */
  delayB: number;
  /** Global signals: how far back before the visit an earlier arrival still counts (ms). */
  lookbackMs: number;
}

/** A node as traces, the stepper and the result describe it; the hot loop reads `Plan`'s arrays. */
export interface PlanNode {
  id: NodeId;
  index: number;
  type: string;
  action: ActionCode;
  /** Index into CHANNELS, or -1. */
  channel: number;
  /** Cost per acting visit in millionths of the currency: integer sums are exact and order-free. */
  costMicro: number;
  module: NodeModule | null;
  config: unknown;
  /** In the runtime's order (by transition id). */
  signals: PlanSignal[];
  conditions: { transition: number; order: number }[];
  splits: { transition: number; weight: number }[];
  goalValueMicro: number;
}

export interface PlanTransition {
  id: TransitionId;
  source: number;
  target: number;
}

export interface PlanGlobal {
  signal: string;
  probability: number;
  delayKind: number;
  delayA: number;
  delayB: number;
}

export interface Plan {
  /** The runtime's routing tables: timed routes, timeouts, branch fallback, splits, targets. */
  routes: RouteTable;
  nodes: PlanNode[];
  transitions: PlanTransition[];
  entry: number;
  globals: PlanGlobal[];
  /** The conversion goal: index into `globals`, its window and value; null if the campaign has none. */
  goal: { global: number; windowMs: ResolvedDuration; valueMicro: number } | null;
  seed: string;
  fixedCostMicro: number;
  budgetCapMicro: number | null;
  controlShare: number;
  /** Per node, for the hot loop (same values as `nodes`). */
  action: readonly ActionCode[];
  channel: Int8Array;
  costMicro: Float64Array;
  goalValueMicro: Float64Array;
  /** Outcomes exclude each other (call, webhook): one categorical draw instead of one per signal. */
  exclusive: Uint8Array;
  /** A wait of whole days / weeks on the lead's calendar, in days (else -1): `zoneDays` computes it. */
  waitDays: Int32Array;
  zoneDays: ZoneDays;
  /** Update nodes: the module's `applyUpdate`, copy-on-write (null: call the module). */
  leadUpdate: (LeadUpdate | null)[];
  /**
   * Signals a visit causes, per node the slice [visitStart[n], visitStart[n + 1]) in the
   * runtime's order: transition, probability, delay distribution.
   */
  visitStart: Int32Array;
  visitTransition: Int32Array;
  visitProbability: Float64Array;
  visitDelayKind: Uint8Array;
  /** fixed: ms; uniform: min ms; exponential: mean ms. */
  visitDelayA: Float64Array;
  /** uniform: max ms. */
  visitDelayB: Float64Array;
  /** Global signals a node listens for, likewise: transition, index into `globals`, look-back ms. */
  globalStart: Int32Array;
  globalTransition: Int32Array;
  globalSignal: Int32Array;
  globalReach: Float64Array;
  /** Compiled branch conditions, aligned with `routes.conditionTransition`. */
  conditionTests: ConditionTest[];
}

export interface PlanOptions {
  seed: string;
  start: number;
  entryNodeId?: string | undefined;
}

/** Money in millionths of the currency unit. */
export const MICRO = 1_000_000;
export const toMicro = (amount: number): number =>
  Number.isFinite(amount) ? Math.round(amount * MICRO) : 0;
