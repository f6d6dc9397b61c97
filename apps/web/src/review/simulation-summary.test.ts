import { findTemplate, ReviewSimulationSummary, runSampleSimulation } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import { sourceOf, summariseSimulation } from './simulation-summary.ts';

describe('summariseSimulation', () => {
  it('keeps the totals and per-node counts of a run in the shape the review API accepts', () => {
    const flow = findTemplate('seed-free-sample')?.build('es');
    if (!flow) throw new Error('template missing');
    const leads = { kind: 'fake' as const, count: 500, locale: 'es' as const, seed: 's' };
    const { result } = runSampleSimulation({
      flow,
      leads,
      options: { seed: 's', start: Date.parse('2026-12-01T09:00:00Z'), horizonDays: 30 },
    });
    if (!result) throw new Error('simulation failed');
    const summary = summariseSimulation({
      result,
      draftRevision: 4,
      source: sourceOf(leads, false),
      ranAt: new Date('2026-12-01T10:00:00Z'),
    });
    expect(ReviewSimulationSummary.parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({
      draftRevision: 4,
      source: 'fake',
      leads: 500,
      cost: result.totals.cost,
      roi: result.totals.roi,
    });
    expect(summary.nodes.find((n) => n.nodeId === 'entry')?.entered).toBe(result.leads.treatment);
  });
});
