import type { Localised, ProblemCode, ProblemIssue } from '@rumbo/flow';

export type ProblemExtensions = Record<string, string | number | boolean>;

/**
 * The typed errors routes and domain functions throw. The error handler maps each to one
 * `application/problem+json` reply; nothing else decides status codes.
 */
export class HttpProblem extends Error {
  readonly status: number;
  readonly code: ProblemCode;
  readonly detail: string | undefined;
  readonly issues: ProblemIssue[] | undefined;
  /** Extra members of the problem body (RFC 9457 extensions), e.g. `currentRevision`. */
  readonly extensions: ProblemExtensions | undefined;

  constructor(
    status: number,
    code: ProblemCode,
    options: { detail?: string; issues?: ProblemIssue[]; extensions?: ProblemExtensions } = {},
  ) {
    super(options.detail ?? code);
    this.name = 'HttpProblem';
    this.status = status;
    this.code = code;
    this.detail = options.detail;
    this.issues = options.issues;
    this.extensions = options.extensions;
  }
}

/** A resource the client named does not exist (or is not visible to it). */
export function notFound(what: string, id: string): HttpProblem {
  return new HttpProblem(404, 'not_found', { detail: `${what} ${id} does not exist` });
}

/** Short titles per code, in both languages the product ships in. */
export const PROBLEM_TITLES: Record<ProblemCode, Localised> = {
  validation_failed: { en: 'The request is not valid', es: 'La petición no es válida' },
  not_found: { en: 'Not found', es: 'No encontrado' },
  route_not_found: { en: 'No such API route', es: 'Esa ruta de la API no existe' },
  method_not_allowed: { en: 'Method not allowed', es: 'Método no permitido' },
  payload_too_large: { en: 'The request body is too large', es: 'El cuerpo es demasiado grande' },
  unsupported_media_type: {
    en: 'Unsupported content type',
    es: 'Tipo de contenido no admitido',
  },
  conflict: { en: 'Conflict with the current state', es: 'Conflicto con el estado actual' },
  campaign_code_taken: {
    en: 'Another campaign already uses this code',
    es: 'Otra campaña ya usa este código',
  },
  draft_conflict: {
    en: 'Someone saved this draft after you opened it',
    es: 'Alguien ha guardado este borrador después de que lo abrieras',
  },
  wrong_campaign_mode: {
    en: 'The campaign is not in the mode this operation needs',
    es: 'La campaña no está en el modo que necesita esta operación',
  },
  lead_not_held: {
    en: 'The lead is not waiting for an operator',
    es: 'El contacto no está esperando a un operador',
  },
  unauthorized: { en: 'Authentication required', es: 'Hace falta autenticarse' },
  forbidden: { en: 'Not allowed', es: 'No permitido' },
  rate_limited: { en: 'Too many requests', es: 'Demasiadas peticiones' },
  database_unavailable: {
    en: 'The database is unavailable',
    es: 'La base de datos no está disponible',
  },
  internal_error: { en: 'Internal server error', es: 'Error interno del servidor' },
};
