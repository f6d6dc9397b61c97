import type { FlowDocument, Issue, SampleSimulationInput } from '@rumbo/flow';

/** What the page sends the simulation worker: everything `runSampleSimulation` needs. */
export interface SimulationJob {
  flow: FlowDocument;
  leads: SampleSimulationInput['leads'];
  assumptions: SampleSimulationInput['assumptions'];
  options: SampleSimulationInput['options'];
  /**
   * The workspace's contact policies in force (`policiesInForce`); the server reads the same
   * from the workspace itself, so both give the same bytes.
   */
  policies?: SampleSimulationInput['policies'];
}

export type ToWorker = { type: 'run'; job: SimulationJob } | { type: 'cancel' };

/**
 * What the worker answers. The result travels as the JSON text `runSampleSimulation` made, so
 * the page (and the e2e test) see exactly the bytes the server would send for the same job.
 */
export type FromWorker =
  | { type: 'progress'; fraction: number; leadSteps: number }
  | { type: 'done'; json: string; ms: number }
  | { type: 'failed'; issues: Issue[] }
  | { type: 'cancelled' };
