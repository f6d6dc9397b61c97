import { ChangePasswordBody, Problem, SessionState, SignInBody } from '@rumbo/flow';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  authRequired,
  changePassword,
  type Principal,
  principalFromSession,
  SESSION_DAYS,
  signIn,
  signOut,
} from '../../domain/auth/auth.queries.ts';
import { HttpProblem } from '../../errors/http-problem.ts';
import { SESSION_COOKIE, unauthorized } from '../../plugins/auth.plugin.ts';

const tags = ['session'];
const errors = { 400: Problem, 401: Problem, 429: Problem };

function userOf(principal: Principal | null): SessionState['user'] {
  return principal?.kind === 'user'
    ? { email: principal.email, name: principal.name, role: principal.role }
    : null;
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
}

/** Sign-in for the browser (DESIGN §11): outside the authenticated scope, so it can be reached. */
export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/session',
    {
      schema: {
        tags,
        security: [],
        summary: 'Whether sign-in is required, and who this browser is signed in as',
        response: { 200: SessionState, ...errors },
      },
    },
    async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      const principal = token ? await principalFromSession(app.db, token) : null;
      return { required: await authRequired(app.db), user: userOf(principal) };
    },
  );

  app.post(
    '/api/v1/session',
    {
      schema: {
        tags,
        security: [],
        summary: 'Sign in with email and password; the session travels in an HttpOnly cookie',
        body: SignInBody,
        response: { 200: SessionState, ...errors },
      },
    },
    async (request, reply) => {
      const session = await signIn(app.db, request.body.email, request.body.password, request.ip);
      if (session.kind === 'locked') {
        const minutes = Math.ceil(session.retryAfterSeconds / 60);
        reply.header('retry-after', String(session.retryAfterSeconds));
        throw new HttpProblem(429, 'rate_limited', {
          detail: `too many failed sign-ins for this email; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
          extensions: { retryAfter: session.retryAfterSeconds },
        });
      }
      if (session.kind === 'wrong') throw unauthorized('wrong email or password');
      setSessionCookie(request, reply, session.token);
      return { required: await authRequired(app.db), user: userOf(session.user) };
    },
  );

  app.delete(
    '/api/v1/session',
    {
      schema: {
        tags,
        security: [],
        summary: 'Sign out: the session ends on the server and its cookie is cleared',
        response: { 200: SessionState, ...errors },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(app.db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { required: await authRequired(app.db), user: null };
    },
  );

  app.put(
    '/api/v1/session/password',
    {
      schema: {
        tags,
        security: [],
        summary: 'The signed-in user changes their password; their other sessions end',
        body: ChangePasswordBody,
        response: { 200: SessionState, ...errors },
      },
    },
    async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      const result = token
        ? await changePassword(
            app.db,
            token,
            request.body.currentPassword,
            request.body.newPassword,
          )
        : 'no_session';
      if (result === 'no_session') throw unauthorized('sign in to change your password');
      if (result === 'wrong_password') {
        const message = 'the current password is not right';
        throw new HttpProblem(400, 'validation_failed', {
          detail: message,
          issues: [
            { location: 'body', path: ['currentPassword'], code: 'wrong_password', message },
          ],
        });
      }
      const principal = token ? await principalFromSession(app.db, token) : null;
      return { required: await authRequired(app.db), user: userOf(principal) };
    },
  );
};
