import {
  CampaignConflict,
  CampaignExport,
  CampaignIdParams,
  CampaignImported,
  CampaignImportQuery,
  InvalidJsonProblem,
  Problem,
} from '@rumbo/flow';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportCampaign, importCampaign } from '../../domain/campaigns/campaign-transfer.ts';
import { jsonErrorPosition } from '../../domain/campaigns/json-position.ts';
import { HttpProblem } from '../../errors/http-problem.ts';
import { actorOf } from '../../plugins/auth.plugin.ts';
import { DOCUMENT_BODY_LIMIT } from './campaign-edit.routes.ts';

/** A file name that survives every browser and file system. */
function fileName(code: string): string {
  return `${code.replace(/[^A-Za-z0-9_-]+/g, '_') || 'campaign'}.rumbo.json`;
}

/** Bad JSON in an uploaded file, located by line and column instead of V8's varying message. */
function invalidJson(text: string): HttpProblem {
  const position = jsonErrorPosition(text);
  const where = position
    ? `line ${position.line}, column ${position.column}: expected ${position.expected}`
    : 'the file is empty or not JSON';
  return new HttpProblem(400, 'validation_failed', {
    detail: `the file is not valid JSON (${where}); nothing was imported`,
    issues: [{ location: 'body', path: [], code: 'invalid_json', message: where }],
    // Line and column as numbers, so a client can say them in its own language.
    ...(position ? { extensions: { line: position.line, column: position.column } } : {}),
  });
}

/** Export as a downloadable file and import of the same file. */
export const campaignTransferRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/campaigns/:id/export',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Download the campaign (settings and draft) as a JSON file',
        params: CampaignIdParams,
        response: { 200: CampaignExport, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const file = await exportCampaign(app.db, request.workspaceId, request.params.id, new Date());
      reply.header('content-disposition', `attachment; filename="${fileName(file.settings.code)}"`);
      return file;
    },
  );

  // The import has its own JSON parser so a hand-edited file gets its error by line and column.
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: DOCUMENT_BODY_LIMIT },
      (_request, body, done) => {
        // Editors on Windows save JSON with a byte-order mark, which JSON.parse refuses.
        const text = (typeof body === 'string' ? body : body.toString('utf8')).replace(
          /^\uFEFF/,
          '',
        );
        try {
          done(null, JSON.parse(text));
        } catch {
          done(invalidJson(text), undefined);
        }
      },
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/campaigns/import',
      {
        bodyLimit: DOCUMENT_BODY_LIMIT,
        schema: {
          tags: ['campaigns'],
          summary:
            'Create a campaign from an export file; 400 with located issues when it is not one',
          querystring: CampaignImportQuery,
          body: z.unknown().meta({ description: 'A CampaignExport file' }),
          response: { 201: CampaignImported, 400: InvalidJsonProblem, 409: CampaignConflict },
        },
      },
      async (request, reply) => {
        const imported = await importCampaign(app.db, request.workspaceId, request.body, {
          code: request.query.code,
          actor: actorOf(request),
        });
        return reply.code(201).send(imported);
      },
    );
  });
};
