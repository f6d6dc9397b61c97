#!/usr/bin/env node
// Entry point for every process: `rumbo serve` (API + web + runner, the default),
// `rumbo worker` (runner only, for scale-out) and `rumbo migrate`.
import { fileURLToPath } from 'node:url';
import { DatabaseStartError, runMigrations } from '@rumbo/db';
import { assertNever } from '@rumbo/flow';
import type { Logger } from 'pino';
import { loadConfig, type ServerConfig } from './config/config.ts';
import { defaultWorkspaceId } from './domain/workspaces/workspace.queries.ts';
import { createLogger } from './logging/logger.ts';
import { type OpenDatabase, openDatabase } from './runtime/database.ts';
import { createRunner } from './runtime/runner.ts';
import { Shutdown } from './runtime/shutdown.ts';
import { isAddressInUse, StartupError } from './runtime/startup-error.ts';
import { ensureApiKey, ensureFirstAdmin, seedDemoWorkspace } from './seed/demo.seed.ts';

const COMMANDS = ['serve', 'worker', 'migrate'] as const;
type Command = (typeof COMMANDS)[number];

const USAGE = 'usage: rumbo [serve|worker|migrate]   (serve is the default)';
const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

function parseCommand(argv: string[]): Command {
  const [first = 'serve'] = argv;
  const command = COMMANDS.find((candidate) => candidate === first);
  if (command === undefined) throw new StartupError(`unknown command "${first}"; ${USAGE}`, 2);
  return command;
}

/** First start: demo workspace, first admin, the API key from the environment. */
async function prepareWorkspace(database: OpenDatabase, config: ServerConfig, logger: Logger) {
  const db = database.handle.db;
  const started = Date.now();
  const seed = await seedDemoWorkspace(db);
  if (seed.seeded) {
    const { leads, events, campaigns } = seed;
    logger.info({ leads, events, campaigns, ms: Date.now() - started }, 'demo workspace seeded');
  }
  const workspaceId = await defaultWorkspaceId(db);
  if (workspaceId === null) return;
  if (config.admin !== null && (await ensureFirstAdmin(db, workspaceId, config.admin))) {
    logger.info('first administrator created from RUMBO_ADMIN_EMAIL');
  }
  if (config.apiKey !== null) await ensureApiKey(db, workspaceId, config.apiKey);
}

async function serve(
  database: OpenDatabase,
  config: ServerConfig,
  logger: Logger,
  shutdown: Shutdown,
) {
  await prepareWorkspace(database, config, logger);
  const runner = createRunner(database.url, logger, executionOf(database, config));
  // Loaded here, not at the top: `rumbo worker` never serves HTTP and starts faster without
  // Fastify, the routes and the OpenAPI generator (crash recovery restarts workers often).
  const { buildApp } = await import('./app.ts');
  const app = await buildApp({ config, db: database.handle.db, runner, logger });
  shutdown.add('the HTTP server and runner', () => app.close());
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    if (isAddressInUse(error)) {
      throw new StartupError(
        `port ${config.port} is already in use; stop the other process or choose another port with PORT=…`,
        1,
        error,
      );
    }
    throw error;
  }
  logger.info(`Rumbo is ready on http://localhost:${config.port}`);
}

/** `serve` and `worker` both execute campaigns: node workers and the ticker on pg-boss. */
function executionOf(database: OpenDatabase, config: ServerConfig) {
  const { db, pool } = database.handle;
  return {
    db,
    pool,
    smtpUrl: config.smtpUrl,
    smsUrl: config.smsUrl,
    allowPrivateWebhooks: config.allowPrivateWebhooks,
  };
}

async function worker(
  database: OpenDatabase,
  config: ServerConfig,
  logger: Logger,
  shutdown: Shutdown,
) {
  const runner = createRunner(database.url, logger, executionOf(database, config));
  shutdown.add('the runner', () => runner.stop());
  await runner.start();
  logger.info('worker ready; executing campaigns (Ctrl-C to stop)');
}

async function main(argv: string[]): Promise<void> {
  const command = parseCommand(argv);
  const loaded = loadConfig(process.env, { cwd: process.cwd(), webDistDir: DEFAULT_WEB_DIST });
  if (!loaded.ok) throw new StartupError(loaded.error, 2);
  const config = loaded.config;
  const logger = createLogger(config.logLevel);
  const shutdown = new Shutdown(logger);
  shutdown.onSignals();
  try {
    const database = await openDatabase(config, logger);
    shutdown.add('the database', () => database.close());
    shutdown.onSignals();
    await runMigrations(database.handle.pool);
    logger.info('database migrated');
    switch (command) {
      case 'migrate':
        await shutdown.run();
        return;
      case 'worker':
        return await worker(database, config, logger, shutdown);
      case 'serve':
        return await serve(database, config, logger, shutdown);
      default:
        return assertNever(command, 'command');
    }
  } catch (error) {
    await shutdown.run();
    throw error;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Located errors already say where and what to do; anything else is a bug worth its stack.
  const located = error instanceof StartupError || error instanceof DatabaseStartError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`rumbo: ${located ? message : `start-up failed: ${message}`}\n`);
  if (!located && error instanceof Error && process.env.LOG_LEVEL === 'debug') {
    process.stderr.write(`${error.stack ?? ''}\n`);
  }
  process.exit(error instanceof StartupError ? error.exitCode : 1);
});
