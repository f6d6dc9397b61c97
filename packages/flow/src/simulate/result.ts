import type { NodeId, TransitionId } from '../ids.ts';
import type { LeadJourney } from './journey.ts';
import { MICRO } from './plan.ts';
import type { PolicyCounts } from './policy-gate.ts';
import {
  type SimulationRun,
  STATE_CONTROL,
  STATE_ENDED,
  STATE_STEP_BUDGET,
  STATE_STUCK,
} from './run.ts';
import { isoDate, MS_PER_DAY } from './sim-time.ts';

/**
 * What `simulate` returns: plain JSON (arrays in document order, fixed key order, money
 * rounded to 1e-6) so `JSON.stringify` of the same input is byte-identical everywhere.
 */

export interface ChannelCounts {
  email: number;
  sms: number;
  call: number;
  webhook: number;
}

export interface NodeStats {
  nodeId: NodeId;
  type: string;
  entered: number;
  /** Acted: the message was sent, the task created, the lead updated. */
  acted: number;
  skipped: { consent: number; budget: number };
  left: number;
  /** Still at the node when the horizon came. */
  waiting: number;
  /** Journeys that ended here (goal, exit). */
  ended: number;
  /** Leads that stopped here because no transition applied or the step budget ran out. */
  stuck: number;
  stepBudget: number;
  /** Conversions counted while leads were here (goal nodes, or the goal signal arriving). */
  converted: number;
  cost: number;
  revenue: number;
}

export interface DayStats {
  day: number;
  /** UTC date, `YYYY-MM-DD`. */
  date: string;
  entered: number;
  messages: ChannelCounts;
  conversions: number;
  cost: number;
  revenue: number;
}

export interface GroupStats {
  leads: number;
  conversions: number;
  /** conversions / leads, null for an empty group. */
  conversionRate: number | null;
}

export interface PathStats {
  nodeIds: NodeId[];
  count: number;
  /** Of the treatment leads. */
  share: number;
}

export interface SimulationTotals {
  leadSteps: number;
  messages: ChannelCounts;
  fixedCost: number;
  variableCost: number;
  /** fixed + variable, counting only steps that acted. */
  cost: number;
  revenue: number;
  conversions: number;
  /** (revenue − cost) / cost; null when the cost is 0 (never treated as 1). */
  roi: number | null;
  costPerConversion: number | null;
  waitingAtHorizon: number;
  ended: number;
  stuck: number;
  stepBudget: number;
  /** Sends skipped because the budget cap was reached. */
  budgetSkips: number;
}

export interface Uplift {
  /** Treatment rate − control rate (absolute); null without both groups. */
  absolute: number | null;
  /** Treatment rate / control rate − 1; null without both groups or with a zero control rate. */
  relative: number | null;
  /** Conversions the campaign caused beyond the control group's rate. */
  incrementalConversions: number | null;
}

export interface SimulationResult {
  version: 1;
  seed: string;
  start: number;
  end: number;
  horizonDays: number;
  leads: { total: number; treatment: number; control: number };
  totals: SimulationTotals;
  treatment: GroupStats;
  control: GroupStats;
  uplift: Uplift;
  nodes: NodeStats[];
  transitions: { transitionId: TransitionId; count: number }[];
  timeline: DayStats[];
  /** The most common paths, most frequent first. */
  paths: PathStats[];
  otherPaths: { count: number; share: number };
  /** Step-by-step journeys of the first `traceLeads` leads. */
  journeys: LeadJourney[];
  /** What the workspace's contact policies held back; only when the run was given policies. */
  policies?: PolicyCounts;
}

/** Money and rates to 1e-6, so float noise never reaches the JSON. */
export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const money = (micro: number): number => micro / MICRO;
const ratio = (a: number, b: number): number | null => (b === 0 ? null : round6(a / b));

function channelCounts(values: (channel: number) => number): ChannelCounts {
  return { email: values(0), sms: values(1), call: values(2), webhook: values(3) };
}

function nodeStats(run: SimulationRun): NodeStats[] {
  return run.plan.nodes.map((node, n) => ({
    nodeId: node.id,
    type: node.type,
    entered: run.tally.entered[n] ?? 0,
    acted: run.tally.acted[n] ?? 0,
    skipped: { consent: run.tally.skippedConsent[n] ?? 0, budget: run.tally.skippedBudget[n] ?? 0 },
    left: run.tally.left[n] ?? 0,
    waiting: run.tally.waitingAt[n] ?? 0,
    ended: run.tally.endedAt[n] ?? 0,
    stuck: run.tally.stuckAt[n] ?? 0,
    stepBudget: run.tally.stepBudgetAt[n] ?? 0,
    converted: run.tally.convertedAt[n] ?? 0,
    cost: money(run.tally.nodeCost[n] ?? 0),
    revenue: money(run.tally.nodeRevenue[n] ?? 0),
  }));
}

function timeline(run: SimulationRun): DayStats[] {
  const days: DayStats[] = [];
  for (let d = 0; d < run.settings.days; d++) {
    days.push({
      day: d,
      date: isoDate(run.settings.start + d * MS_PER_DAY),
      entered: run.tally.dayEntered[d] ?? 0,
      messages: channelCounts((c) => run.tally.dayMessages[d * 4 + c] ?? 0),
      conversions: run.tally.dayConversions[d] ?? 0,
      cost: money(run.tally.dayCost[d] ?? 0),
      revenue: money(run.tally.dayRevenue[d] ?? 0),
    });
  }
  return days;
}

