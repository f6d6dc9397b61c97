import {
  Problem,
  SegmentCreate,
  SegmentDetail,
  SegmentFields,
  SegmentIdParams,
  SegmentList,
  SegmentPreview,
  SegmentPreviewRequest,
  SegmentSaved,
  SegmentUpdate,
  StaticListReport,
  StaticListSource,
} from '@rumbo/flow';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createSegment,
  deleteSegment,
  getSegment,
  listSegments,
  updateSegment,
} from '../../domain/segments/segment.queries.ts';
import { segmentFields } from '../../domain/segments/segment-fields.queries.ts';
import { previewSegment } from '../../domain/segments/segment-preview.ts';
import { previewStaticList } from '../../domain/segments/static-list.import.ts';

const tags = ['segments'];

// Relative dates ("in the last 90 days") are measured from the server's clock, taken once per
// request, so a count and its sample agree.
export const segmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/segments',
    { schema: { tags, summary: 'Segments with a live count', response: { 200: SegmentList } } },
    async (request) => ({ items: await listSegments(app.db, request.workspaceId, Date.now()) }),
  );

  app.get(
    '/api/v1/segments/fields',
    {
      schema: {
        tags,
        summary:
          'What the rule builder offers: built-in fields, attributes and events found in the data',
        response: { 200: SegmentFields },
      },
    },
    async (request) => segmentFields(app.db, request.workspaceId),
  );

  app.post(
    '/api/v1/segments/preview',
    {
      schema: {
        tags,
        summary: 'Count and first 20 leads a rule selects now (nothing is saved)',
        body: SegmentPreviewRequest,
        response: { 200: SegmentPreview, 400: Problem },
      },
    },
    async (request) => previewSegment(app.db, request.workspaceId, request.body.rule, Date.now()),
  );

  app.post(
    '/api/v1/segments/static-preview',
    {
      schema: {
        tags,
        summary: 'What importing these lead keys would match (nothing is saved)',
        body: StaticListSource,
        response: { 200: StaticListReport, 400: Problem },
      },
    },
    async (request) => previewStaticList(app.db, request.workspaceId, request.body.text),
  );

  app.post(
    '/api/v1/segments',
    {
      schema: {
        tags,
        summary: 'Create a filter segment or a static list',
        body: SegmentCreate,
        response: { 201: SegmentSaved, 400: Problem },
      },
    },
    async (request, reply) => {
      const saved = await createSegment(app.db, request.workspaceId, request.body, Date.now());
      return reply.code(201).send(saved);
    },
  );

  app.get(
    '/api/v1/segments/:id',
    {
      schema: {
        tags,
        summary: 'One segment with its rule and live count',
        params: SegmentIdParams,
        response: { 200: SegmentDetail, 400: Problem, 404: Problem },
      },
    },
    async (request) => getSegment(app.db, request.workspaceId, request.params.id, Date.now()),
  );

  app.patch(
    '/api/v1/segments/:id',
    {
      schema: {
        tags,
        summary: "Rename, change a filter's rule or replace a list's members",
        params: SegmentIdParams,
        body: SegmentUpdate,
        response: { 200: SegmentSaved, 400: Problem, 404: Problem },
      },
    },
    async (request) =>
      updateSegment(app.db, request.workspaceId, request.params.id, request.body, Date.now()),
  );

  app.delete(
    '/api/v1/segments/:id',
    {
      schema: {
        tags,
        summary: 'Delete a segment (refused while a campaign enters leads from it)',
        params: SegmentIdParams,
        response: { 204: z.null(), 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      await deleteSegment(app.db, request.workspaceId, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
