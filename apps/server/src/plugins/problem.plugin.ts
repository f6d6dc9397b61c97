import type { Locale, Problem, ProblemCode, ProblemIssue, ProblemLocation } from '@rumbo/flow';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem, PROBLEM_TITLES, type ProblemExtensions } from '../errors/http-problem.ts';

/**
 * The one place where errors become HTTP replies: `application/problem+json` with a stable
 * code. 5xx replies never show internals (the log has them, keyed by the request id).
 */

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Spanish when the client prefers it; English otherwise (the API's lingua franca). */
export function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && /^\s*es\b/i.test(header) ? 'es' : 'en';
}

export function problemBody(
  request: FastifyRequest,
  status: number,
  code: ProblemCode,
  extra: {
    detail?: string | undefined;
    issues?: ProblemIssue[] | undefined;
    extensions?: ProblemExtensions | undefined;
  } = {},
): Problem {
  const body: Problem = {
    ...extra.extensions,
    type: `urn:rumbo:problem:${code}`,
    title: PROBLEM_TITLES[code][requestLocale(request)],
    status,
    code,
  };
  if (extra.detail !== undefined) body.detail = extra.detail;
  if (extra.issues !== undefined) body.issues = extra.issues;
  return body;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

const LOCATIONS: readonly ProblemLocation[] = ['body', 'params', 'querystring', 'headers'];

function asLocation(context: string | undefined): ProblemLocation | undefined {
  return LOCATIONS.find((location) => location === context);
}

/** `/settings/0/code` → `['settings', 0, 'code']`. */
function pathOf(instancePath: string): (string | number)[] {
  return instancePath
    .split('/')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function validationIssues(error: FastifyError): ProblemIssue[] {
  const location = asLocation(error.validationContext);
  return (error.validation ?? []).map((item) => {
    const issue: ProblemIssue = {
      path: pathOf(item.instancePath),
      code: item.keyword,
      message: item.message ?? item.keyword,
    };
    if (location !== undefined) issue.location = location;
    return issue;
  });
}

/** Fastify's own client errors (bad JSON, wrong content type, …) by status. */
function codeForClientStatus(status: number): ProblemCode {
  switch (status) {
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 429:
      return 'rate_limited';
    default:
      return 'validation_failed';
  }
}

/** Connection-level failures (node's socket codes, PostgreSQL's admin-shutdown class 57P). */
const DATABASE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

function isDatabaseDown(error: FastifyError): boolean {
  const cause = error.cause;
  const codes = [error.code, cause instanceof Error && 'code' in cause ? String(cause.code) : ''];
  return (
    codes.some((code) => DATABASE_DOWN_CODES.has(code)) ||
    /^Connection terminated/.test(error.message)
  );
}

export function toProblem(error: FastifyError, request: FastifyRequest): Problem {
  if (error instanceof HttpProblem) {
    return problemBody(request, error.status, error.code, {
      detail: error.detail,
      issues: error.issues,
      extensions: error.extensions,
    });
  }
  if (error.validation !== undefined) {
    return problemBody(request, 400, 'validation_failed', {
      detail: `the ${error.validationContext ?? 'input'} of the request does not match its schema`,
      issues: validationIssues(error),
    });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return problemBody(request, status, codeForClientStatus(status), { detail: error.message });
  }
  if (isDatabaseDown(error)) {
    return problemBody(request, 503, 'database_unavailable', {
      detail: 'the database is not answering; try again in a moment',
    });
  }
  return problemBody(request, 500, 'internal_error', {
    detail: `something went wrong on our side; quote request ${request.id} when reporting it`,
  });
}

export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: problem.code }, 'request rejected');
    return sendProblem(reply, problem);
  });
}
