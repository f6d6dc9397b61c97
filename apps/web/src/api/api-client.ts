import { Problem } from '@rumbo/flow';
import { z } from 'zod';
import { ApiError, type ApiErrorInit, describeApiError, type Translate } from './api-error.ts';

export interface ApiClientOptions {
  /** Origin and prefix to prepend, e.g. `http://127.0.0.1:3000`; empty in the browser (same origin). */
  baseUrl?: string;
  /** Used to put a translated message on every error. */
  translate: Translate;
  fetch?: typeof globalThis.fetch;
  /** The interface language, sent as `Accept-Language` so the server's titles match it. */
  language?: () => string;
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface ApiClient {
  get<T>(path: string, schema: z.ZodType<T>, options?: RequestOptions): Promise<T>;
  send<T>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
    options?: RequestOptions,
  ): Promise<T>;
}

/**
 * A small typed client: every answer is parsed with the shared zod schema, so a component
 * never sees data of the wrong shape, and every failure becomes an `ApiError` whose message
 * is already translated.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const fail = (init: ApiErrorInit) =>
    new ApiError(init, describeApiError(init, options.translate));

  async function request<T>(
    method: string,
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
    requestOptions: RequestOptions = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.language) headers['accept-language'] = options.language();
    Object.assign(headers, requestOptions.headers);
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: requestOptions.signal,
        credentials: 'same-origin',
      });
    } catch (cause) {
      if (requestOptions.signal?.aborted) throw cause;
      throw fail({ kind: 'network', status: null, code: 'network_error' });
    }
    if (!response.ok) throw await errorFrom(response, fail);
    const parsed = schema.safeParse(await readJson(response));
    if (!parsed.success) {
      throw fail({ kind: 'unexpected', status: response.status, code: 'unexpected_response' });
    }
    return parsed.data;
  }

  return {
    get: (path, schema, requestOptions) => request('GET', path, undefined, schema, requestOptions),
    send: (method, path, body, schema, requestOptions) =>
      request(method, path, body, schema, requestOptions),
  };
}

/**
 * The shared schema, tolerant of codes added to the server after this client was built, and
 * keeping extension members (`currentRevision`, `suggestedCode`) for the screens that read them.
 */
const ReceivedProblem = Problem.extend({ code: z.string() }).loose();

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

async function errorFrom(response: Response, fail: (init: ApiErrorInit) => ApiError) {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    const problem = ReceivedProblem.safeParse(await readJson(response));
    if (problem.success) {
      return fail({
        kind: 'problem',
        status: response.status,
        code: problem.data.code,
        problem: problem.data,
      });
    }
  }
  return fail({ kind: 'http', status: response.status, code: `http_${response.status}` });
}
