import type { Issue, SampleSimulationInput } from '@rumbo/flow';

/** One job for a simulation worker thread (a message): `runSampleSimulation`'s input. */
export type SimulationWorkerInput = Omit<SampleSimulationInput, 'onProgress'>;

/**
 * What it posts back: progress while it runs, then the result as the JSON text
 * `runSampleSimulation` made (the very bytes the browser's worker makes), or the issues.
 * Cancelling terminates the thread, so there is no message for it.
 */
export type FromSimulationWorker =
  | { type: 'progress'; fraction: number; leadSteps: number }
  | { type: 'done'; json: string }
  | { type: 'failed'; issues: Issue[] };
