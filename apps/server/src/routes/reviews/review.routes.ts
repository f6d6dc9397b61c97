import {
  CampaignIdParams,
  Problem,
  Review,
  ReviewApprove,
  ReviewApproved,
  ReviewConflict,
  ReviewList,
  ReviewParams,
  ReviewReturn,
  ReviewSimulationSummary,
  ReviewSubmit,
} from '@rumbo/flow';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listReviews } from '../../domain/reviews/review.queries.ts';
import {
  approveReview,
  attachSimulation,
  returnReview,
  submitReview,
} from '../../domain/reviews/review.service.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';

const tags = ['reviews'];
const errors = { 400: Problem, 404: Problem, 409: ReviewConflict, 422: Problem };

/** Submitting a draft for review, the reviewer's decision, and the simulation it rests on. */
export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/campaigns/:id/reviews',
    {
      schema: {
        tags,
        summary:
          'Reviews of the campaign, newest first, with the published version to diff against',
        params: CampaignIdParams,
        response: { 200: ReviewList, 404: Problem },
      },
    },
    async (request) => listReviews(app.db, request.workspaceId, request.params.id),
  );

  app.post(
    '/api/v1/campaigns/:id/reviews',
    {
      schema: {
        tags,
        summary: 'Mark a draft revision ready for review, with a note (supersedes an older one)',
        params: CampaignIdParams,
        body: ReviewSubmit,
        response: { 201: Review, ...errors },
      },
    },
    async (request, reply) => {
      const review = await submitReview(
        app.db,
        request.workspaceId,
        request.params.id,
        request.body,
        actorOf(request),
      );
      return reply.code(201).send(review);
    },
  );

  app.put(
    '/api/v1/campaigns/:id/reviews/:reviewId/simulation',
    {
      schema: {
        tags,
        summary: 'Store the summary of a simulation run for a waiting review',
        params: ReviewParams,
        body: ReviewSimulationSummary,
        response: { 200: Review, ...errors },
      },
    },
    async (request) =>
      attachSimulation(
        app.db,
        request.workspaceId,
        { campaignId: request.params.id, reviewId: request.params.reviewId },
        request.body,
        actorOf(request),
      ),
  );

  app.post(
    '/api/v1/campaigns/:id/reviews/:reviewId/approve',
    {
      schema: {
        tags,
        summary: 'Approve and publish; 422 while the validator reports errors, 409 when stale',
        params: ReviewParams,
        body: ReviewApprove,
        response: { 200: ReviewApproved, ...errors },
      },
    },
    async (request) =>
      approveReview(
        app.db,
        request.workspaceId,
        { campaignId: request.params.id, reviewId: request.params.reviewId },
        request.body,
        actorOf(request),
      ),
  );

  app.post(
    '/api/v1/campaigns/:id/reviews/:reviewId/return',
    {
      schema: {
        tags,
        summary: 'Send the draft back to the marketer with comments',
        params: ReviewParams,
        body: ReviewReturn,
        response: { 200: Review, ...errors },
      },
    },
    async (request) =>
      returnReview(
        app.db,
        request.workspaceId,
        { campaignId: request.params.id, reviewId: request.params.reviewId },
        request.body,
        actorOf(request),
      ),
  );
};
