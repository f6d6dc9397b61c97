import {
  Problem,
  ResponseHistory,
  SegmentSample,
  SegmentSampleRequest,
  SimulationRequest,
  SimulationResultBody,
} from '@rumbo/flow';
import type { FastifyPluginAsync } from 'fastify';
import { responseHistory } from '../../domain/simulations/response-history.ts';
import { sampleSegment } from '../../domain/simulations/segment-sample.ts';
import { runSimulation } from '../../domain/simulations/simulation.service.ts';

/** 20,000 inline leads with attributes and a flow document fit well inside 32 MB. */
const SIMULATION_BODY_LIMIT = 32 * 1024 * 1024;

/**
 * Declared with Fastify's plain typing (the zod validator still checks the body, and the
 * `Body` generic names what it produced) because the reply is pre-serialised text: the zod
 * type provider would only accept an object and re-serialise it, changing key order.
 */
export const simulationRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Body: SimulationRequest }>(
    '/api/v1/simulations',
    {
      bodyLimit: SIMULATION_BODY_LIMIT,
      schema: {
        tags: ['simulations'],
        summary:
          'Simulates a flow (a document or a campaign draft) on sample leads; same result as the browser',
        body: SimulationRequest,
        response: { 200: SimulationResultBody, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const json = await runSimulation(app.db, request.workspaceId, request.body);
      // Sent as the text `JSON.stringify` made, so the bytes equal the browser's result.
      return reply.type('application/json; charset=utf-8').send(json);
    },
  );

  app.post<{ Body: SegmentSampleRequest }>(
    '/api/v1/simulations/segment-sample',
    {
      schema: {
        tags: ['simulations'],
        summary: "A seeded random sample of a segment's real leads, as simulation leads",
        body: SegmentSampleRequest,
        response: { 200: SegmentSample, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => sampleSegment(app.db, request.workspaceId, request.body, Date.now()),
  );

  app.get(
    '/api/v1/simulations/history',
    {
      schema: {
        tags: ['simulations'],
        summary:
          "Response rates per channel and signal from the workspace's past campaigns, to calibrate assumptions",
        response: { 200: ResponseHistory },
      },
    },
    async (request) => responseHistory(app.db, request.workspaceId),
  );
};
