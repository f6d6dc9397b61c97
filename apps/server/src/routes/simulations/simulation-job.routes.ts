import {
  Problem,
  SimulationJobParams,
  SimulationJobState,
  SimulationResultBody,
} from '@rumbo/flow';
import type { FastifyInstance } from 'fastify';
import {
  isFinished,
  type SimulationJob,
  type SimulationJobs,
} from '../../domain/simulations/simulation-jobs.ts';
import { HttpProblem } from '../../errors/http-problem.ts';

type Params = { Params: { id: string } };
const JSON_TYPE = 'application/json; charset=utf-8';
const HEARTBEAT_MS = 15_000;

/**
 * Following a server-side simulation: its state (polling), its result, its progress as
 * server-sent events, and cancel. Replies are the jobs' pre-serialised text, so the result
 * inside keeps the worker's bytes.
 */
export function registerSimulationJobRoutes(app: FastifyInstance, jobs: SimulationJobs) {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
    await jobs.close();
  });

  app.get<Params>(
    '/api/v1/simulations/:id',
    {
      schema: {
        tags: ['simulations'],
        summary:
          'The state of a server-side simulation: status, progress, and the result once done',
        params: SimulationJobParams,
        response: { 200: SimulationJobState, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const job = jobs.get(request.workspaceId, request.params.id);
      return reply.type(JSON_TYPE).send(jobs.stateJson(job));
    },
  );

  app.get<Params>(
    '/api/v1/simulations/:id/result',
    {
      schema: {
        tags: ['simulations'],
        summary: 'The result of a finished simulation, byte for byte what the browser would make',
        params: SimulationJobParams,
        response: { 200: SimulationResultBody, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const job = jobs.get(request.workspaceId, request.params.id);
      if (job.json === null) {
        throw new HttpProblem(409, 'conflict', {
          detail: `the simulation is ${job.status}; it has no result`,
          extensions: { status: job.status },
        });
      }
      return reply.type(JSON_TYPE).send(job.json);
    },
  );

  app.delete<Params>(
    '/api/v1/simulations/:id',
    {
      schema: {
        tags: ['simulations'],
        summary: 'Cancels a queued or running simulation (a finished one is left as it is)',
        params: SimulationJobParams,
        response: { 200: SimulationJobState, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const job = jobs.cancel(request.workspaceId, request.params.id);
      return reply.type(JSON_TYPE).send(jobs.stateJson(job));
    },
  );

  app.get<Params>(
    '/api/v1/simulations/:id/events',
    {
      schema: {
        tags: ['simulations'],
        summary:
          'Server-sent events of a simulation: `progress` with its state, then one `done`, `failed` or `cancelled` (the done state carries the result)',
        params: SimulationJobParams,
        produces: ['text/event-stream'],
        response: { 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const job = jobs.get(request.workspaceId, request.params.id);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      let ended = false;
      let unsubscribe = () => {};
      // A queued job can wait minutes without news; proxies close streams that stay silent.
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        if (!res.writableEnded) res.end();
      };
      const send = (current: SimulationJob) => {
        if (ended) return;
        const event = isFinished(current.status) ? current.status : 'progress';
        res.write(`event: ${event}\ndata: ${jobs.stateJson(current)}\n\n`);
        if (isFinished(current.status)) end();
      };
      open.add(end);
      request.raw.on('close', end);
      res.on('close', end);
      unsubscribe = jobs.subscribe(job.id, send);
      send(job);
    },
  );
}
