import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../errors/http-problem.ts';

/**
 * Serves the built web app at `/` with a single-page-app fallback: any GET that is not an
 * API path and not a file gets `index.html`, so deep links (`/campaigns/…`) survive a
 * reload. Unknown `/api/*` paths get a problem (through the one error
 * handler), never the HTML page.
 */
export async function registerWeb(app: FastifyInstance, webDistDir: string): Promise<void> {
  const indexHtml = join(webDistDir, 'index.html');
  const built = existsSync(indexHtml);
  if (built) {
    await app.register(fastifyStatic, { root: webDistDir, prefix: '/', wildcard: true });
  } else {
    app.log.warn({ webDistDir }, 'the web app is not built; only the API is served');
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/')) {
      throw new HttpProblem(404, 'route_not_found', {
        detail: `${request.method} ${path} is not part of the API; see /api/docs`,
      });
    }
    if (!built || (request.method !== 'GET' && request.method !== 'HEAD')) {
      throw new HttpProblem(404, 'not_found', {
        detail: built
          ? `${request.method} ${path} does not exist`
          : 'the web app is not built; run `pnpm build` (npm start does it for you)',
      });
    }
    // Assets that are missing are real 404s; only page routes fall back to the app shell.
    if (/\.[a-z0-9]+$/i.test(path)) {
      throw new HttpProblem(404, 'not_found', { detail: `${path} does not exist` });
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
