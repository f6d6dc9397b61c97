import { Worker } from 'node:worker_threads';

const WORKER_URL = new URL('./simulation.worker.ts', import.meta.url);

export interface SimulationWorkerPoolOptions {
  /** Idle workers kept at most (the jobs' concurrency). */
  maxIdle: number;
  /** An idle worker is ended after this long, giving its memory back. */
  idleMs: number;
  /** Heap limit of one worker: a run too large for it fails alone, the server lives on. */
  heapMb: number;
  onError: (error: unknown) => void;
}

/**
 * Worker threads for simulations, kept warm between jobs: starting one loads `@rumbo/flow`
 * from source (about half a second of CPU), more than a small simulation takes. A worker
 * that was cancelled or crashed is terminated, never reused; idle ones do not keep the
 * process alive and end after `idleMs`.
 */
export class SimulationWorkerPool {
  private readonly idle: Worker[] = [];
  private readonly timers = new Map<Worker, ReturnType<typeof setTimeout>>();
  private readonly all = new Set<Worker>();
  private readonly options: SimulationWorkerPoolOptions;

  constructor(options: SimulationWorkerPoolOptions) {
    this.options = options;
  }

  acquire(): Worker {
    const warm = this.idle.pop();
    if (warm) {
      clearTimeout(this.timers.get(warm));
      this.timers.delete(warm);
      warm.ref();
      return warm;
    }
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
    });
    this.all.add(worker);
    // An idle worker has no job listening: its errors are only logged.
    worker.on('error', this.options.onError);
    worker.once('exit', () => this.forget(worker));
    return worker;
  }

  /** Takes a worker back after its job: kept warm when it is healthy, else terminated. */
  release(worker: Worker, reusable: boolean) {
    if (!reusable || !this.all.has(worker) || this.idle.length >= this.options.maxIdle) {
      this.terminate(worker);
      return;
    }
    worker.unref();
    this.idle.push(worker);
    const timer = setTimeout(() => this.terminate(worker), this.options.idleMs);
    timer.unref();
    this.timers.set(worker, timer);
  }

  async close(): Promise<void> {
    await Promise.all([...this.all].map((worker) => this.terminate(worker)));
  }

  private terminate(worker: Worker): Promise<unknown> {
    this.forget(worker);
    return worker.terminate().catch(this.options.onError);
  }

  private forget(worker: Worker) {
    this.all.delete(worker);
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
    clearTimeout(this.timers.get(worker));
    this.timers.delete(worker);
  }
}
