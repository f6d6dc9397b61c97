import { EventBatch, EventBatchResult, Problem } from '@rumbo/flow';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { receiveEvents } from '../../domain/signals/signal.service.ts';

export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/events',
    {
      schema: {
        tags: ['events'],
        summary: "Lead events for the timeline; each is routed as a signal to the lead's flows",
        body: EventBatch,
        response: { 200: EventBatchResult, 400: Problem },
      },
    },
    async (request) =>
      receiveEvents(app.db, request.workspaceId, request.body.events, async (targets) =>
        app.runner === null ? 0 : app.runner.wake(targets),
      ),
  );
};
