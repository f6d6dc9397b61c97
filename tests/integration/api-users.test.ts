import type { User } from '@rumbo/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';
import { seedWorkspace } from './runner-fixtures.ts';

// The workspace's people (DESIGN §1): an administrator adds users with roles, and each role
// may do its own work only.

let t: TestDatabase;
let app: TestApp;

const ADMIN = {
  email: 'ana@example.com',
  name: 'Ana',
  role: 'admin',
  password: 'contraseña-de-ana',
};

beforeAll(async () => {
  t = await createTestDatabase('api-users');
  await seedWorkspace(t.db);
  app = await buildTestApp(t);
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

type Headers = Record<string, string>;
const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  headers: Headers,
  payload?: Record<string, unknown>,
) => app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });

async function signIn(email: string, password: string): Promise<Headers> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { email, password },
  });
  expect(response.statusCode, `${email} signs in`).toBe(200);
  const cookie = response.cookies.find((c) => c.name === 'rumbo_session');
  return { cookie: `rumbo_session=${cookie?.value}` };
}

let admin: Headers;
const ids = new Map<string, string>();

describe('users and roles', () => {
  it('lets the open API create the first administrator, after which sign-in is required', async () => {
    const created = await call('POST', '/api/v1/users', {}, ADMIN);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      email: 'ana@example.com',
      role: 'admin',
      disabled: false,
    });
    expect((await call('GET', '/api/v1/users', {})).statusCode).toBe(401);
    admin = await signIn(ADMIN.email, ADMIN.password);
  });

  it('adds one user per role, and refuses a taken email, a short password and an unknown role', async () => {
    for (const role of ['marketer', 'reviewer', 'agent', 'analyst']) {
      const response = await call('POST', '/api/v1/users', admin, {
        email: `${role}@Example.com`,
        name: role,
        role,
        password: `contraseña-${role}`,
      });
      expect(response.statusCode, role).toBe(201);
      const user: User = response.json();
      expect(user.email).toBe(`${role}@example.com`);
      ids.set(role, user.id);
    }
    const taken = await call('POST', '/api/v1/users', admin, {
      ...ADMIN,
      email: 'ANA@example.com',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().issues).toEqual([
      expect.objectContaining({ path: ['email'], code: 'email_taken' }),
    ]);
    const bad = await call('POST', '/api/v1/users', admin, {
      email: 'no-es-un-correo',
      role: 'jefe',
      password: 'corta',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .issues.map((i: { path: string[] }) => i.path[0])
        .sort(),
    ).toEqual(['email', 'password', 'role']);
    const list = (await call('GET', '/api/v1/users', admin)).json();
    expect(list.items.map((u: User) => u.role).sort()).toEqual([
      'admin',
      'agent',
      'analyst',
      'marketer',
      'reviewer',
    ]);
    // Only a hash of each password is kept.
    const { rows } = await t.pool.query('SELECT password_hash FROM users');
    expect(rows.every((r) => r.password_hash.startsWith('scrypt$'))).toBe(true);
  });

  it('lets each role do its own work and answers 403 in words for the rest', async () => {
    const as = {
      marketer: await signIn('marketer@example.com', 'contraseña-marketer'),
      agent: await signIn('agent@example.com', 'contraseña-agent'),
      analyst: await signIn('analyst@example.com', 'contraseña-analyst'),
      reviewer: await signIn('reviewer@example.com', 'contraseña-reviewer'),
    };
    const campaign = (headers: Headers, code: string) =>
      call('POST', '/api/v1/campaigns', headers, { from: 'blank', code, name: code });
    expect((await campaign(as.marketer, 'MKT01')).statusCode).toBe(201);
    for (const role of ['agent', 'analyst', 'reviewer'] as const) {
      const refused = await campaign(as[role], `NO${role}`);
      expect(refused.statusCode, role).toBe(403);
      expect(refused.json()).toMatchObject({
        code: 'forbidden',
        detail: `the role ${role} may not do this (it needs admin or marketer)`,
      });
      expect((await call('GET', '/api/v1/campaigns', as[role])).statusCode, role).toBe(200);
    }
    const users = await call('GET', '/api/v1/users', as.marketer);
    expect(users.statusCode).toBe(403);
    expect(users.json().detail).toContain('it needs admin');
    const policies = await call('PUT', '/api/v1/call-tasks/day', as.agent, { timeZone: 'UTC' });
    expect(policies.statusCode).toBe(403);
    expect(
      (await call('PUT', '/api/v1/call-tasks/day', as.marketer, { timeZone: 'UTC' })).statusCode,
    ).toBe(200);
  });

  it('disables a user, whose session ends at once, and lets them back in', async () => {
    const marketer = await signIn('marketer@example.com', 'contraseña-marketer');
    const id = ids.get('marketer');
    const off = await call('PATCH', `/api/v1/users/${id}`, admin, { disabled: true });
    expect(off.json()).toMatchObject({ disabled: true });
    expect((await call('GET', '/api/v1/campaigns', marketer)).statusCode).toBe(401);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'marketer@example.com', password: 'contraseña-marketer' },
    });
    expect(refused.statusCode).toBe(401);
    await call('PATCH', `/api/v1/users/${id}`, admin, { disabled: false });
    await signIn('marketer@example.com', 'contraseña-marketer');
  });

  it('changes a role and a password; the old password stops working', async () => {
    const id = ids.get('analyst');
    const changed = await call('PATCH', `/api/v1/users/${id}`, admin, {
      role: 'marketer',
      password: 'otra-contraseña-larga',
    });
    expect(changed.json()).toMatchObject({ role: 'marketer' });
    const old = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'analyst@example.com', password: 'contraseña-analyst' },
    });
    expect(old.statusCode).toBe(401);
    const now = await signIn('analyst@example.com', 'otra-contraseña-larga');
    expect(
      (await call('POST', '/api/v1/campaigns', now, { from: 'blank', code: 'ANL01', name: 'x' }))
        .statusCode,
    ).toBe(201);
  });

  it('keeps one enabled administrator, and answers 404 for an unknown user', async () => {
    const me = (await call('GET', '/api/v1/users', admin))
      .json()
      .items.find((u: User) => u.role === 'admin');
    for (const change of [{ role: 'marketer' }, { disabled: true }]) {
      const refused = await call('PATCH', `/api/v1/users/${me.id}`, admin, change);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().issues[0]).toMatchObject({ code: 'last_admin' });
    }
    const still = (await call('GET', '/api/v1/users', admin))
      .json()
      .items.find((u: User) => u.id === me.id);
    expect(still).toMatchObject({ role: 'admin', disabled: false });
    const unknown = await call(
      'PATCH',
      '/api/v1/users/00000000-0000-4000-8000-000000000000',
      admin,
      {
        name: 'x',
      },
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('creates an API key shown once, lists it without the key, and revokes it', async () => {
    const created = await call('POST', '/api/v1/api-keys', admin, { name: 'CRM de la tienda' });
    expect(created.statusCode).toBe(201);
    const key = created.json();
    expect(key).toMatchObject({
      name: 'CRM de la tienda',
      role: 'admin',
      revoked: false,
      lastUsedAt: null,
    });
    expect(key.key).toMatch(/^rumbo_[A-Za-z0-9_-]{43}$/);
    const bearer = { authorization: `Bearer ${key.key}` };
    expect((await call('GET', '/api/v1/campaigns', bearer)).statusCode).toBe(200);
    const list = await call('GET', '/api/v1/api-keys', admin);
    expect(list.body).not.toContain(key.key);
    expect(list.json().items).toEqual([
      expect.objectContaining({ id: key.id, revoked: false, lastUsedAt: expect.any(String) }),
    ]);
    // Only its hash is stored.
    const stored = await t.pool.query('SELECT key_hash FROM api_keys WHERE id = $1', [key.id]);
    expect(stored.rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);

    // A key with a narrower role can only do that role's work.
    const reader = (
      await call('POST', '/api/v1/api-keys', admin, { name: 'Informes', role: 'analyst' })
    ).json();
    const asReader = { authorization: `Bearer ${reader.key}` };
    expect((await call('GET', '/api/v1/campaigns', asReader)).statusCode).toBe(200);
    expect(
      (
        await call('POST', '/api/v1/campaigns', asReader, {
          from: 'blank',
          code: 'RD01',
          name: 'x',
        })
      ).statusCode,
    ).toBe(403);

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${key.id}`,
      headers: admin,
    });
    expect(revoked.json()).toMatchObject({ id: key.id, revoked: true });
    expect((await call('GET', '/api/v1/campaigns', bearer)).statusCode).toBe(401);
    const marketer = await signIn('marketer@example.com', 'contraseña-marketer');
    expect((await call('GET', '/api/v1/api-keys', marketer)).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/api-keys', admin, { name: ' ' })).statusCode).toBe(400);
  });
});
