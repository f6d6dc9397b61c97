import { assertNever, type Issue, type SimulationResult } from '@rumbo/flow';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FromWorker, SimulationJob } from './worker-protocol.ts';

export type SimulationRunState =
  | { status: 'idle' }
  | { status: 'running'; fraction: number; leadSteps: number }
  | { status: 'done'; result: SimulationResult; json: string; ms: number }
  | { status: 'failed'; issues: Issue[] }
  | { status: 'cancelled' };

function parseResult(json: string): SimulationResult {
  // The worker made this text with JSON.stringify of a SimulationResult a moment ago.
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
