import type { FastifyInstance } from 'fastify';
import { defaultWorkspaceId } from '../domain/workspaces/workspace.queries.ts';
import { HttpProblem } from '../errors/http-problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The workspace this request acts on; set before every `/api/v1` handler. */
    workspaceId: string;
  }
}

/** Resolves the request's workspace for the routes registered in this scope. */
export function registerWorkspaceScope(app: FastifyInstance): void {
  app.decorateRequest('workspaceId', '');
  app.addHook('preHandler', async (request) => {
    const id = await defaultWorkspaceId(app.db);
    if (id === null) {
      throw new HttpProblem(404, 'not_found', {
        detail: 'no workspace exists yet; start the server once with `rumbo serve` to create one',
      });
    }
    request.workspaceId = id;
  });
}
