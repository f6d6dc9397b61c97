import {
  CampaignIdParams,
  JourneyParams,
  LeadJourneyDetail,
  MonitorAlerts,
  MonitorOverview,
  MonitorQuery,
  NodeLeadPage,
  NodeLeadsParams,
  NodeLeadsQuery,
  Problem,
  RetryResult,
} from '@rumbo/flow';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { retryJourney } from '../../domain/monitor/monitor-actions.ts';
import { monitorAlerts } from '../../domain/monitor/monitor-alerts.queries.ts';
import { monitorOverview } from '../../domain/monitor/monitor-counts.queries.ts';
import { leadJourney } from '../../domain/monitor/monitor-journey.queries.ts';
import { nodeLeads } from '../../domain/monitor/monitor-leads.queries.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';

const tags = ['monitor'];
const errors = { 400: Problem, 404: Problem, 409: Problem };

/** The run monitor's reads (DESIGN §7) and its one action the runs API lacks: retry one lead. */
export const monitorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/campaigns/:id/monitor',
    {
      schema: {
        tags,
        summary: 'The campaign, its versions with their leads, and one version’s frozen flow',
        params: CampaignIdParams,
        querystring: MonitorQuery,
        response: { 200: MonitorOverview, ...errors },
      },
    },
    async (request) =>
      monitorOverview(app.db, request.workspaceId, request.params.id, request.query.version),
  );

  app.get(
    '/api/v1/campaigns/:id/monitor/nodes/:nodeId/leads',
    {
      schema: {
        tags,
        summary: 'A node’s leads (live, ended or failed there), searchable, by pages',
        params: NodeLeadsParams,
        querystring: NodeLeadsQuery,
        response: { 200: NodeLeadPage, ...errors },
      },
    },
    async (request) =>
      nodeLeads(
        app.db,
        request.workspaceId,
        request.params.id,
        request.params.nodeId,
        request.query,
      ),
  );

  app.get(
    '/api/v1/campaigns/:id/monitor/journeys/:enrollmentId',
    {
      schema: {
        tags,
        summary: 'One journey step by step with why each move happened, and the lead’s signals',
        params: JourneyParams,
        response: { 200: LeadJourneyDetail, ...errors },
      },
    },
    async (request) =>
      leadJourney(app.db, request.workspaceId, request.params.id, request.params.enrollmentId),
  );

  app.post(
    '/api/v1/campaigns/:id/monitor/journeys/:enrollmentId/retry',
    {
      schema: {
        tags,
        summary: 'Put one failed journey back in the flow at the node where it failed',
        params: JourneyParams,
        response: { 200: RetryResult, ...errors },
      },
    },
    async (request) =>
      retryJourney(app.db, request.workspaceId, request.params.id, {
        enrollmentId: request.params.enrollmentId,
        actor: actorOf(request),
      }),
  );

  app.get(
    '/api/v1/campaigns/:id/monitor/alerts',
    {
      schema: {
        tags,
        summary: 'Stuck leads found by the runner’s checker and the call queue per call node',
        params: CampaignIdParams,
        response: { 200: MonitorAlerts, ...errors },
      },
    },
    async (request) => monitorAlerts(app.db, request.workspaceId, request.params.id),
  );
};
