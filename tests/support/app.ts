import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * Starts the real server process (`node apps/server/src/main.ts serve`) on a free loopback
 * port against the given database, waits until `/api/health` answers, and stops it with
 * SIGTERM like an operator would. End-to-end tests drive the app through it.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url));

export interface StartedApp {
  baseUrl: string;
  port: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 15 s). Returns the exit code. */
  stop(): Promise<number | null>;
}

export interface StartAppOptions {
  databaseUrl: string;
  /** Extra environment (e.g. RUMBO_WEB_DIST, LOG_LEVEL); wins over the defaults. */
  env?: Record<string, string>;
  /** Arguments after main.ts; default `['serve']`. */
  args?: string[];
  /** How long to wait for `/api/health`; default 60 s (the first start seeds the demo). */
  timeoutMs?: number;
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** Spawns `node apps/server/src/main.ts ARGS` with the given env; for start-up failure tests. */
export function spawnServer(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [MAIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the server command to completion; for commands expected to exit (bad config, migrate). */
export async function runServer(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnServer(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await waitForExit(child, timeoutMs);
  return { code, stdout, stderr };
}

export async function startApp(options: StartAppOptions): Promise<StartedApp> {
  const port = await freePort();
  const child = spawnServer(options.args ?? ['serve'], {
    LOG_LEVEL: 'info',
    ...options.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: options.databaseUrl,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);

  while (true) {
    if (child.exitCode !== null) {
      throw new Error(
        `the server exited with code ${child.exitCode} before it was ready:\n${output}`,
      );
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /api/health in time:\n${output}`);
    }
    const healthy = await fetch(`${baseUrl}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    baseUrl,
    port,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      return waitForExit(child, 15_000);
    },
  };
}

/**
 * Calls the started app's JSON API as a test's set-up does (publish, launch, signals): the body
 * of a 2xx answer, or an error naming the call and the problem the server returned.
 */
export async function apiJson(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const json: Record<string, unknown> = await response.json();
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  }
  return json;
}
