import {
  AdvanceBody,
  AdvanceResult,
  CampaignIdParams,
  CampaignLeadParams,
  CampaignStats,
  FastForwardBody,
  FastForwardResult,
  LaunchResult,
  Problem,
  PublishBody,
  PublishResult,
  RemovedLead,
  RetryBody,
  RetryResult,
  RUN_COMMANDS,
  RunStatusResult,
} from '@rumbo/flow';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  advance,
  campaignStats,
  command,
  fastForwardRun,
  launch,
  publish,
  removeLead,
  retry,
} from '../../domain/runs/run.service.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';

const tags = ['runs'];
const errors = { 400: Problem, 404: Problem, 409: Problem, 422: Problem };

/** Publishing and running a campaign; each route is one call into the runner. */
export const runRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/campaigns/:id/publish',
    {
      schema: {
        tags,
        summary: 'Freeze the draft as the next version; refused with 422 while errors remain',
        params: CampaignIdParams,
        body: PublishBody.nullish(),
        response: { 201: PublishResult, ...errors },
      },
    },
    async (request, reply) => {
      const result = await publish(app.db, request.workspaceId, request.params.id, {
        ...(request.body ?? {}),
        actor: actorOf(request),
      });
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/api/v1/campaigns/:id/launch',
    {
      schema: {
        tags,
        summary: 'Start the published version and enrol the leads of its entry segments',
        params: CampaignIdParams,
        response: { 200: LaunchResult, ...errors },
      },
    },
    async (request) => launch(app.db, request.workspaceId, request.params.id, actorOf(request)),
  );

  for (const name of RUN_COMMANDS) {
    app.post(
      `/api/v1/campaigns/:id/${name}`,
      {
        schema: {
          tags,
          summary: `${name[0]?.toUpperCase()}${name.slice(1)} the campaign's run`,
          params: CampaignIdParams,
          response: { 200: RunStatusResult, ...errors },
        },
      },
      async (request) =>
        command(app.db, request.workspaceId, request.params.id, {
          command: name,
          actor: actorOf(request),
        }),
    );
  }

  app.delete(
    '/api/v1/campaigns/:id/leads/:leadKey',
    {
      schema: {
        tags,
        summary: "Take a lead out of the campaign (its live journey ends as 'removed')",
        params: CampaignLeadParams,
        response: { 200: RemovedLead, ...errors },
      },
    },
    async (request) =>
      removeLead(app.db, request.workspaceId, request.params.id, {
        leadKey: request.params.leadKey,
        actor: actorOf(request),
      }),
  );

  app.post(
    '/api/v1/campaigns/:id/retry',
    {
      schema: {
        tags,
        summary: 'Put failed journeys back in the flow at the node where they failed',
        params: CampaignIdParams,
        body: RetryBody.nullish(),
        response: { 200: RetryResult, ...errors },
      },
    },
    async (request) =>
      retry(app.db, request.workspaceId, request.params.id, {
        nodeId: request.body?.nodeId,
        actor: actorOf(request),
      }),
  );

  const wake = async (targets: { campaignId: string; version: number; nodeId: string }[]) =>
    app.runner === null ? 0 : app.runner.wake(targets);

  app.post(
    '/api/v1/campaigns/:id/advance',
    {
      schema: {
        tags,
        summary:
          "Manual mode: release the leads parked for an operator's go (all, at a node, or one lead)",
        params: CampaignIdParams,
        body: AdvanceBody.nullish(),
        response: { 200: AdvanceResult, ...errors },
      },
    },
    async (request) =>
      advance(
        app.db,
        request.workspaceId,
        request.params.id,
        { ...(request.body ?? {}), actor: actorOf(request) },
        wake,
      ),
  );

  app.post(
    '/api/v1/campaigns/:id/fast-forward',
    {
      schema: {
        tags,
        summary: 'Test mode: pending delays and timeouts fall due now (or `by` earlier)',
        params: CampaignIdParams,
        body: FastForwardBody.nullish(),
        response: { 200: FastForwardResult, ...errors },
      },
    },
    async (request) =>
      fastForwardRun(
        app.db,
        request.workspaceId,
        request.params.id,
        { ...(request.body ?? {}), actor: actorOf(request) },
        wake,
      ),
  );

  app.get(
    '/api/v1/campaigns/:id/stats',
    {
      schema: {
        tags,
        summary: 'Leads per node (waiting, entered, failed, converted, ended) and per transition',
        params: CampaignIdParams,
        response: { 200: CampaignStats, ...errors },
      },
    },
    async (request) => campaignStats(app.db, request.workspaceId, request.params.id),
  );
};
