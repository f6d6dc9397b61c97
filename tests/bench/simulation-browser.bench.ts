/**
 * Browser simulation benchmark: 100,000 fake leads (env SIM_LEADS) through a 20-node flow in
 * headless Chromium, in the built app's own Web Worker (apps/web/dist), exactly as the simulate
 * page runs it. Prints the wall time from "run" to the parsed result on the main thread (target
 * < 1 s), the worker's own time, the same job in Node in this process as the baseline (CPU
 * time; ratio), the fake leads' share of it, and the main thread's responsiveness during the
 * run: the longest task (Long Tasks API) and the longest gap between animation frames. Best of
 * three runs. Never fails on time.
 * Run: pnpm --filter @rumbo/web run build && node tests/bench/simulation-browser.bench.ts
 * Before/after: build the older commit with `vite build --outDir DIR` and run with SIM_DIST=DIR.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFakeLeads, runSampleSimulation } from '@rumbo/flow';
import { launchBrowser } from '../support/browser.ts';
import { benchFlow } from './bench-flow.ts';

const LEADS = Number(process.env.SIM_LEADS ?? 100_000);
const RUNS = 3;
/** SIM_DIST: another build of the app (e.g. of the commit before a change) to compare with. */
const DIST = process.env.SIM_DIST
  ? join(process.env.SIM_DIST, '/')
  : fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));
const START = Date.parse('2026-12-01T09:00:00Z');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.html': 'text/html',
  '.css': 'text/css',
};

/** The built app's files, plus an empty page to host the worker. */
function serve(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/'));
    if (path === '/bench.html') {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>bench</title><p>bench</p>');
      return;
    }
    const file = join(DIST, path);
    if (!file.startsWith(DIST) || !existsSync(file)) return void res.writeHead(404).end();
    res
      .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    }),
  );
}

interface BrowserRun {
  wallMs: number;
  workerMs: number;
  parseMs: number;
  longestTaskMs: number;
  longestFrameGapMs: number;
  progressMessages: number;
  bytes: number;
}

/**
 * CPU time of one call in this process: on a shared machine wall time mostly measures the
 * other processes, and the Node figures are the baseline the browser's are compared with.
 */
function cpuMs(run: () => unknown): number {
  const before = process.cpuUsage();
  run();
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / 1000;
}

/** Runs in the page: start the worker, watch the main thread until the result is parsed. */
async function inPage(args: { workerUrl: string; job: unknown }): Promise<BrowserRun> {
  let longestTaskMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, entry.duration);
  });
  observer.observe({ type: 'longtask' });
  let longestFrameGapMs = 0;
  let last = performance.now();
  let watching = true;
  const frame = (now: number) => {
    longestFrameGapMs = Math.max(longestFrameGapMs, now - last);
    last = now;
    if (watching) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const started = performance.now();
  const worker = new Worker(args.workerUrl, { type: 'module' });
  let progressMessages = 0;
  const done = await new Promise<{ json: string; ms: number }>((resolve, reject) => {
    worker.onmessage = (event) => {
      const m = event.data;
      if (m.type === 'progress') progressMessages++;
      else if (m.type === 'done') resolve(m);
      else reject(new Error(JSON.stringify(m)));
    };
    worker.postMessage({ type: 'run', job: args.job });
  });
  const parseStart = performance.now();
  JSON.parse(done.json);
  const end = performance.now();
  watching = false;
  worker.terminate();
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  return {
    wallMs: end - started,
    workerMs: done.ms,
    parseMs: end - parseStart,
    longestTaskMs,
    longestFrameGapMs,
    progressMessages,
    bytes: done.json.length,
  };
}

async function main() {
  const assets = existsSync(join(DIST, 'assets')) ? readdirSync(join(DIST, 'assets')) : [];
  const workerFile = assets.find((f) => /^simulation\.worker-.*\.js$/.test(f));
  if (!workerFile) {
    console.info('The web app is not built: run `pnpm --filter @rumbo/web run build` first.');
    return;
  }
  const flow = benchFlow();
  const job = {
    flow,
    leads: { kind: 'fake' as const, count: LEADS, locale: 'es' as const, seed: 'bench' },
    options: { seed: 'bench', start: START, horizonDays: 60 },
  };
  const { server, origin } = await serve();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    page.on('crash', () => console.error('the page crashed'));
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${origin}/bench.html`);
    const runs: BrowserRun[] = [];
    const nodeMs: number[] = [];
    const leadsMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await page.evaluate(inPage, { workerUrl: `${origin}/assets/${workerFile}`, job }));
      nodeMs.push(cpuMs(() => runSampleSimulation(job)));
      leadsMs.push(cpuMs(() => generateFakeLeads(job.leads, START)));
    }
    const best = runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
    const node = Math.min(...nodeMs);
    const leadsOnly = Math.min(...leadsMs);
    const worst = (key: 'longestTaskMs' | 'longestFrameGapMs') =>
      Math.max(...runs.map((r) => r[key]));
    const f = (ms: number) => `${ms.toFixed(0)} ms`;
    console.info(
      `simulation in the browser worker: ${LEADS.toLocaleString('en')} fake leads, 20-node flow (best of ${RUNS})`,
    );
    console.info(
      `  wall, run → parsed result:  ${f(best.wallMs)}  (target < 1000 ms: ${best.wallMs < 1000 ? 'met' : 'NOT met'})`,
    );
    console.info(
      `  inside the worker:          ${f(best.workerMs)}  (fake leads + simulate + JSON.stringify)`,
    );
    console.info(
      `  JSON.parse on main thread:  ${f(best.parseMs)}  (${(best.bytes / 1024).toFixed(0)} KiB, ${best.progressMessages} progress messages)`,
    );
    console.info(
      `  same job in Node, CPU (baseline): ${f(node)}  → browser/Node ratio ${(best.workerMs / node).toFixed(2)}`,
    );
    console.info(
      `    of which the fake leads:  ${f(leadsOnly)}  (${((100 * leadsOnly) / node).toFixed(0)} % of the Node job)`,
    );
    console.info(
      `  main thread, longest task:  ${f(worst('longestTaskMs'))}  (0 = none over 50 ms)`,
    );
    console.info(`  main thread, longest frame gap: ${f(worst('longestFrameGapMs'))}`);
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
