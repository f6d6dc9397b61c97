import {
  AddCallTaskBody,
  CallCampaigns,
  CallCapacity,
  CallCapacityBody,
  CallCapacityQuery,
  CallDay,
  CallEventBody,
  CallOutcomeBody,
  CallOutcomeResult,
  CallReport,
  CallReportQuery,
  CallTaskDetail,
  CallTaskIdParams,
  CallTaskList,
  CallTaskListQuery,
  CallTaskRow,
  Problem,
  SnoozeBody,
} from '@rumbo/flow';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  logCallEvent,
  recordCallOutcome,
  snoozeCallTask,
} from '../../domain/call-tasks/call-task.actions.ts';
import { addCallTask } from '../../domain/call-tasks/call-task.add.ts';
import {
  readCallDay,
  readCapacity,
  setCallDay,
  setCapacity,
} from '../../domain/call-tasks/call-task.capacity.ts';
import {
  callReport,
  getCallTask,
  listCallCampaigns,
  listCallTasks,
} from '../../domain/call-tasks/call-task.queries.ts';

const tags = ['call-tasks'];
const errors = { 400: Problem, 404: Problem, 409: Problem };

export const callTaskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/call-tasks',
    {
      schema: {
        tags,
        summary: 'The call list: open or closed, by remind date, priority and contact order',
        querystring: CallTaskListQuery,
        response: { 200: CallTaskList, ...errors },
      },
    },
    async (request) => listCallTasks(app.db, request.workspaceId, request.query),
  );

  app.get(
    '/api/v1/call-tasks/campaigns',
    {
      schema: {
        tags,
        summary: 'Campaigns with a call list, with open and closed counts',
        response: { 200: CallCampaigns, ...errors },
      },
    },
    async (request) => listCallCampaigns(app.db, request.workspaceId),
  );

  app.get(
    '/api/v1/call-tasks/report',
    {
      schema: {
        tags,
        summary: "A campaign's call events (notes, snoozes, outcomes) and counts per kind",
        querystring: CallReportQuery,
        response: { 200: CallReport, ...errors },
      },
    },
    async (request) => callReport(app.db, request.workspaceId, request.query.campaignId),
  );

  app.get(
    '/api/v1/call-tasks/capacity',
    {
      schema: {
        tags,
        summary: "A campaign's daily call capacity and what is left of today's",
        querystring: CallCapacityQuery,
        response: { 200: CallCapacity, ...errors },
      },
    },
    async (request) => readCapacity(app.db, request.workspaceId, request.query.campaignId),
  );

  app.put(
    '/api/v1/call-tasks/capacity',
    {
      schema: {
        tags,
        summary: 'Set (or clear with null) the calls per day of a campaign; the rest wait',
        body: CallCapacityBody,
        response: { 200: CallCapacity, ...errors },
      },
    },
    async (request) => setCapacity(app.db, request.workspaceId, request.body),
  );

  app.get(
    '/api/v1/call-tasks/day',
    {
      schema: {
        tags,
        summary: "The call centre's time zone: each day of call capacity starts at midnight there",
        response: { 200: CallDay, ...errors },
      },
    },
    async (request) => readCallDay(app.db, request.workspaceId),
  );

  app.put(
    '/api/v1/call-tasks/day',
    {
      schema: {
        tags,
        summary: "Set the call centre's time zone (an IANA name such as Europe/Madrid)",
        body: CallDay,
        response: { 200: CallDay, ...errors },
      },
    },
    async (request) => setCallDay(app.db, request.workspaceId, request.body),
  );

  app.post(
    '/api/v1/call-tasks',
    {
      schema: {
        tags,
        summary: "Add a lead by key to a campaign's call list",
        body: AddCallTaskBody,
        response: { 201: CallTaskRow, ...errors },
      },
    },
    async (request, reply) => {
      const row = await addCallTask(app.db, request.workspaceId, request.body);
      return reply.code(201).send(row);
    },
  );

  app.get(
    '/api/v1/call-tasks/:id',
    {
      schema: {
        tags,
        summary: 'One task with its lead card, purchases, script, outcomes and call history',
        params: CallTaskIdParams,
        response: { 200: CallTaskDetail, ...errors },
      },
    },
    async (request) => getCallTask(app.db, request.workspaceId, request.params.id),
  );

  app.post(
    '/api/v1/call-tasks/:id/snooze',
    {
      schema: {
        tags,
        summary: 'Call again later: +2 h, +1 day, +1 week, +1 month or a date',
        params: CallTaskIdParams,
        body: SnoozeBody,
        response: { 200: CallTaskRow, ...errors },
      },
    },
    async (request) => snoozeCallTask(app.db, request.workspaceId, request.params.id, request.body),
  );

  app.post(
    '/api/v1/call-tasks/:id/events',
    {
      schema: {
        tags,
        summary: 'Log what was said on the call (a lead event with the campaign as project)',
        params: CallTaskIdParams,
        body: CallEventBody,
        response: { 200: CallTaskRow, ...errors },
      },
    },
    async (request) => logCallEvent(app.db, request.workspaceId, request.params.id, request.body),
  );

  app.post(
    '/api/v1/call-tasks/:id/outcome',
    {
      schema: {
        tags,
        summary: "Record the call's outcome; it is the signal that moves the lead in the flow",
        params: CallTaskIdParams,
        body: CallOutcomeBody,
        response: { 200: CallOutcomeResult, ...errors },
      },
    },
    async (request) =>
      recordCallOutcome(app.db, request.workspaceId, request.params.id, request.body),
  );
};
