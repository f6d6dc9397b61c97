import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import type { Runner } from '../runtime/runner.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The drizzle handle; owned by whoever built the app (main or a test), closed there. */
    db: Database;
    /** The pg-boss runner when this process runs one; null for an API-only app. */
    runner: Runner | null;
  }
}

/** Database and runner as decorators; the runner starts when the app is ready and stops on close. */
export function registerInfrastructure(
  app: FastifyInstance,
  db: Database,
  runner: Runner | null,
): void {
  app.decorate('db', db);
  app.decorate('runner', runner);
  if (runner === null) return;
  app.addHook('onReady', async () => runner.start());
  app.addHook('onClose', async () => runner.stop());
}
