import { roleCan, rolesWith } from '@rumbo/flow';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import {
  authRequired,
  openPrincipal,
  type Principal,
  principalFromKey,
  principalFromSession,
} from '../domain/auth/auth.queries.ts';
import { ANONYMOUS_ACTOR } from '../domain/campaigns/campaign-audit.ts';
import { HttpProblem } from '../errors/http-problem.ts';
import { permissionFor } from './permissions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The workspace this request acts on; set before every `/api/v1` handler. */
    workspaceId: string;
    /** Who the request acts as: a signed-in user, an API key, or nobody while the API is open. */
    principal: Principal | null;
  }
}

/** The browser session's cookie (HttpOnly; it holds a random token, the database its hash). */
export const SESSION_COOKIE = 'rumbo_session';

export function unauthorized(detail: string): HttpProblem {
  return new HttpProblem(401, 'unauthorized', { detail });
}

/**
 * DESIGN §11: server-to-server calls send `Authorization: Bearer <api key>`, the browser a
 * session cookie. A credential that is sent must be valid; none at all is accepted only while
 * no user and no API key exist (the open demo).
 */
export async function authenticate(db: Database, request: FastifyRequest): Promise<Principal> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const key = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    const principal = key === undefined ? null : await principalFromKey(db, key);
    if (principal === null) {
      throw unauthorized(
        'the Authorization header does not hold a valid API key (Authorization: Bearer <api key>)',
      );
    }
    return principal;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (token !== undefined && token !== '') {
    const principal = await principalFromSession(db, token);
    if (principal !== null) return principal;
  }
  if (await authRequired(db)) {
    throw unauthorized(
      token
        ? 'the session has expired or was closed; sign in again'
        : 'sign in, or send Authorization: Bearer <api key>',
    );
  }
  const open = await openPrincipal(db);
  if (open === null) {
    throw new HttpProblem(404, 'not_found', {
      detail: 'no workspace exists yet; start the server once with `rumbo serve` to create one',
    });
  }
  return open;
}

/** The role a principal acts with; the open API (no credentials exist) may do everything. */
function roleOf(principal: Principal): string {
  return principal.kind === 'open' ? 'admin' : principal.role;
}

/**
 * Authenticates every request of the routes registered in this scope, checks its role may do
 * what the route does (`permissionFor`), and sets its workspace.
 */
export function registerAuthScope(app: FastifyInstance): void {
  app.decorateRequest('workspaceId', '');
  app.decorateRequest('principal', null);
  app.addHook('preHandler', async (request) => {
    const principal = await authenticate(app.db, request);
    const needed = permissionFor(request.method, request.routeOptions.url ?? request.url);
    const role = roleOf(principal);
    if (!roleCan(role, needed)) {
      throw new HttpProblem(403, 'forbidden', {
        detail: `the role ${role} may not do this (it needs ${rolesWith(needed).join(' or ')})`,
        extensions: { role, permission: needed },
      });
    }
    request.principal = principal;
    request.workspaceId = principal.workspaceId;
  });
}

/** The audit name of whoever makes the request: the user's email, `api-key:<name>`, or anonymous. */
export function actorOf(request: FastifyRequest): string {
  const principal = request.principal;
  if (principal?.kind === 'user') return principal.email;
  if (principal?.kind === 'api_key') return `api-key:${principal.name}`;
  return ANONYMOUS_ACTOR;
}
