import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import {
  assertNever,
  type SimulationJobError,
  type SimulationJobState,
  type SimulationJobStatus,
} from '@rumbo/flow';
import { HttpProblem, notFound } from '../../errors/http-problem.ts';
import { locatedIssue } from './simulation.service.ts';
import type { FromSimulationWorker, SimulationWorkerInput } from './simulation-worker.protocol.ts';
import { SimulationWorkerPool } from './simulation-worker-pool.ts';

/**
 * Server-side simulations as in-memory jobs, each run in a worker thread (kept warm between
 * jobs by the pool) so the event loop keeps answering. At most `maxRunning` run at once (one per CPU), up to `maxQueued`
 * wait, and finished jobs are kept `keepMs` for their client to read. Nothing is stored: a
 * restart loses queued, running and finished jobs alike (the client simply runs it again).
 */

export interface SimulationJobsOptions {
  maxRunning?: number;
  maxQueued?: number;
  /** How long a finished job (and its result) stays readable. */
  keepMs?: number;
  /** Finished jobs kept at most; the oldest go first. */
  maxKept?: number;
  /** Heap limit of one worker: a run too large for it fails alone, the server lives on. */
  workerHeapMb?: number;
  /** How long a worker stays warm for the next job. */
  workerIdleMs?: number;
  onError?: (error: unknown) => void;
}

export interface SimulationJob {
  readonly id: string;
  readonly workspaceId: string;
  status: SimulationJobStatus;
  progress: number;
  leadSteps: number;
  readonly createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: SimulationJobError | undefined;
  /** The result as the worker's `JSON.stringify` made it. */
  json: string | null;
}

interface Entry {
  job: SimulationJob;
  input: SimulationWorkerInput | null;
  worker: Worker | null;
  /** Detaches this job's listeners from its (reusable) worker. */
  detach: () => void;
  listeners: Set<(job: SimulationJob) => void>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** A worker that died: out of memory (its heap limit) or anything else. */
function crashError(code: string | undefined, heapMb: number): SimulationJobError {
  return code === 'ERR_WORKER_OUT_OF_MEMORY'
    ? {
        code: 'out_of_memory',
        message: `the sample needs more than ${heapMb} MB; simulate fewer leads`,
      }
    : { code: 'worker_crashed', message: 'the simulation stopped unexpectedly' };
}

export const isFinished = (status: SimulationJobStatus) =>
  status === 'done' || status === 'failed' || status === 'cancelled';

export class SimulationJobs {
  readonly maxRunning: number;
  readonly maxQueued: number;
  private readonly keepMs: number;
  private readonly maxKept: number;
  private readonly workerHeapMb: number;
  private readonly onError: (error: unknown) => void;
  private readonly pool: SimulationWorkerPool;
  private readonly entries = new Map<string, Entry>();
  private readonly queue: Entry[] = [];
  private running = 0;
  private closed = false;

  constructor(options: SimulationJobsOptions = {}) {
    this.maxRunning = options.maxRunning ?? availableParallelism();
    this.maxQueued = options.maxQueued ?? 16;
    this.keepMs = options.keepMs ?? 15 * 60_000;
    this.maxKept = options.maxKept ?? 50;
    this.workerHeapMb = options.workerHeapMb ?? 2048;
    this.onError = options.onError ?? (() => {});
    this.pool = new SimulationWorkerPool({
      maxIdle: this.maxRunning,
      idleMs: options.workerIdleMs ?? 60_000,
      heapMb: this.workerHeapMb,
      onError: this.onError,
    });
  }

  /** Queues a checked simulation; 429 `rate_limited` when the queue is full. */
  submit(workspaceId: string, input: SimulationWorkerInput): SimulationJob {
    this.sweep(Date.now());
    if (this.queue.length >= this.maxQueued) {
      throw new HttpProblem(429, 'rate_limited', {
        detail: `${this.maxQueued} simulations are already waiting; try again when one finishes`,
      });
    }
    const job: SimulationJob = {
      id: randomUUID(),
      workspaceId,
      status: 'queued',
      progress: 0,
      leadSteps: 0,
      createdAt: Date.now(),
      startedAt: null,
      finishedAt: null,
      error: undefined,
      json: null,
    };
    const entry: Entry = { job, input, worker: null, detach: () => {}, listeners: new Set() };
    this.entries.set(job.id, entry);
    this.queue.push(entry);
    this.pump();
    return job;
  }

  /** The job of this workspace, or 404 (another workspace's jobs do not exist for it). */
  get(workspaceId: string, id: string): SimulationJob {
    this.sweep(Date.now());
    const entry = this.entries.get(id);
    if (!entry || entry.job.workspaceId !== workspaceId) throw notFound('simulation', id);
    return entry.job;
  }

  /** Stops a queued or running job (its worker is terminated); a finished one stays as it is. */
  cancel(workspaceId: string, id: string): SimulationJob {
    const job = this.get(workspaceId, id);
    const entry = this.entries.get(id);
    if (!entry || isFinished(job.status)) return job;
    const queued = this.queue.indexOf(entry);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.finish(entry, { status: 'cancelled' });
    return job;
  }

