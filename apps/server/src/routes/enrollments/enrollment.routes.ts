import { CampaignIdParams, EnrollLeadBody, EnrollLeadResult, Problem } from '@rumbo/flow';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addLeadToCampaign } from '../../domain/enrollments/enrollment.service.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';

export const enrollmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/campaigns/:id/enrollments',
    {
      schema: {
        tags: ['runs'],
        summary:
          'Add one lead by key (manual entry); 201 when a journey started, 200 when the re-entry rule kept it out',
        params: CampaignIdParams,
        body: EnrollLeadBody,
        response: {
          200: EnrollLeadResult,
          201: EnrollLeadResult,
          400: Problem,
          404: Problem,
          409: Problem,
          422: Problem,
        },
      },
    },
    async (request, reply) => {
      const result = await addLeadToCampaign(
        app.db,
        request.workspaceId,
        request.params.id,
        { ...request.body, actor: actorOf(request) },
        async (targets) => (app.runner === null ? 0 : app.runner.wake(targets)),
      );
      return reply.code(result.enrolled + result.control > 0 ? 201 : 200).send(result);
    },
  );
};
