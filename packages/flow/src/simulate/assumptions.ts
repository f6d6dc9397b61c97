import { z } from 'zod';
import type { Channel, NodeModule } from '../catalogue/node-module.ts';
import { findNodeModule, parseNodeConfig } from '../catalogue/registry.ts';
import { isEngagementSignal } from '../catalogue/signals.ts';
import type { FlowDocument, FlowNode } from '../document/flow.schema.ts';
import { MS_PER_DAY, MS_PER_HOUR, resolveDuration } from './sim-time.ts';

/**
 * What the reviewer assumes leads will do: per signal transition, the chance the signal
 * arrives and how long after the action it takes; per global signal (a lead event such as
 * `purchased`, and the campaign's conversion goal), the chance the lead emits it during the
 * simulation and when, counted from enrollment.
 *
 * Meaning of `probability` (one rule everywhere): the chance that this signal arrives for a
 * lead at this node, on its own. The signals of a message (email, SMS) are independent of
 * each other — each is drawn separately and the earliest wins, as in the runner where the
 * first signal to arrive moves the lead. The outcomes of a call or a webhook exclude each
 * other — one outcome (or none) is drawn, so their probabilities must sum to at most 1.
 * Either way a signal arriving after the timeout loses to it. Marginal rates are what the
 * history of past campaigns measures (opens per email sent), so calibrated numbers mean the
 * same thing whatever else the node listens for.
 */

const MAX_HOURS = 10 * 366 * 24;
const Hours = z.number().min(0).max(MAX_HOURS);

export const DelayDistribution = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), hours: Hours }),
  z
    .object({ kind: z.literal('uniform'), minHours: Hours, maxHours: Hours })
    .refine((d) => d.minHours <= d.maxHours, {
      message: 'minHours must not exceed maxHours',
      path: ['maxHours'],
    }),
  z.object({ kind: z.literal('exponential'), meanHours: z.number().positive().max(MAX_HOURS) }),
]);
export type DelayDistribution = z.infer<typeof DelayDistribution>;

export const ASSUMPTION_SOURCES = ['default', 'user', 'history'] as const;
export const AssumptionSource = z.enum(ASSUMPTION_SOURCES);
export type AssumptionSource = z.infer<typeof AssumptionSource>;

export const SignalAssumption = z.object({
  /** 0–1: the chance the signal arrives (see the module comment for competing signals). */
  probability: z.number().min(0).max(1),
  delay: DelayDistribution,
  /** Where the number comes from: a channel default, the reviewer, or past campaigns. */
  source: AssumptionSource.default('user'),
});
export type SignalAssumption = z.infer<typeof SignalAssumption>;

export const Assumptions = z.object({
  /** Keyed by transition id: signal transitions whose signal a node visit causes. */
  transitions: z.record(z.string(), SignalAssumption).default({}),
  /** Keyed by signal name: lead events, drawn once per lead, delay counted from enrollment. */
  globals: z.record(z.string(), SignalAssumption).default({}),
});
export type Assumptions = z.infer<typeof Assumptions>;

const exp = (probability: number, meanHours: number): SignalAssumption => ({
  probability,
  delay: { kind: 'exponential', meanHours },
  source: 'default',
});
const uni = (probability: number, minHours: number, maxHours: number): SignalAssumption => ({
  probability,
  delay: { kind: 'uniform', minHours, maxHours },
  source: 'default',
});

/** Channel defaults; "opened 30 % within about a day" is an exponential with an 8 h mean (95 % by 24 h). */
const CHANNEL_DEFAULTS: Record<Channel, Record<string, SignalAssumption>> = {
  email: {
    delivered: uni(0.97, 0, 0.25),
    opened: exp(0.3, 8),
    clicked: exp(0.08, 12),
    replied: exp(0.02, 24),
    bounced: uni(0.02, 0, 0.25),
    unsubscribed: exp(0.005, 24),
  },
  sms: {
    delivered: uni(0.98, 0, 0.1),
    failed: uni(0.02, 0, 0.1),
    clicked: exp(0.05, 2),
    replied: exp(0.03, 4),
  },
  call: {
    objective_achieved: uni(0.15, 1, 48),
    interested: uni(0.2, 1, 48),
    not_interested: uni(0.25, 1, 48),
    no_answer: uni(0.4, 1, 48),
  },
  webhook: { success: uni(0.98, 0, 0.01), failure: uni(0.02, 0, 0.01) },
};
const UNKNOWN_SIGNAL = exp(0.05, 24);
const CUSTOM_OUTCOME_SHARE = 0.1;
const GLOBAL_DEFAULT_PROBABILITY = 0.05;
const GLOBAL_DEFAULT_WINDOW_DAYS = 30;

