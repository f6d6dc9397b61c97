import {
  ApiKey,
  ApiKeyList,
  CreateApiKeyBody,
  CreatedApiKey,
  CreateUserBody,
  Problem,
  UpdateUserBody,
  User,
  UserIdParams,
  UserList,
} from '@rumbo/flow';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../../domain/auth/api-key.queries.ts';
import { createUser, listUsers, updateUser } from '../../domain/auth/user.queries.ts';

const tags = ['users'];
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

/** The workspace's people and API keys with their roles; administrators only (`permissionFor`). */
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: "The workspace's users with their roles, enabled first",
        response: { 200: UserList, ...errors },
      },
    },
    async (request) => listUsers(app.db, request.workspaceId),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Add a user with a role and a first password; an email in use is a 409',
        body: CreateUserBody,
        response: { 201: User, ...errors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return createUser(app.db, request.workspaceId, request.body);
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: "Change a user's name, role or password, or disable them (their sessions end)",
        params: UserIdParams,
        body: UpdateUserBody,
        response: { 200: User, ...errors },
      },
    },
    async (request) => updateUser(app.db, request.workspaceId, request.params.id, request.body),
  );

  app.get(
    '/api/v1/api-keys',
    {
      schema: {
        tags,
        summary: "The workspace's API keys (never the keys themselves), active first",
        response: { 200: ApiKeyList, ...errors },
      },
    },
    async (request) => listApiKeys(app.db, request.workspaceId),
  );

  app.post(
    '/api/v1/api-keys',
    {
      schema: {
        tags,
        summary: 'Create an API key with a role; the answer is the only time the key is shown',
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKey, ...errors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return createApiKey(app.db, request.workspaceId, request.body);
    },
  );

  app.delete(
    '/api/v1/api-keys/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API key: requests with it are refused from now on',
        params: UserIdParams,
        response: { 200: ApiKey, ...errors },
      },
    },
    async (request) => revokeApiKey(app.db, request.workspaceId, request.params.id),
  );
};