function pathTable(run: SimulationRun, treatment: number, maxPaths: number) {
  const counts = new Map<number, number>();
  run.tally.pathCounts.forEach((count, path) => {
    if (count > 0) counts.set(path, count);
  });
  const nodesOf = (path: number): NodeId[] =>
    run.paths.nodesOf(path).flatMap((n) => {
      const node = run.plan.nodes[n];
      return node ? [node.id] : [];
    });
  const rows = [...counts.entries()]
    .filter(([path]) => path > 0)
    .map(([path, count]) => ({ nodeIds: nodesOf(path), count }))
    .map((row) => ({ ...row, sortKey: row.nodeIds.join('\u0000') }))
    .sort(
      (a, b) => b.count - a.count || (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0),
    );
  const shown = rows.slice(0, maxPaths);
  const shownCount = shown.reduce((s, r) => s + r.count, 0);
  const share = (count: number) => (treatment === 0 ? 0 : round6(count / treatment));
  return {
    paths: shown.map(({ nodeIds, count }) => ({ nodeIds, count, share: share(count) })),
    otherPaths: { count: treatment - shownCount, share: share(treatment - shownCount) },
  };
}

function journeys(run: SimulationRun): LeadJourney[] {
  const out: LeadJourney[] = [];
  const limit = Math.min(run.settings.traceLeads, run.leads.length);
  for (let i = 0; i < limit; i++) {
    const state = run.state[run.slot(i)] ?? 0;
    const control = state === STATE_CONTROL;
    const goal = run.plan.goal;
    out.push({
      leadKey: run.leads[i]?.key ?? '',
      control,
      status: journeyStatus(state),
      steps: run.traces[i] ?? [],
      conversion:
        control && goal && run.converted[run.slot(i)] === 1
          ? { at: run.goalTime(i), value: money(goal.valueMicro), via: 'signal' }
          : null,
    });
  }
  return out;
}

function journeyStatus(state: number): LeadJourney['status'] {
  switch (state) {
    case STATE_ENDED:
      return 'ended';
    case STATE_STUCK:
      return 'stuck';
    case STATE_STEP_BUDGET:
      return 'stepBudget';
    case STATE_CONTROL:
      return 'control';
    default:
      return 'waiting';
  }
}

function group(leads: number, conversions: number): GroupStats {
  return { leads, conversions, conversionRate: ratio(conversions, leads) };
}

function uplift(treatment: GroupStats, control: GroupStats): Uplift {
  const t = treatment.conversionRate;
  const c = control.conversionRate;
  if (t === null || c === null) {
    return { absolute: null, relative: null, incrementalConversions: null };
  }
  return {
    absolute: round6(t - c),
    relative: c === 0 ? null : round6(t / c - 1),
    incrementalConversions: round6((t - c) * treatment.leads),
  };
}

export function buildResult(
  run: SimulationRun,
  options: { horizonDays: number; maxPaths: number },
): SimulationResult {
  const nodes = nodeStats(run);
  const sum = (pick: (n: NodeStats) => number) => nodes.reduce((s, n) => s + pick(n), 0);
  const treatmentLeads = run.leads.length - run.tally.control;
  const conversions = sum((n) => n.converted);
  const revenue = money(run.tally.nodeRevenue.reduce((s, v) => s + v, 0));
  const variableCost = money(run.tally.variableCost);
  const cost = money(run.plan.fixedCostMicro + run.tally.variableCost);
  const treatment = group(treatmentLeads, conversions);
  const control = group(run.tally.control, run.tally.controlConversions);
  const messages = channelCounts((c) => {
    let total = 0;
    for (let d = 0; d < run.settings.days; d++) total += run.tally.dayMessages[d * 4 + c] ?? 0;
    return total;
  });
  return {
    version: 1,
    seed: run.settings.drawSeed,
    start: run.settings.start,
    end: run.settings.end,
    horizonDays: options.horizonDays,
    leads: { total: run.leads.length, treatment: treatmentLeads, control: run.tally.control },
    totals: {
      leadSteps: run.tally.leadSteps,
      messages,
      fixedCost: money(run.plan.fixedCostMicro),
      variableCost,
      cost,
      revenue,
      conversions,
      roi: cost === 0 ? null : round6((revenue - cost) / cost),
      costPerConversion: ratio(cost, conversions),
      waitingAtHorizon: sum((n) => n.waiting),
      ended: sum((n) => n.ended),
      stuck: sum((n) => n.stuck),
      stepBudget: sum((n) => n.stepBudget),
      budgetSkips: sum((n) => n.skipped.budget),
    },
    treatment,
    control,
    uplift: uplift(treatment, control),
    nodes,
    transitions: run.plan.transitions.map((t, k) => ({
      transitionId: t.id,
      count: run.tally.transitionCount[k] ?? 0,
    })),
    timeline: timeline(run),
    ...pathTable(run, treatmentLeads, options.maxPaths),
    journeys: journeys(run),
    // Only with contact policies: without them the result is what it was before policies.
    ...(run.gate ? { policies: { ...run.gate.counts } } : {}),
  };
}
