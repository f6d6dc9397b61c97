/// <reference lib="webworker" />
import { runSampleSimulation } from '@rumbo/flow';
import type { FromWorker, SimulationJob, ToWorker } from './worker-protocol.ts';

/**
 * Runs a simulation off the main thread. The simulator calls `onProgress` every 65,536
 * events; cancelling needs the worker to hear a message while it computes, which a busy loop
 * never does — so the page cancels by terminating the worker, and this flag only covers a
 * cancel that arrives between jobs.
 */

const LEADS_SHARE = 0.5;
let cancelled = false;
const post = (message: FromWorker) => self.postMessage(message);

function run(job: SimulationJob) {
  cancelled = false;
  const started = performance.now();
  const outcome = runSampleSimulation({
    ...job,
    // One bar for both phases: making fake leads costs about as much as simulating them.
    onProgress: ({ phase, fraction, leadSteps }) => {
      const overall =
        phase === 'leads' ? fraction * LEADS_SHARE : LEADS_SHARE + fraction * (1 - LEADS_SHARE);
      post({ type: 'progress', fraction: overall, leadSteps });
      return !cancelled;
    },
  });
  if (outcome.json !== null) {
    post({ type: 'done', json: outcome.json, ms: performance.now() - started });
  } else if (outcome.issues.some((issue) => issue.code === 'sim_cancelled')) {
    post({ type: 'cancelled' });
  } else post({ type: 'failed', issues: outcome.issues });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'cancel') cancelled = true;
  else run(message.job);
};