/** The module and parsed config of a node, or null for unknown types and invalid configs. */
export function nodeModuleOf(node: FlowNode): { module: NodeModule; config: unknown } | null {
  const module = findNodeModule(node.type);
  const config = parseNodeConfig(node);
  return module && config !== null ? { module, config } : null;
}

/**
 * Whether a visit of `node` causes `signal` (sampled per visit) rather than it being a lead
 * event (drawn once per lead). Engagement signals waited for at a node that is not a message
 * stand for "any earlier message of that channel" and are sampled per visit too.
 */
export function isVisitSignal(node: FlowNode, signal: string): boolean {
  const resolved = nodeModuleOf(node);
  if (resolved?.module.signals(resolved.config).includes(signal)) return true;
  return isEngagementSignal(signal);
}

/** Global signals of a flow: lead events its transitions wait for, plus the conversion goal. */
export function globalSignals(flow: FlowDocument): string[] {
  const names = new Set<string>();
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  for (const t of flow.transitions) {
    if (t.trigger.kind !== 'signal') continue;
    const source = byId.get(t.source);
    if (source && !isVisitSignal(source, t.trigger.signal)) names.add(t.trigger.signal);
  }
  if (flow.settings.conversionGoal) names.add(flow.settings.conversionGoal.signal);
  return [...names].sort();
}

/** Call outcomes exclude each other: custom outcomes get 10 % each and all shrink to fit 100 %. */
function callOutcomeScale(outcomes: readonly string[]): number {
  const total = outcomes.reduce(
    (sum, o) => sum + (CHANNEL_DEFAULTS.call[o]?.probability ?? CUSTOM_OUTCOME_SHARE),
    0,
  );
  return total > 1 ? 1 / total : 1;
}

function visitDefault(
  node: FlowNode,
  signal: string,
  outcomes: readonly string[],
): SignalAssumption {
  const channel = nodeModuleOf(node)?.module.channel ?? null;
  if (channel === 'call') {
    const base = CHANNEL_DEFAULTS.call[signal] ?? uni(CUSTOM_OUTCOME_SHARE, 1, 48);
    return { ...copyOf(base), probability: base.probability * callOutcomeScale(outcomes) };
  }
  return copyOf(CHANNEL_DEFAULTS[channel ?? 'email'][signal] ?? UNKNOWN_SIGNAL);
}

/**
 * A fresh copy of a shared default: callers edit what `defaultAssumptions` returns (a form, a
 * test setting every probability), and that must never change the defaults of later runs.
 */
function copyOf(assumption: SignalAssumption): SignalAssumption {
  return { ...assumption, delay: { ...assumption.delay } };
}

function globalDefault(flow: FlowDocument, signal: string): SignalAssumption {
  const goal = flow.settings.conversionGoal;
  const windowHours =
    goal && goal.signal === signal
      ? Math.min(MAX_HOURS, Math.max(1, windowMs(goal.window) / MS_PER_HOUR))
      : (GLOBAL_DEFAULT_WINDOW_DAYS * MS_PER_DAY) / MS_PER_HOUR;
  return uni(GLOBAL_DEFAULT_PROBABILITY, 0, windowHours);
}

function windowMs(window: {
  amount: number;
  unit: 'minutes' | 'hours' | 'days' | 'weeks' | 'months';
}) {
  const resolved = resolveDuration(window);
  return resolved.ms + resolved.months * 30 * MS_PER_DAY;
}

/** Signal names the node's outgoing signal transitions wait for, in transition order. */
function outcomesOf(flow: FlowDocument, node: FlowNode): string[] {
  return flow.transitions
    .filter((t) => t.source === node.id && t.trigger.kind === 'signal')
    .map((t) => (t.trigger.kind === 'signal' ? t.trigger.signal : ''));
}

/** Every assumption the flow needs, filled with channel defaults (`source: 'default'`). */
export function defaultAssumptions(flow: FlowDocument): Assumptions {
  const transitions: Record<string, SignalAssumption> = {};
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  for (const t of flow.transitions) {
    const source = byId.get(t.source);
    if (t.trigger.kind !== 'signal' || !source || !isVisitSignal(source, t.trigger.signal))
      continue;
    transitions[t.id] = visitDefault(source, t.trigger.signal, outcomesOf(flow, source));
  }
  const globals: Record<string, SignalAssumption> = {};
  for (const name of globalSignals(flow)) globals[name] = globalDefault(flow, name);
  return { transitions, globals };
}

/** The reviewer's assumptions over the defaults: what they set wins, the rest is filled in. */
export function mergeAssumptions(flow: FlowDocument, given: Assumptions | undefined): Assumptions {
  const defaults = defaultAssumptions(flow);
  if (!given) return defaults;
  return {
    transitions: { ...defaults.transitions, ...given.transitions },
    globals: { ...defaults.globals, ...given.globals },
  };
}
