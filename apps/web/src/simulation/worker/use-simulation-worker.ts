import { assertNever, type Issue, type SimulationResult } from '@rumbo/flow';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FromWorker, SimulationJob } from './worker-protocol.ts';

/**
 * One run as the page shows it, wherever it ran: in this Web Worker or on the server
 * (`server/use-server-simulation.ts`), so both share the progress bar, cancel and results.
 */
export type SimulationRunState =
  | { status: 'idle' }
  | {
      status: 'running';
      fraction: number;
      leadSteps: number;
      /** Set for a server run; `queued` while it waits for a free worker there. */
      server?: { queued: boolean };
    }
  | { status: 'done'; result: SimulationResult; json: string; ms: number; onServer?: boolean }
  /** `message`: an already translated reason when there are no simulation issues to list. */
  | { status: 'failed'; issues: Issue[]; message?: string }
  | { status: 'cancelled' };

export function parseResult(json: string): SimulationResult {
  // The simulator made this text with JSON.stringify of a SimulationResult (here or on the server).
  const parsed: SimulationResult = JSON.parse(json);
  return parsed;
}

/**
 * Runs simulations in a Web Worker with progress and cancel. Cancel terminates the worker
 * (a computing worker reads no messages) and the next run starts a fresh one, so the page
 * never waits for a simulation it no longer wants.
 */
export function useSimulationWorker() {
  const workerRef = useRef<Worker | null>(null);
  const [state, setState] = useState<SimulationRunState>({ status: 'idle' });

  const stop = useCallback(() => {
    workerRef.current?.terminate();
    workerRef.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const run = useCallback(
    (job: SimulationJob) => {
      stop();
      const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), {
        type: 'module',
      });
      workerRef.current = worker;
      setState({ status: 'running', fraction: 0, leadSteps: 0 });
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const message = event.data;
        switch (message.type) {
          case 'progress':
            setState({
              status: 'running',
              fraction: message.fraction,
              leadSteps: message.leadSteps,
            });
            return;
          case 'done':
            setState({
              status: 'done',
              result: parseResult(message.json),
              json: message.json,
              ms: message.ms,
            });
            stop();
            return;
          case 'failed':
            setState({ status: 'failed', issues: message.issues });
            stop();
            return;
          case 'cancelled':
            setState({ status: 'cancelled' });
            stop();
            return;
          default:
            assertNever(message);
        }
      };
      worker.onerror = () => {
        setState({ status: 'failed', issues: [] });
        stop();
      };
      worker.postMessage({ type: 'run', job });
    },
    [stop],
  );

  const cancel = useCallback(() => {
    stop();
    setState({ status: 'cancelled' });
  }, [stop]);

  return { state, run, cancel };
}
