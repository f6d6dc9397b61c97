import { HISTORY_CHANNELS, type ResponseRate } from '../api/simulation.api.ts';
import type { FlowDocument } from '../document/flow.schema.ts';
import type { Assumptions, SignalAssumption } from './assumptions.ts';

/** Fewer sends than this say more about chance than about the audience: keep the default. */
export const MIN_HISTORY_SENDS = 30;

/** Where a calibrated probability came from: the rate and how many sends it rests on. */
export interface HistoryOrigin {
  rate: number;
  sent: number;
}

export interface Calibrated {
  assumptions: Assumptions;
  /** Per transition id whose probability now comes from history. */
  origins: Record<string, HistoryOrigin>;
}

type Channel = (typeof HISTORY_CHANNELS)[number];
const isChannel = (type: string): type is Channel => HISTORY_CHANNELS.some((c) => c === type);

/** Calls and webhooks have one outcome at most: their signals' chances must add up to ≤ 100 %. */
const EXCLUSIVE: ReadonlySet<Channel> = new Set(['call', 'webhook']);

/**
 * Shared by the simulate panel (its pre-filled assumptions) and anything on the server that
 * simulates with history, so both calibrate the same way.
 *
 * The channel defaults with each signal transition's probability replaced by the real
 * response rate of past campaigns for that signal and channel, where at least
 * `MIN_HISTORY_SENDS` sends back it. Delays keep their defaults (history has no timings yet).
 * A call or webhook whose calibrated outcomes would exceed 100 % together keeps its defaults.
 */
export function calibrateAssumptions(
  flow: FlowDocument,
  defaults: Assumptions,
  rates: readonly ResponseRate[],
): Calibrated {
  const byKey = new Map(rates.map((r) => [`${r.channel}:${r.signal}`, r]));
  const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
  const transitions: Record<string, SignalAssumption> = { ...defaults.transitions };
  const origins: Record<string, HistoryOrigin> = {};
  const perNode = new Map<string, string[]>();
  for (const t of flow.transitions) {
    const base = defaults.transitions[t.id];
    const node = nodes.get(t.source);
    if (!base || !node || t.trigger.kind !== 'signal' || !isChannel(node.type)) continue;
    const rate = byKey.get(`${node.type}:${t.trigger.signal}`);
    if (!rate || rate.sent < MIN_HISTORY_SENDS) continue;
    transitions[t.id] = { ...base, probability: rate.rate, source: 'history' };
    origins[t.id] = { rate: rate.rate, sent: rate.sent };
    if (EXCLUSIVE.has(node.type)) perNode.set(node.id, [...(perNode.get(node.id) ?? []), t.id]);
  }
  for (const [nodeId, calibrated] of perNode) {
    const outgoing = flow.transitions.filter((t) => t.source === nodeId && transitions[t.id]);
    const sum = outgoing.reduce((total, t) => total + (transitions[t.id]?.probability ?? 0), 0);
    if (sum <= 1) continue;
    for (const id of calibrated) {
      const base = defaults.transitions[id];
      if (base) transitions[id] = base;
      delete origins[id];
    }
  }
  return { assumptions: { transitions, globals: defaults.globals }, origins };
}
