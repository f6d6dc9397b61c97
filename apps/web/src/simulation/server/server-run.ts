import {
  assertNever,
  SimulationJobAccepted,
  type SimulationJobState,
  SimulationJobState as SimulationJobStateSchema,
} from '@rumbo/flow';
import { z } from 'zod';
import type { ApiClient } from '../../api/api-client.ts';
import { parseResult, type SimulationRunState } from '../worker/use-simulation-worker.ts';
import type { SimulationJob } from '../worker/worker-protocol.ts';

/**
 * A simulation run on the server (`POST /api/v1/simulations`, then polling its state) and
 * reported as the same `SimulationRunState`s the Web Worker gives, so the page shows one
 * progress bar and one result either way. The result keeps the server's bytes: it is the
 * worker's `JSON.stringify` text, and parsing then stringifying plain JSON gives it back.
 */

export const SERVER_POLL_MS = 400;

/** The page's view of a job's state: queued and running both show the progress bar. */
export function runStateOf(job: SimulationJobState): SimulationRunState {
  switch (job.status) {
    case 'queued':
    case 'running':
      return {
        status: 'running',
        fraction: job.progress,
        leadSteps: job.leadSteps,
        server: { queued: job.status === 'queued' },
      };
    case 'done': {
      const json = JSON.stringify(job.result);
      const ms =
        job.startedAt && job.finishedAt
          ? Date.parse(job.finishedAt) - Date.parse(job.startedAt)
          : 0;
      return { status: 'done', result: parseResult(json), json, ms, onServer: true };
    }
    case 'failed':
      return { status: 'failed', issues: [], ...(job.error ? { message: job.error.message } : {}) };
    case 'cancelled':
      return { status: 'cancelled' };
    default:
      return assertNever(job.status);
  }
}

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Runs `job` on the server, calling `onState` on every change until it settles. Aborting
 * `signal` cancels the job there (`DELETE`) and reports nothing more. Resolves to the job's
 * id (null when it was never accepted).
 */
export async function runOnServer(
  api: ApiClient,
  job: SimulationJob,
  onState: (state: SimulationRunState) => void,
  signal: AbortSignal,
  pollMs = SERVER_POLL_MS,
): Promise<string | null> {
  let id: string | null = null;
  const cancelThere = () => {
    if (id)
      void api.send('DELETE', `/api/v1/simulations/${id}`, undefined, z.unknown()).catch(() => {});
  };
  signal.addEventListener('abort', cancelThere);
  try {
    const accepted = await api.send(
      'POST',
      '/api/v1/simulations',
      { document: job.flow, leads: job.leads, assumptions: job.assumptions, options: job.options },
      // Not aborted mid-flight: a job the server accepted must get its id, to be cancelled.
      SimulationJobAccepted,
    );
    id = accepted.id;
    if (signal.aborted) {
      cancelThere();
      return id;
    }
    for (;;) {
      const state = await api.get(`/api/v1/simulations/${id}`, SimulationJobStateSchema, {
        signal,
      });
      if (signal.aborted) return id;
      const view = runStateOf(state);
      onState(view);
      if (view.status !== 'running') return id;
      await wait(pollMs, signal);
      if (signal.aborted) return id;
    }
  } catch (error) {
    if (!signal.aborted) {
      onState({
        status: 'failed',
        issues: [],
        message: error instanceof Error ? error.message : '',
      });
    }
    return id;
  } finally {
    signal.removeEventListener('abort', cancelThere);
  }
}
