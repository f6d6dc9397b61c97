import { z } from 'zod';
import { ProblemIssue } from './problem.api.ts';

/**
 * A server-side simulation (`POST /api/v1/simulations` → 202): the request is
 * `SimulationRequest`, the run happens in a worker thread off the request, and the client
 * follows it with `GET /api/v1/simulations/:id` (polling) or `…/:id/events` (server-sent
 * events). The result, once done, is the exact JSON text the browser worker makes.
 */

export const SIMULATION_JOB_STATUSES = [
  'queued',
  'running',
  'done',
  'failed',
  'cancelled',
] as const;
export const SimulationJobStatus = z.enum(SIMULATION_JOB_STATUSES);
export type SimulationJobStatus = z.infer<typeof SimulationJobStatus>;

/** Why a job failed after it was accepted (bad input is refused at POST with a 400 instead). */
export const SimulationJobError = z.object({
  /** `worker_crashed`, `out_of_memory`, or a simulation issue code such as `sim_cancelled`. */
  code: z.string(),
  message: z.string(),
  issues: z.array(ProblemIssue).optional(),
});
export type SimulationJobError = z.infer<typeof SimulationJobError>;

export const SimulationJobState = z
  .object({
    id: z.uuid(),
    status: SimulationJobStatus,
    /** 0–1 over making the sample and simulating it (the browser's progress bar, the same way). */
    progress: z.number().min(0).max(1),
    /** Lead steps simulated so far. */
    leadSteps: z.number().int().min(0),
    /** Jobs ahead of this one while queued; absent otherwise. */
    queuePosition: z.number().int().min(0).optional(),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    /** When a finished job is forgotten (results live in memory only). */
    expiresAt: z.iso.datetime().nullable(),
    error: SimulationJobError.optional(),
    /** The `SimulationResult` when done, byte for byte what `JSON.stringify` made in the worker. */
    result: z.unknown().optional(),
  })
  .meta({ id: 'SimulationJobState' });
export type SimulationJobState = z.infer<typeof SimulationJobState>;

/** The 202 answer to `POST /api/v1/simulations`; `Location` names the job. */
export const SimulationJobAccepted = z
  .object({ id: z.uuid(), status: SimulationJobStatus })
  .meta({ id: 'SimulationJobAccepted' });
export type SimulationJobAccepted = z.infer<typeof SimulationJobAccepted>;

export const SimulationJobParams = z.object({ id: z.uuid() });
