import {
  CampaignConflict,
  CampaignCreate,
  CampaignDetail,
  CampaignIdParams,
  CampaignList,
  CampaignListQuery,
  Problem,
} from '@rumbo/flow';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getCampaign, listCampaigns } from '../../domain/campaigns/campaign.queries.ts';
import { createCampaign } from '../../domain/campaigns/campaign-create.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';
import { campaignEditRoutes } from './campaign-edit.routes.ts';
import { campaignTransferRoutes } from './campaign-transfer.routes.ts';

export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary:
          'Campaigns of the workspace (archived ones only when asked), most recently changed first',
        querystring: CampaignListQuery,
        response: { 200: CampaignList, 400: Problem },
      },
    },
    async (request) => ({
      items: await listCampaigns(app.db, request.workspaceId, request.query.archived),
    }),
  );

  app.post(
    '/api/v1/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Create a campaign: blank, from a template, or as a copy of another',
        body: CampaignCreate,
        response: { 201: CampaignDetail, 400: Problem, 404: Problem, 409: CampaignConflict },
      },
    },
    async (request, reply) => {
      const created = await createCampaign(
        app.db,
        request.workspaceId,
        request.body,
        actorOf(request),
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/v1/campaigns/:id',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'One campaign with its editable draft',
        params: CampaignIdParams,
        response: { 200: CampaignDetail, 400: Problem, 404: Problem },
      },
    },
    async (request) => getCampaign(app.db, request.workspaceId, request.params.id),
  );

  await app.register(campaignEditRoutes);
  await app.register(campaignTransferRoutes);
};
