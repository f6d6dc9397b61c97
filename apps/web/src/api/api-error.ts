import { assertNever, type Problem } from '@rumbo/flow';

/**
 * Why a request failed, as the interface needs to explain it:
 * - `problem`: the server answered with `application/problem+json` (it has a stable `code`);
 * - `http`: another non-2xx answer (a proxy error page, an old server);
 * - `network`: no answer at all (server down, offline);
 * - `unexpected`: a 2xx answer whose body does not match the shared schema.
 */
/** A problem body as received: a newer server may send a code this client does not know yet. */
export type ReceivedProblem = Omit<Problem, 'code'> & { code: string };

export type ApiErrorKind = 'problem' | 'http' | 'network' | 'unexpected';

/** Translates a message key with parameters; `i18next.t` fits. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

export interface ApiErrorInit {
  kind: ApiErrorKind;
  status: number | null;
  code: string;
  problem?: ReceivedProblem;
}

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  /** HTTP status, or null when there was no answer. */
  readonly status: number | null;
  /** The server's stable code, or one of ours (`network_error`, `unexpected_response`, `http_<status>`). */
  readonly code: string;
  readonly problem: ReceivedProblem | undefined;

  constructor(init: ApiErrorInit, message: string) {
    super(message);
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.problem = init.problem;
  }
}

/**
 * The sentence to show a user. Known codes have their own translation under `errors.codes`;
 * unknown ones get a sentence per kind that still names the code, so support can find it.
 */
export function describeApiError(init: ApiErrorInit, t: Translate): string {
  switch (init.kind) {
    case 'network':
      return t('errors.network');
    case 'unexpected':
      return t('errors.unexpected');
    case 'http':
      return t('errors.http', { status: init.status ?? 0 });
    case 'problem':
      return t(`errors.codes.${init.code}`, {
        defaultValue: t('errors.problem', { code: init.code, status: init.status ?? 0 }),
      });
    default:
      return assertNever(init.kind, 'api error kind');
  }
}
