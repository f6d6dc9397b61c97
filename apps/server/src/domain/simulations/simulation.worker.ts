import { parentPort, workerData } from 'node:worker_threads';
import { runSampleSimulation } from '@rumbo/flow';
import type { FromSimulationWorker, SimulationWorkerInput } from './simulation-worker.protocol.ts';

/**
 * One server-side simulation in its own thread, so a 200,000-lead run never blocks the
 * event loop. It calls `runSampleSimulation` — the browser worker's code path — unchanged,
 * and reports progress through its `onProgress` hook, mapped to one bar for both phases
 * exactly as `apps/web/src/simulation/worker/simulation.worker.ts` does.
 */

const LEADS_SHARE = 0.5;
const input: SimulationWorkerInput = workerData;
const post = (message: FromSimulationWorker) => parentPort?.postMessage(message);

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
