import type { SampleLeadsSpec } from '../api/simulation.api.ts';
import type { FlowDocument } from '../document/flow.schema.ts';
import type { ContactPolicies } from '../policy/policy.schema.ts';
import type { Assumptions } from '../simulate/assumptions.ts';
import type { SimulationResult } from '../simulate/result.ts';
import type { SimulationProgress } from '../simulate/run.ts';
import { type SimulationOptions, simulate } from '../simulate/simulate.ts';
import { simulationIssue } from '../simulate/simulation-issues.ts';
import type { Issue } from '../validate/issue.ts';
import { resolveSampleLeads } from './sample-leads.ts';

export interface SampleSimulationInput {
  flow: FlowDocument;
  leads: SampleLeadsSpec;
  assumptions?: Assumptions | undefined;
  options: SimulationOptions;
  /** The workspace's contact policies (`simulate`'s `policies`); absent, none apply. */
  policies?: ContactPolicies | undefined;
  /** Making the sample, then simulating it (0–1 each); return false to cancel. */
  onProgress?: (progress: SampleProgress) => boolean | undefined;
}

export interface SampleProgress extends SimulationProgress {
  phase: 'leads' | 'simulate';
}

export interface SampleSimulationOutcome {
  result: SimulationResult | null;
  /** `JSON.stringify(result)`: the bytes the browser worker and the server both answer with. */
  json: string | null;
  issues: Issue[];
}

/**
 * The one code path of a reviewer's simulation, shared by the browser's Web Worker and
 * `POST /api/v1/simulations`: build the sample, simulate, serialise. Keeping it in one
 * function is what makes "same input, same bytes" hold by construction (and it is tested).
 */
export function runSampleSimulation(input: SampleSimulationInput): SampleSimulationOutcome {
  const report = input.onProgress;
  const leads = resolveSampleLeads(
    input.leads,
    input.options.start,
    report && ((fraction) => report({ phase: 'leads', fraction, leadSteps: 0 })),
  );
  if (leads === null)
    return { result: null, json: null, issues: [simulationIssue('sim_cancelled', {})] };
  const { result, issues } = simulate({
    flow: input.flow,
    leads,
    assumptions: input.assumptions,
    options: input.options,
    policies: input.policies,
    ...(report
      ? { onProgress: (p: SimulationProgress) => report({ ...p, phase: 'simulate' }) }
      : {}),
  });
  return { result, json: result ? JSON.stringify(result) : null, issues };
}
