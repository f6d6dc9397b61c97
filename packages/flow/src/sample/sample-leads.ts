import type { SampleLeadsSpec } from '../api/simulation.api.ts';
import type { LeadSnapshot } from '../lead/lead.schema.ts';
import { assertNever } from '../util/assert-never.ts';
import { generateFakeLeads, generateFakeLeadsWithProgress } from './fake-leads.ts';

/**
 * The leads of a simulation request. The browser worker and the server both call this, then
 * `simulate`, so the same request gives the same result in both places. Fake leads are
 * anchored at the simulation's start, so no clock is read.
 */
export function resolveSampleLeads(
  spec: SampleLeadsSpec,
  start: number,
  /** Fraction of the leads made so far; return false to stop (returns null). */
  onProgress?: (fraction: number) => boolean | undefined,
): LeadSnapshot[] | null {
  switch (spec.kind) {
    case 'fake':
      return onProgress
        ? generateFakeLeadsWithProgress(spec, start, (done) => onProgress(done / spec.count))
        : generateFakeLeads(spec, start);
    case 'inline':
      return spec.items;
    default:
      return assertNever(spec);
  }
}
