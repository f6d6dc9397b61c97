import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { SimulationRunState } from '../worker/use-simulation-worker.ts';
import type { SimulationJob } from '../worker/worker-protocol.ts';
import { runOnServer } from './server-run.ts';

/**
 * `useSimulationWorker`'s twin for large samples: the same `{state, run, cancel}`, but the run
 * happens on the server. Cancel (or leaving the page) cancels the job there too.
 */
export function useServerSimulation() {
  const api = useApi();
  const controllerRef = useRef<AbortController | null>(null);
  const [state, setState] = useState<SimulationRunState>({ status: 'idle' });

  const stop = useCallback(() => {
    controllerRef.current?.abort();
    controllerRef.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const run = useCallback(
    (job: SimulationJob) => {
      stop();
      const controller = new AbortController();
      controllerRef.current = controller;
      setState({ status: 'running', fraction: 0, leadSteps: 0, server: { queued: true } });
      void runOnServer(api, job, setState, controller.signal);
    },
    [api, stop],
  );

  const cancel = useCallback(() => {
    stop();
    setState({ status: 'cancelled' });
  }, [stop]);

  return { state, run, cancel };
}
