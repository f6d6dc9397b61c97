import { CampaignIdParams, Problem } from '@rumbo/flow';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CountsHub } from '../../domain/monitor/counts-hub.ts';
import { campaignInWorkspace } from '../../domain/runs/run.service.ts';

const StreamQuery = z.object({
  /** Seconds between keep-alive comments, so proxies do not close an idle stream. */
  heartbeat: z.coerce.number().int().min(1).max(120).default(15),
});

/**
 * `GET /api/v1/campaigns/:id/stats/stream`: server-sent events with the campaign's counters per
 * version (`event: counts`, data `MonitorCounts`), sent at once and then on every change, and a
 * `: heartbeat` comment. A client that goes away is unsubscribed; on shutdown every stream gets
 * `event: close` and ends before the server stops listening, so open monitors never hold it up.
 */
export const monitorStreamRoutes: FastifyPluginAsyncZod = async (app) => {
  const hub = new CountsHub(app.db, {
    onError: (error) => app.log.warn({ err: error }, 'monitor: reading counters failed'),
  });
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    hub.close();
    for (const end of [...open]) end();
  });

  app.get(
    '/api/v1/campaigns/:id/stats/stream',
    {
      schema: {
        tags: ['monitor'],
        summary: 'Live counters of the campaign as server-sent events (event: counts)',
        params: CampaignIdParams,
        querystring: StreamQuery,
        produces: ['text/event-stream'],
        response: { 404: Problem, 400: Problem },
      },
    },
    async (request, reply) => {
      const campaignId = request.params.id;
      await campaignInWorkspace(app.db, request.workspaceId, campaignId);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // Tells nginx-like proxies not to buffer the stream.
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      res.write('retry: 2000\n\n');
      let sequence = 0;
      const unsubscribe = hub.subscribe(campaignId, (counts) => {
        sequence += 1;
        res.write(`id: ${sequence}\nevent: counts\ndata: ${JSON.stringify(counts)}\n\n`);
      });
      const heartbeat = setInterval(
        () => res.write(': heartbeat\n\n'),
        request.query.heartbeat * 1000,
      );
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        if (!res.writableEnded) res.end('event: close\ndata: {}\n\n');
      };
      open.add(end);
      request.raw.on('close', end);
      res.on('close', end);
    },
  );
};
