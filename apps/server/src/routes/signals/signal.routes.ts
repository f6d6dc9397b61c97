import { Problem, SignalBatch, SignalBatchResult } from '@rumbo/flow';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { receiveSignals } from '../../domain/signals/signal.service.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';

const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(200).optional(),
});

export const signalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/signals',
    {
      schema: {
        tags: ['signals'],
        summary:
          'Signals about leads (opened, clicked, purchased…); the leads waiting for them move. ' +
          'A replayed Idempotency-Key returns the first answer and changes nothing',
        headers: IdempotencyHeaders,
        body: SignalBatch,
        response: { 200: SignalBatchResult, 400: Problem, 409: Problem },
      },
    },
    async (request) =>
      receiveSignals(
        app.db,
        request.workspaceId,
        {
          signals: request.body.signals,
          idempotencyKey: request.headers['idempotency-key'] ?? null,
          actor: actorOf(request),
        },
        async (targets) => (app.runner === null ? 0 : app.runner.wake(targets)),
      ),
  );
};
