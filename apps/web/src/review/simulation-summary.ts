import type { ReviewSimulationSummary, SampleLeadsSpec, SimulationResult } from '@rumbo/flow';

/** Where a simulation's leads came from, as a review records it. */
export type SummarySource = ReviewSimulationSummary['source'];

export function sourceOf(leads: SampleLeadsSpec, fromSegment: boolean): SummarySource {
  if (fromSegment) return 'segment';
  return leads.kind === 'fake' ? 'fake' : 'csv';
}

/**
 * What a review keeps of a run: the totals a reviewer decides on and per node how many
 * entered and still wait — not every path, so a stored review stays small.
 */
export function summariseSimulation(input: {
  result: SimulationResult;
  draftRevision: number;
  source: SummarySource;
  ranAt: Date;
}): ReviewSimulationSummary {
  const { result } = input;
  const { totals } = result;
  return {
    draftRevision: input.draftRevision,
    ranAt: input.ranAt.toISOString(),
    source: input.source,
    leads: result.leads.total,
    seed: result.seed,
    start: result.start,
    horizonDays: result.horizonDays,
    cost: totals.cost,
    revenue: totals.revenue,
    roi: totals.roi,
    conversions: totals.conversions,
    costPerConversion: totals.costPerConversion,
    waitingAtHorizon: totals.waitingAtHorizon,
    messages: { ...totals.messages },
    nodes: result.nodes.map((n) => ({ nodeId: n.nodeId, entered: n.entered, waiting: n.waiting })),
    transitions: result.transitions.map((t) => ({ transitionId: t.transitionId, count: t.count })),
  };
}
