import { parentPort } from 'node:worker_threads';
import { runSampleSimulation } from '@rumbo/flow';
import type { FromSimulationWorker, SimulationWorkerInput } from './simulation-worker.protocol.ts';

/**
 * Server-side simulations in their own thread, so a 200,000-lead run never blocks the event
 * loop; one job per message, the thread kept warm between jobs by the pool. It calls
 * `runSampleSimulation` — the browser worker's code path — unchanged, and reports progress
 * through its `onProgress` hook, mapped to one bar for both phases exactly as
 * `apps/web/src/simulation/worker/simulation.worker.ts` does. Cancel terminates the thread.
 */

const LEADS_SHARE = 0.5;
const post = (message: FromSimulationWorker) => parentPort?.postMessage(message);

function run(input: SimulationWorkerInput) {
  const outcome = runSampleSimulation({
    ...input,
    onProgress: ({ phase, fraction, leadSteps }) => {
      const overall =
        phase === 'leads' ? fraction * LEADS_SHARE : LEADS_SHARE + fraction * (1 - LEADS_SHARE);
      post({ type: 'progress', fraction: overall, leadSteps });
      return true;
    },
  });
  if (outcome.json !== null) post({ type: 'done', json: outcome.json });
  else post({ type: 'failed', issues: outcome.issues });
}

parentPort?.on('message', (input: SimulationWorkerInput) => run(input));
