import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkHealth } from '../../domain/health/health.service.ts';
import { DISABLED_RUNNER, RUNNER_STATES } from '../../runtime/runner.ts';

const HealthReport = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  database: z.object({
    ok: z.boolean(),
    version: z.string().nullable(),
    error: z.string().nullable(),
  }),
  runner: z.object({
    ok: z.boolean(),
    state: z.enum(RUNNER_STATES),
    schema: z.string(),
    lastErrorAt: z.string().nullable(),
  }),
});

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        security: [],
        summary: 'Database and runner status; 503 when the database is unreachable',
        response: { 200: HealthReport, 503: HealthReport },
      },
    },
    async (_request, reply) => {
      const report = await checkHealth(app.db, app.runner?.status() ?? DISABLED_RUNNER);
      return reply.code(report.status === 'down' ? 503 : 200).send(report);
    },
  );
};
