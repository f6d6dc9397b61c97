import { LeadDetail, LeadIdParams, LeadListQuery, LeadPage, Problem } from '@rumbo/flow';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getLead, listLeads } from '../../domain/leads/lead.queries.ts';

const tags = ['leads'];

export const leadRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/leads',
    {
      schema: {
        tags,
        summary: 'Leads by key, a page at a time; searchable and filterable by segment',
        querystring: LeadListQuery,
        response: { 200: LeadPage, 400: Problem, 404: Problem },
      },
    },
    async (request) => listLeads(app.db, request.workspaceId, request.query, Date.now()),
  );

  app.get(
    '/api/v1/leads/:id',
    {
      schema: {
        tags,
        summary: 'One lead with consent, attributes, lists and recent events',
        params: LeadIdParams,
        response: { 200: LeadDetail, 400: Problem, 404: Problem },
      },
    },
    async (request) => getLead(app.db, request.workspaceId, request.params.id),
  );
};
