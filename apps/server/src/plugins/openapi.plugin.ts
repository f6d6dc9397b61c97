import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/**
 * The OpenAPI document is generated from the routes' zod schemas (one schema per concept,
 * DESIGN §8), so it cannot drift from what the server validates. Register before routes:
 * swagger collects them as they are added.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Rumbo API',
        description:
          'Campaign flows, leads, segments and signals. Errors are application/problem+json with a stable `code`.',
        version: '1',
      },
      tags: [
        { name: 'system', description: 'Health and documentation' },
        { name: 'campaigns', description: 'Campaigns and their flow drafts' },
        { name: 'session', description: 'Browser sign-in (public)' },
        { name: 'users', description: 'People and roles (administrators)' },
      ],
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API key (RUMBO_API_KEY creates an administrator one)',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'rumbo_session',
            description: 'The browser session set by POST /api/v1/session',
          },
        },
      },
      // Every /api/v1 route but the session's needs one of them once a user or key exists.
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
