import { CampaignDetail, CampaignIdParams, CampaignList, Problem } from '@rumbo/flow';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getCampaign, listCampaigns } from '../../domain/campaigns/campaign.queries.ts';

export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Campaigns of the workspace (archived ones excluded), most recently changed first',
        response: { 200: CampaignList },
      },
    },
    async (request) => ({ items: await listCampaigns(app.db, request.workspaceId) }),
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
};
