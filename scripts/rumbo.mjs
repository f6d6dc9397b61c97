#!/usr/bin/env node
// `npm start` and `npm test` go through this file. It must run on any Node >= 18 with
// npm only, so it is plain JavaScript with no dependencies: it fetches a current Node
// and pnpm from the npm registry into .tools/ when the machine lacks them, installs the
// workspace with the frozen lockfile, builds the web app, then hands over to Node 24.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '24.21.0';
const PNPM_VERSION = '10.34.9';
const MIN_NODE = [22, 12];

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const tools = join(root, '.tools');
const toolsBin = join(tools, 'node_modules', '.bin');

function say(message) {
  process.stdout.write(`rumbo · ${message}\n`);
}

function fail(message) {
  process.stderr.write(`rumbo · ${message}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

/**
 * Runs a step that downloads (npm, pnpm) up to three times: a registry connection reset in the
 * middle of a fresh machine's set-up should cost a pause, not the whole run. Each command is
 * safe to repeat (installs into a prefix or a lockfile-pinned node_modules).
 */
function runWithRetries(command, args, options = {}) {
  const pauses = [5, 15];
  let status = run(command, args, options);
  for (const pause of pauses) {
    if (status === 0) break;
    say(`${command} failed (exit ${status}); trying again in ${pause} s …`);
    spawnSync('sleep', [String(pause)]);
    status = run(command, args, options);
  }
  return status;
}

function capture(command, args, env) {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: root, env });
  return result.status === 0 ? result.stdout.trim() : null;
}

function nodeIsCurrent(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

/** Returns the PATH under which `node` is >= 22.12 and `pnpm` >= 10 exist. */
function ensureTools() {
  const systemPath = process.env.PATH ?? '';
  const systemNodeOk = nodeIsCurrent(process.versions.node);
  const systemPnpm = capture('pnpm', ['--version'], process.env);
  const systemPnpmOk = systemPnpm !== null && Number(systemPnpm.split('.')[0]) >= 10;
  if (systemNodeOk && systemPnpmOk) return systemPath;

  const localPath = [toolsBin, systemPath].join(delimiter);
  const env = { ...process.env, PATH: localPath };
  const localNode = capture(join(toolsBin, 'node'), ['--version'], env);
  const localPnpm = capture(join(toolsBin, 'pnpm'), ['--version'], env);
  if (localNode === `v${NODE_VERSION}` && localPnpm === PNPM_VERSION) {
    say(`using Node ${NODE_VERSION} and pnpm ${PNPM_VERSION} from .tools/`);
    return localPath;
  }
  const why = systemNodeOk ? 'pnpm is missing' : `this machine has Node ${process.versions.node}`;
  say(
    `${why}; fetching Node ${NODE_VERSION} and pnpm ${PNPM_VERSION} from the npm registry into .tools/ …`,
  );
  mkdirSync(tools, { recursive: true });
  const status = runWithRetries('npm', [
    'install',
    '--prefix',
    tools,
    '--no-audit',
    '--no-fund',
    '--no-save',
    '--loglevel=error',
    `node@${NODE_VERSION}`,
    `pnpm@${PNPM_VERSION}`,
  ]);
  if (status !== 0) fail('could not fetch Node and pnpm from the npm registry (is it reachable?)');
  return localPath;
}

function hashFiles(files) {
  const hash = createHash('sha256');
  for (const file of files) {
    if (existsSync(file)) hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex');
}

function workspaceManifests() {
  const manifests = [
    join(root, 'package.json'),
    join(root, 'pnpm-lock.yaml'),
    join(root, 'pnpm-workspace.yaml'),
  ];
  for (const group of ['apps', 'packages']) {
    for (const name of readdirSync(join(root, group)))
      manifests.push(join(root, group, name, 'package.json'));
  }
  manifests.push(join(root, 'tests', 'package.json'));
  return manifests;
}

function ensureInstalled(env) {
  const stamp = join(root, 'node_modules', '.rumbo-install');
  const digest = hashFiles(workspaceManifests());
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) {
    say('dependencies already installed');
    return;
  }
  say('installing dependencies (pnpm install --frozen-lockfile) …');
  const status = runWithRetries('pnpm', ['install', '--frozen-lockfile'], { env });
  if (status !== 0) fail('pnpm install failed; see the messages above');
  writeFileSync(stamp, digest);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function ensureBuilt(env) {
  const index = join(root, 'apps', 'web', 'dist', 'index.html');
  const sources = Math.max(
    newestMtime(join(root, 'apps', 'web')),
    newestMtime(join(root, 'packages', 'flow')),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) {
    say('web app already built');
    return;
  }
  say('building the web app …');
  const status = run('pnpm', ['--filter', '@rumbo/web', 'run', 'build'], { env });
  if (status !== 0) fail('the web build failed; see the messages above');
}

/**
 * As root, the embedded PostgreSQL runs as the "postgres" user, which must pass through every
 * folder above the project to reach its programs in node_modules. A checkout under /root or a
 * `mktemp -d` folder is closed to it; open those folders for passing through only (o+x: others
 * may enter a path they know, not list the folder) and say so.
 */
function letPostgresReachProject() {
  if (process.getuid?.() !== 0) return;
  const closed = [];
  for (let dir = root; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) closed.push(dir);
    if (dirname(dir) === dir) break;
  }
  if (closed.length === 0) return;
  say(
    `the embedded PostgreSQL runs as the "postgres" user; letting it pass through ${closed.join(', ')} (chmod o+x)`,
  );
  for (const dir of closed) chmodSync(dir, statSync(dir).mode | 0o001);
}

const command = process.argv[2] ?? 'start';
letPostgresReachProject();
const PATH = ensureTools();
const env = { ...process.env, PATH };
ensureInstalled(env);
ensureBuilt(env);

if (command === 'start') {
  say('starting Rumbo (embedded PostgreSQL unless DATABASE_URL is set) …');
  process.exit(
    run('node', ['apps/server/src/main.ts', 'serve', ...process.argv.slice(3)], { env }),
  );
} else if (command === 'test') {
  say(
    'running the whole test suite (unit, integration on real PostgreSQL, end-to-end in Chromium) …',
  );
  process.exit(run('pnpm', ['exec', 'vitest', 'run', ...process.argv.slice(3)], { env }));
} else {
  fail(`unknown command "${command}"; use start or test`);
}
