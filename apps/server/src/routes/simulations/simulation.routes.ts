import {
  Problem,
  ResponseHistory,
  SegmentSample,
  SegmentSampleRequest,
  SimulationJobAccepted,
  SimulationRequest,
} from '@rumbo/flow';
import type { FastifyPluginAsync } from 'fastify';
import { responseHistory } from '../../domain/simulations/response-history.ts';
import { sampleSegment } from '../../domain/simulations/segment-sample.ts';
import { checkSimulation } from '../../domain/simulations/simulation.service.ts';
import { SimulationJobs } from '../../domain/simulations/simulation-jobs.ts';
import { registerSimulationJobRoutes } from './simulation-job.routes.ts';

/** 20,000 inline leads with attributes and a flow document fit well inside 32 MB. */
const SIMULATION_BODY_LIMIT = 32 * 1024 * 1024;

/**
 * Declared with Fastify's plain typing (the zod validator still checks the body, and the
 * `Body` generic names what it produced) because job states are pre-serialised text: the zod
 * type provider would only accept an object and re-serialise the result inside it.
 */
export const simulationRoutes: FastifyPluginAsync = async (app) => {
  const jobs = new SimulationJobs({
    onError: (error) => app.log.warn({ err: error }, 'simulation worker failed'),
  });

  app.post<{ Body: SimulationRequest }>(
    '/api/v1/simulations',
    {
      bodyLimit: SIMULATION_BODY_LIMIT,
      schema: {
        tags: ['simulations'],
        summary:
          'Queues a simulation of a flow (a document or a campaign draft) on sample leads, run in a worker thread; same result as the browser',
        body: SimulationRequest,
        response: { 202: SimulationJobAccepted, 400: Problem, 404: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const input = await checkSimulation(app.db, request.workspaceId, request.body);
      const job = jobs.submit(request.workspaceId, input);
      return reply
        .code(202)
        .header('location', `/api/v1/simulations/${job.id}`)
        .send({ id: job.id, status: job.status });
    },
  );

  registerSimulationJobRoutes(app, jobs);

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
