import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { ServerConfig } from './config/config.ts';
import type { Database } from './db/database.ts';
import { createLogger } from './logging/logger.ts';
import { registerAuthScope } from './plugins/auth.plugin.ts';
import { registerInfrastructure } from './plugins/infrastructure.plugin.ts';
import { registerOpenApi } from './plugins/openapi.plugin.ts';
import { registerProblemHandler } from './plugins/problem.plugin.ts';
import { registerWeb } from './plugins/web.plugin.ts';
import { callTaskRoutes } from './routes/call-tasks/call-task.routes.ts';
import { campaignRoutes } from './routes/campaigns/campaign.routes.ts';
import { enrollmentRoutes } from './routes/enrollments/enrollment.routes.ts';
import { eventRoutes } from './routes/events/event.routes.ts';
import { healthRoutes } from './routes/health/health.routes.ts';
import { leadRoutes } from './routes/leads/lead.routes.ts';
import { monitorRoutes } from './routes/monitor/monitor.routes.ts';
import { monitorStreamRoutes } from './routes/monitor/monitor-stream.routes.ts';
import { outboxRoutes } from './routes/outbox/outbox.routes.ts';
import { reviewRoutes } from './routes/reviews/review.routes.ts';
import { runRoutes } from './routes/runs/run.routes.ts';
import { segmentRoutes } from './routes/segments/segment.routes.ts';
import { sessionRoutes } from './routes/session/session.routes.ts';
import { signalRoutes } from './routes/signals/signal.routes.ts';
import { simulationRoutes } from './routes/simulations/simulation.routes.ts';
import { userRoutes } from './routes/users/user.routes.ts';
import { workspaceRoutes } from './routes/workspace/workspace.routes.ts';
import type { Runner } from './runtime/runner.ts';

export interface BuildAppOptions {
  config: ServerConfig;
  db: Database;
  /** The pg-boss runner; started on `ready()`, stopped on `close()`. Omit for an API-only app. */
  runner?: Runner | null;
  /** Defaults to a pino logger at `config.logLevel` writing to stdout. */
  logger?: Logger;
}

/**
 * Builds the whole HTTP app without listening, so tests drive it with `app.inject` and
 * `main.ts` adds only the process concerns (signals, port, embedded database).
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, db } = options;
  const loggerInstance: FastifyBaseLogger = options.logger ?? createLogger(config.logLevel);
  const app = Fastify({
    loggerInstance,
    // Behind a load balancer the client address comes from X-Forwarded-For.
    trustProxy: true,
    // Unique across processes, so a 5xx a user quotes can be found in any worker's log.
    genReqId: () => randomUUID(),
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandler(app);
  registerInfrastructure(app, db, options.runner ?? null);
  await registerOpenApi(app);

  await app.register(fastifyCookie);
  await app.register(healthRoutes);
  await app.register(sessionRoutes);
  await app.register(async (v1) => {
    registerAuthScope(v1);
    await v1.register(campaignRoutes);
    await v1.register(segmentRoutes);
    await v1.register(leadRoutes);
    await v1.register(simulationRoutes);
    await v1.register(callTaskRoutes);
    await v1.register(runRoutes);
    await v1.register(enrollmentRoutes);
    await v1.register(reviewRoutes);
    await v1.register(signalRoutes);
    await v1.register(eventRoutes);
    await v1.register(outboxRoutes);
    await v1.register(monitorRoutes);
    await v1.register(monitorStreamRoutes);
    await v1.register(workspaceRoutes);
    await v1.register(userRoutes);
  });
  await registerWeb(app, config.webDistDir);
  return app;
}
