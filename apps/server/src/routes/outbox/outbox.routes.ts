import {
  CampaignIdParams,
  OutboxList,
  OutboxListQuery,
  OutboxMessageDetail,
  OutboxMessageIdParams,
  Problem,
} from '@rumbo/flow';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getOutboxMessage, listOutbox } from '../../domain/outbox/outbox.queries.ts';

const tags = ['outbox'];

export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/campaigns/:id/outbox',
    {
      schema: {
        tags,
        summary: 'What the campaign sent or, in test mode, would have sent; newest first',
        params: CampaignIdParams,
        querystring: OutboxListQuery,
        response: { 200: OutboxList, 400: Problem, 404: Problem },
      },
    },
    async (request) => listOutbox(app.db, request.workspaceId, request.params.id, request.query),
  );

  app.get(
    '/api/v1/outbox/:messageId',
    {
      schema: {
        tags,
        summary: 'One message with its rendered subject and body',
        params: OutboxMessageIdParams,
        response: { 200: OutboxMessageDetail, 400: Problem, 404: Problem },
      },
    },
    async (request) => getOutboxMessage(app.db, request.workspaceId, request.params.messageId),
  );
};
