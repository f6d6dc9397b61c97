import { ensureApiKey, ensureFirstAdmin, hashPassword } from '@rumbo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';
import { seedWorkspace } from './runner-fixtures.ts';

// DESIGN §11: scripts send `Authorization: Bearer <api key>`, the browser a session cookie.
// The API is open only while no user and no API key exist (a fresh demo).

let t: TestDatabase;
let app: TestApp;
let workspaceId: string;

const KEY = 'rumbo-clave-de-integracion-0123456789';
const ADMIN = { email: 'Ana.Admin@Example.com', password: 'una contraseña bien larga' };

beforeAll(async () => {
  t = await createTestDatabase('api-auth');
  workspaceId = await seedWorkspace(t.db);
  app = await buildTestApp(t);
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

/** The `rumbo_session` cookie a response sets, as a request's Cookie header. */
function sessionCookie(response: Awaited<ReturnType<TestApp['inject']>>): string {
  const cookie = response.cookies.find((c) => c.name === 'rumbo_session');
  expect(cookie).toBeDefined();
  return `rumbo_session=${cookie?.value}`;
}

describe('authentication', () => {
  it('is open while no user and no API key exist, and says so', async () => {
    expect((await get('/api/v1/campaigns')).statusCode).toBe(200);
    expect((await get('/api/v1/session')).json()).toEqual({ required: false, user: null });
  });

  it('asks every /api/v1 request for a valid API key once one exists', async () => {
    await ensureApiKey(t.db, workspaceId, KEY);
    const none = await get('/api/v1/campaigns');
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json()).toMatchObject({ code: 'unauthorized', status: 401 });
    expect((await get('/api/v1/segments')).statusCode).toBe(401);
    expect((await get('/api/v1/campaigns', { authorization: `Bearer ${KEY}` })).statusCode).toBe(
      200,
    );
    const { rows } = await t.pool.query('SELECT last_used_at FROM api_keys');
    expect(rows[0].last_used_at).not.toBeNull();
    // A second request within the minute reads the key without writing its last use again.
    await get('/api/v1/campaigns', { authorization: `Bearer ${KEY}` });
    const again = await t.pool.query('SELECT last_used_at FROM api_keys');
    expect(again.rows[0].last_used_at).toEqual(rows[0].last_used_at);
    await t.pool.query("UPDATE api_keys SET last_used_at = now() - interval '2 minutes'");
    await get('/api/v1/campaigns', { authorization: `Bearer ${KEY}` });
    const later = await t.pool.query('SELECT last_used_at FROM api_keys');
    expect(later.rows[0].last_used_at.getTime()).toBeGreaterThan(Date.now() - 60_000);
    for (const authorization of [`Bearer ${KEY}x`, 'Bearer', KEY, `Basic ${KEY}`]) {
      const wrong = await get('/api/v1/campaigns', { authorization });
      expect(wrong.statusCode, authorization).toBe(401);
      expect(wrong.json().detail).toContain('Authorization: Bearer');
    }
    // Health and the API description stay public for load balancers and integrators.
    expect((await get('/api/health')).statusCode).toBe(200);
    const openapi = await get('/api/openapi.json');
    expect(openapi.statusCode).toBe(200);
    // The API description says how to authenticate, and which routes need nothing.
    const doc = openapi.json();
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'session']);
    expect(doc.security).toEqual([{ apiKey: [] }, { session: [] }]);
    expect(doc.paths['/api/v1/session'].post.security).toEqual([]);
    expect(doc.paths['/api/health'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/campaigns'].get.security).toBeUndefined();
    expect((await get('/api/v1/session')).json()).toEqual({ required: true, user: null });
  });

  it('refuses a revoked key', async () => {
    await t.pool.query('UPDATE api_keys SET revoked_at = now()');
    expect((await get('/api/v1/campaigns', { authorization: `Bearer ${KEY}` })).statusCode).toBe(
      401,
    );
    // With the only credential revoked nobody could sign in: the API is open again.
    expect((await get('/api/v1/campaigns')).statusCode).toBe(200);
    await t.pool.query('UPDATE api_keys SET revoked_at = NULL');
  });

  it('signs a user in with email and password into an HttpOnly session cookie, and out again', async () => {
    expect(await ensureFirstAdmin(t.db, workspaceId, ADMIN)).toBe(true);
    const signIn = (email: string, password: string) =>
      app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });

    for (const [email, password] of [
      [ADMIN.email, 'otra contraseña'],
      ['nadie@example.com', ADMIN.password],
    ] as const) {
      const wrong = await signIn(email, password);
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toMatchObject({
        code: 'unauthorized',
        detail: 'wrong email or password',
      });
      expect(wrong.cookies).toEqual([]);
    }
    const empty = await signIn('', '');
    expect(empty.statusCode).toBe(400);
    expect(
      empty
        .json()
        .issues.map((i: { path: string[] }) => i.path[0])
        .sort(),
    ).toEqual(['email', 'password']);

    const ok = await signIn('  ana.admin@example.COM ', ADMIN.password);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({
      required: true,
      user: { email: 'ana.admin@example.com', name: 'Admin', role: 'admin' },
    });
    const set = ok.cookies.find((c) => c.name === 'rumbo_session');
    expect(set).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(set?.maxAge).toBe(30 * 24 * 60 * 60);
    const cookie = sessionCookie(ok);
    // The table keeps a hash of the token, never the token.
    const stored = await t.pool.query('SELECT id FROM sessions');
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].id).not.toBe(set?.value);

    expect((await get('/api/v1/campaigns', { cookie })).statusCode).toBe(200);
    expect((await get('/api/v1/session', { cookie })).json()).toMatchObject({
      user: { email: 'ana.admin@example.com' },
    });

    const out = await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie } });
    expect(out.json()).toEqual({ required: true, user: null });
    expect(out.cookies.find((c) => c.name === 'rumbo_session')?.value).toBe('');
    const after = await get('/api/v1/campaigns', { cookie });
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toContain('sign in again');
  });

  it('ends an expired session and a disabled user’s sessions', async () => {
    const signIn = () => app.inject({ method: 'POST', url: '/api/v1/session', payload: ADMIN });
    const expired = sessionCookie(await signIn());
    await t.pool.query("UPDATE sessions SET expires_at = now() - interval '1 second'");
    expect((await get('/api/v1/campaigns', { cookie: expired })).statusCode).toBe(401);

    const cookie = sessionCookie(await signIn());
    expect((await get('/api/v1/campaigns', { cookie })).statusCode).toBe(200);
    await t.pool.query('UPDATE users SET disabled_at = now()');
    expect((await get('/api/v1/campaigns', { cookie })).statusCode).toBe(401);
    expect((await signIn()).statusCode).toBe(401);
    await t.pool.query('UPDATE users SET disabled_at = NULL');
  });

  it('names the user or the key in the audit log of what they change', async () => {
    const cookie = sessionCookie(
      await app.inject({ method: 'POST', url: '/api/v1/session', payload: ADMIN }),
    );
    const create = (code: string, headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/campaigns',
        headers,
        payload: { from: 'blank', code, name: code },
      });
    expect((await create('AUD01', { cookie })).statusCode).toBe(201);
    expect((await create('AUD02', { authorization: `Bearer ${KEY}` })).statusCode).toBe(201);
    const { rows } = await t.pool.query(
      `SELECT c.code, a.actor FROM audit_log a JOIN campaigns c ON a.subject = 'campaign:' || c.id
       WHERE a.action = 'campaign.created' ORDER BY c.code`,
    );
    expect(rows).toEqual([
      { code: 'AUD01', actor: 'ana.admin@example.com' },
      { code: 'AUD02', actor: 'api-key:RUMBO_API_KEY' },
    ]);
  });

  it('locks an email for a while after five failed sign-ins, even with the right password', async () => {
    const victim = { email: 'luis@example.com', password: 'la contraseña de Luis' };
    await t.pool.query(
      `INSERT INTO users (workspace_id, email, name, role, password_hash)
       VALUES ($1, $2, 'Luis', 'marketer', $3)`,
      [workspaceId, victim.email, await hashPassword(victim.password)],
    );
    const attempt = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'LUIS@example.com', password },
      });
    for (let i = 0; i < 5; i += 1) expect((await attempt(`mala ${i}`)).statusCode).toBe(401);
    const locked = await attempt(victim.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'rate_limited' });
    expect(locked.json().detail).toMatch(
      /^too many failed sign-ins for this email; try again in 1[45] minutes$/,
    );
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(13 * 60);
    expect(locked.cookies).toEqual([]);
    // Another email is not locked by them.
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/session', payload: ADMIN })).statusCode,
    ).toBe(200);
    // The failures are in the audit log, with where they came from.
    const { rows } = await t.pool.query(
      "SELECT data->>'from' AS origin FROM audit_log WHERE subject = 'email:luis@example.com'",
    );
    expect(rows).toHaveLength(5);
    expect(rows[0].origin).toBe('127.0.0.1');
    // Once the window has passed the right password works again.
    await t.pool.query(
      "UPDATE audit_log SET at = at - interval '16 minutes' WHERE subject = 'email:luis@example.com'",
    );
    expect((await attempt(victim.password)).statusCode).toBe(200);
  });

  it('acts on the workspace of the key or user, not the oldest one', async () => {
    const other = await seedWorkspace(t.db);
    const otherKey = 'rumbo-clave-de-otro-espacio-9876543210';
    await ensureApiKey(t.db, other, otherKey);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      headers: { authorization: `Bearer ${otherKey}` },
      payload: {
        kind: 'filter',
        name: 'Solo del otro',
        rule: { kind: 'group', combinator: 'and', not: false, rules: [] },
      },
    });
    expect(created.statusCode).toBe(201);
    const names = async (key: string) =>
      (await get('/api/v1/segments', { authorization: `Bearer ${key}` }))
        .json()
        .items.map((s: { name: string }) => s.name);
    expect(await names(otherKey)).toContain('Solo del otro');
    expect(await names(KEY)).not.toContain('Solo del otro');
  });

  it('lets a signed-in user change their own password, ending their other sessions', async () => {
    const eva = { email: 'eva@example.com', password: 'la contraseña de Eva' };
    await t.pool.query(
      `INSERT INTO users (workspace_id, email, name, role, password_hash)
       VALUES ($1, $2, 'Eva', 'reviewer', $3)`,
      [workspaceId, eva.email, await hashPassword(eva.password)],
    );
    const signInAs = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: eva.email, password },
      });
    const here = sessionCookie(await signInAs(eva.password));
    const elsewhere = sessionCookie(await signInAs(eva.password));
    const change = (cookie: string | undefined, payload: Record<string, unknown>) =>
      app.inject({
        method: 'PUT',
        url: '/api/v1/session/password',
        headers: cookie === undefined ? {} : { cookie },
        payload,
      });

    const wrong = await change(here, { currentPassword: 'no es', newPassword: 'una nueva larga' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().issues).toEqual([
      expect.objectContaining({ path: ['currentPassword'], code: 'wrong_password' }),
    ]);
    const short = await change(here, { currentPassword: eva.password, newPassword: 'corta' });
    expect(short.statusCode).toBe(400);
    expect(short.json().issues[0]).toMatchObject({ path: ['newPassword'] });
    const nobody = await change(undefined, {
      currentPassword: eva.password,
      newPassword: 'una nueva larga',
    });
    expect(nobody.statusCode).toBe(401);

    const done = await change(here, {
      currentPassword: eva.password,
      newPassword: 'una nueva larga',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().user).toMatchObject({ email: eva.email });
    expect((await get('/api/v1/campaigns', { cookie: here })).statusCode).toBe(200);
    expect((await get('/api/v1/campaigns', { cookie: elsewhere })).statusCode).toBe(401);
    expect((await signInAs(eva.password)).statusCode).toBe(401);
    expect((await signInAs('una nueva larga')).statusCode).toBe(200);
    const { rows } = await t.pool.query(
      "SELECT actor FROM audit_log WHERE action = 'user.password_changed'",
    );
    expect(rows).toEqual([{ actor: eva.email }]);
  });
});
