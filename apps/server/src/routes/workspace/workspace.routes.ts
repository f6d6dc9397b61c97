import { Problem } from '@rumbo/flow';
import {
  WorkspacePolicies,
  WorkspacePoliciesConflict,
  WorkspacePoliciesSave,
} from '@rumbo/flow/policy';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  readWorkspacePolicies,
  saveWorkspacePolicies,
} from '../../domain/workspaces/workspace-policies.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';

const tags = ['workspace'];

/** The workspace's own settings; for now its contact policies (the settings screen). */
export const workspaceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/workspace/policies',
    {
      schema: {
        tags,
        summary: 'The contact policies the runner applies: quiet hours and contact pressure',
        response: { 200: WorkspacePolicies, 404: Problem },
      },
    },
    async (request) => readWorkspacePolicies(app.db, request.workspaceId),
  );

  app.put(
    '/api/v1/workspace/policies',
    {
      schema: {
        tags,
        summary:
          'Replace the contact policies; bad values → 400 located at policies.…, a stale revision → 409',
        body: WorkspacePoliciesSave,
        response: {
          200: WorkspacePolicies,
          400: Problem,
          404: Problem,
          409: WorkspacePoliciesConflict,
        },
      },
    },
    async (request) =>
      saveWorkspacePolicies(app.db, request.workspaceId, request.body, actorOf(request)),
  );
};