  /** Calls `listener` on every change of the job until it finishes; returns the unsubscribe. */
  subscribe(id: string, listener: (job: SimulationJob) => void): () => void {
    const entry = this.entries.get(id);
    if (!entry) return () => {};
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  }

  /** How many jobs wait ahead of this one. */
  queuePosition(job: SimulationJob): number | undefined {
    const index = this.queue.findIndex((e) => e.job === job);
    return index < 0 ? undefined : index;
  }

  /** The API view without the result. */
  state(job: SimulationJob): Omit<SimulationJobState, 'result'> {
    const position = this.queuePosition(job);
    return {
      id: job.id,
      status: job.status,
      progress: job.progress,
      leadSteps: job.leadSteps,
      ...(position === undefined ? {} : { queuePosition: position }),
      createdAt: new Date(job.createdAt).toISOString(),
      startedAt: iso(job.startedAt),
      finishedAt: iso(job.finishedAt),
      expiresAt: iso(job.finishedAt === null ? null : job.finishedAt + this.keepMs),
      ...(job.error ? { error: job.error } : {}),
    };
  }

  /** The state as JSON text with the result spliced in verbatim: `result` is the worker's bytes. */
  stateJson(job: SimulationJob): string {
    const head = JSON.stringify(this.state(job));
    return job.json === null ? head : `${head.slice(0, -1)},"result":${job.json}}`;
  }

  /** Terminates every worker and forgets every job (server shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    for (const entry of this.entries.values()) {
      if (!isFinished(entry.job.status)) this.finish(entry, { status: 'cancelled' });
    }
    await this.pool.close();
  }

  private pump() {
    while (!this.closed && this.running < this.maxRunning && this.queue.length > 0) {
      const entry = this.queue.shift();
      if (entry) this.start(entry);
    }
    // Queue positions moved for everyone still waiting.
    for (const waiting of this.queue) this.notify(waiting);
  }

  private start(entry: Entry) {
    const { job, input } = entry;
    this.running += 1;
    job.status = 'running';
    job.startedAt = Date.now();
    const worker = this.pool.acquire();
    entry.worker = worker;
    entry.input = null;
    const onMessage = (message: FromSimulationWorker) => this.onMessage(entry, message);
    const onError = (error: Error & { code?: string }) =>
      this.finish(entry, { status: 'failed', error: crashError(error.code, this.workerHeapMb) });
    const onExit = () =>
      this.finish(entry, { status: 'failed', error: crashError(undefined, this.workerHeapMb) });
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    entry.detach = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.postMessage(input);
    this.notify(entry);
  }

  private onMessage(entry: Entry, message: FromSimulationWorker) {
    if (entry.job.status !== 'running') return;
    switch (message.type) {
      case 'progress':
        entry.job.progress = Math.min(1, Math.max(0, message.fraction));
        entry.job.leadSteps = message.leadSteps;
        this.notify(entry);
        return;
      case 'done':
        entry.job.json = message.json;
        entry.job.progress = 1;
        this.finish(entry, { status: 'done' });
        return;
      case 'failed':
        this.finish(entry, {
          status: 'failed',
          error: {
            code: message.issues[0]?.code ?? 'simulation_failed',
            message: 'the simulation cannot run with these options, assumptions or flow',
            issues: message.issues.map((issue) => locatedIssue(issue, [])),
          },
        });
        return;
      default:
        assertNever(message);
    }
  }

  /** Settles a job once: later events (the exit after `done`, after a cancel) change nothing. */
  private finish(
    entry: Entry,
    outcome: { status: 'done' | 'failed' | 'cancelled'; error?: SimulationJobError },
  ) {
    const { job } = entry;
    if (isFinished(job.status)) return;
    const wasRunning = job.status === 'running';
    job.status = outcome.status;
    job.error = outcome.error;
    job.finishedAt = Date.now();
    const worker = entry.worker;
    entry.worker = null;
    entry.input = null;
    entry.detach();
    // Only a worker that answered (done, or the simulator's own issues) is known to be idle.
    const answered = outcome.status === 'done' || outcome.error?.issues !== undefined;
    if (worker) this.pool.release(worker, answered && !this.closed);
    this.notify(entry);
    entry.listeners.clear();
    if (wasRunning) {
      this.running -= 1;
      this.pump();
    }
  }

  private notify(entry: Entry) {
    for (const listener of entry.listeners) listener(entry.job);
  }

  /** Forgets finished jobs past their time, and the oldest beyond `maxKept`. */
  private sweep(now: number) {
    const finished = [...this.entries.values()].filter(
      (e) => e.job.finishedAt !== null && isFinished(e.job.status),
    );
    finished.sort((a, b) => (a.job.finishedAt ?? 0) - (b.job.finishedAt ?? 0));
    const excess = finished.length - this.maxKept;
    finished.forEach((entry, index) => {
      const expired = (entry.job.finishedAt ?? now) + this.keepMs <= now;
      if (expired || index < excess) this.entries.delete(entry.job.id);
    });
  }
}
