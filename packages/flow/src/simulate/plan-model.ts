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
  /** Outcomes exclude each other (call, webhook): one categorical draw instead of one per signal. */
  exclusive: boolean;
  auto: number;
  delay: number;
  delayDuration: ResolvedDuration;
  timeout: number;
  timeoutDuration: ResolvedDuration;
  signals: PlanSignal[];
  /** `signals` split in the same order: those the visit causes and the global ones (hot loop). */
  visitSignals: PlanSignal[];
  globalSignals: PlanSignal[];
  conditions: { transition: number; order: number; test: ConditionTest }[];
  elseTransition: number;
  /** Branch in `hold` mode: waits for the timeout instead of leaving by `else`. */
  hold: boolean;
  splits: { transition: number; weight: number }[];
  splitter: ((leadKey: string) => number) | null;
  goalValueMicro: number;
  /** A wait of whole days / weeks on the lead's calendar, in days (else -1): `zoneDays` computes it. */
  waitDays: number;
  /** Shared by the plan's wait nodes; null when `waitDays` is -1. */
  zoneDays: ZoneDays | null;
  /** Update nodes: the module's `applyUpdate`, copy-on-write (null: call the module). */
  leadUpdate: LeadUpdate | null;
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
  /** The runtime's routing tables this plan was built from. */
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
