import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { type Executor, runSql } from '../segments/positional-sql.ts';
import { defaultWorkspaceId } from '../workspaces/workspace.queries.ts';
import { hashPassword, tokenHash, verifyPassword } from './password.ts';

/** How long a browser session lasts without signing in again. */
export const SESSION_DAYS = 30;

/** Who a request acts as, and in which workspace. */
export type Principal =
  | { kind: 'user'; workspaceId: string; userId: string; email: string; name: string; role: string }
  | { kind: 'api_key'; workspaceId: string; name: string; role: string }
  /** No user and no API key exist yet: the API is open, on the oldest workspace. */
  | { kind: 'open'; workspaceId: string };

/**
 * Whether requests must authenticate: as soon as an enabled user with a password or an
 * unrevoked API key exists (RUMBO_ADMIN_EMAIL / RUMBO_API_KEY, DESIGN §11). Until then nobody
 * could sign in, so the API stays open, as on a fresh `npm start` of the demo.
 */
export async function authRequired(db: Executor): Promise<boolean> {
  const [row] = await runSql(
    db,
    `SELECT EXISTS (SELECT 1 FROM users WHERE disabled_at IS NULL AND password_hash IS NOT NULL)
         OR EXISTS (SELECT 1 FROM api_keys WHERE revoked_at IS NULL) AS required`,
    [],
  );
  return z.object({ required: z.boolean() }).parse(row).required;
}

/** The principal of an API key (`Authorization: Bearer …`), or null when it is unknown or revoked. */
export async function principalFromKey(db: Executor, key: string): Promise<Principal | null> {
  // Every API request passes here: the last use is written at most once a minute per key, so
  // a busy integration does not turn each of its requests into a write on the same row.
  const [row] = await runSql(
    db,
    `WITH k AS (SELECT id, workspace_id, name, role, last_used_at FROM api_keys
                WHERE key_hash = $1 AND revoked_at IS NULL),
          touched AS (UPDATE api_keys a SET last_used_at = now() FROM k
                      WHERE a.id = k.id AND (k.last_used_at IS NULL
                        OR k.last_used_at < now() - interval '1 minute'))
     SELECT workspace_id, name, role FROM k`,
    [tokenHash(key)],
  );
  if (row === undefined) return null;
  const key_ = z
    .object({ workspace_id: z.string(), name: z.string(), role: z.string() })
    .parse(row);
  return { kind: 'api_key', workspaceId: key_.workspace_id, name: key_.name, role: key_.role };
}

const UserRow = z.object({
  id: z.string(),
  workspace_id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
});

const toUser = (row: unknown): Principal => {
  const u = UserRow.parse(row);
  return {
    kind: 'user',
    workspaceId: u.workspace_id,
    userId: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
  };
};

/** The signed-in user of a session cookie's token, or null (unknown, expired, user disabled). */
export async function principalFromSession(db: Executor, token: string): Promise<Principal | null> {
  const [row] = await runSql(
    db,
    `SELECT u.id, u.workspace_id, u.email, u.name, u.role FROM sessions s
     JOIN users u ON u.id = s.user_id
     WHERE s.id = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [tokenHash(token)],
  );
  return row === undefined ? null : toUser(row);
}

/** The open principal: the oldest workspace, while no credentials exist. */
export async function openPrincipal(db: Database): Promise<Principal | null> {
  const workspaceId = await defaultWorkspaceId(db);
  return workspaceId === null ? null : { kind: 'open', workspaceId };
}

/** Failed sign-ins for one email within the window lock it until the oldest one leaves it. */
export const SIGN_IN_ATTEMPTS = 5;
export const SIGN_IN_WINDOW_MINUTES = 15;

export type SignInResult =
  | { kind: 'ok'; token: string; user: Principal }
  | { kind: 'wrong' }
  /** Too many failures lately: no password is checked until `retryAfterSeconds` pass. */
  | { kind: 'locked'; retryAfterSeconds: number };

/**
 * Checks an email and password and opens a session: the cookie carries a random token, the
 * table only its hash. An unknown email, a wrong password and a disabled user look alike.
 * Each failure is written to the audit log (`session.sign_in_failed`, subject
 * `email:<email>`), and after SIGN_IN_ATTEMPTS of them in SIGN_IN_WINDOW_MINUTES the email is
 * locked for the rest of the window, across every server process.
 */
export async function signIn(
  db: Executor,
  email: string,
  password: string,
  from: string,
): Promise<SignInResult> {
  const subject = `email:${email.trim().toLowerCase()}`;
  const [recent] = await runSql(
    db,
    `SELECT count(*)::int AS failures,
       ceil(extract(epoch FROM min(at) + make_interval(mins => $3) - now()))::int AS retry
     FROM audit_log WHERE action = 'session.sign_in_failed' AND subject = $1
       AND at > now() - make_interval(mins => $2)`,
    [subject, SIGN_IN_WINDOW_MINUTES, SIGN_IN_WINDOW_MINUTES],
  );
  const lately = z.object({ failures: z.number(), retry: z.number().nullable() }).parse(recent);
  if (lately.failures >= SIGN_IN_ATTEMPTS) {
    return { kind: 'locked', retryAfterSeconds: Math.max(1, lately.retry ?? 1) };
  }
  const [row] = await runSql(
    db,
    `SELECT id, workspace_id, email, name, role, password_hash FROM users
     WHERE email = lower($1) AND disabled_at IS NULL`,
    [email.trim()],
  );
  const hash = z.object({ password_hash: z.string().nullable() }).safeParse(row);
  // A missing user still costs one hash, so the answer time does not tell which emails exist.
  const stored = hash.success ? hash.data.password_hash : null;
  const ok = await verifyPassword(password, stored ?? DUMMY_HASH);
  if (!ok || stored === null || row === undefined) {
    await runSql(
      db,
      `INSERT INTO audit_log (workspace_id, actor, action, subject, data)
       VALUES ($1, 'anonymous', 'session.sign_in_failed', $2, jsonb_build_object('from', $3::text))`,
      [row === undefined ? null : UserRow.parse(row).workspace_id, subject, from],
    );
    return { kind: 'wrong' };
  }
  const token = randomBytes(32).toString('base64url');
  await runSql(
    db,
    `INSERT INTO sessions (id, user_id, expires_at)
     VALUES ($1, $2, now() + make_interval(days => $3))`,
    [tokenHash(token), UserRow.parse(row).id, SESSION_DAYS],
  );
  return { kind: 'ok', token, user: toUser(row) };
}

export async function signOut(db: Executor, token: string): Promise<void> {
  await runSql(db, 'DELETE FROM sessions WHERE id = $1', [tokenHash(token)]);
}

/** A valid scrypt hash of a random password, checked when the email is unknown. */
const DUMMY_HASH = `scrypt$16384$8$1$c29tZSBzYWx0IGJ5dGVz$${Buffer.alloc(64, 7).toString('base64')}`;

/**
 * The signed-in user of `token` changes their own password: the current one must match. Every
 * other session of theirs ends (a stolen cookie stops working); this one stays.
 */
export async function changePassword(
  db: Database,
  token: string,
  currentPassword: string,
  newPassword: string,
): Promise<'changed' | 'wrong_password' | 'no_session'> {
  const principal = await principalFromSession(db, token);
  if (principal?.kind !== 'user') return 'no_session';
  const [row] = await runSql(db, 'SELECT id, password_hash FROM users WHERE id = $1', [
    principal.userId,
  ]);
  const user = z.object({ id: z.string(), password_hash: z.string().nullable() }).parse(row);
  if (user.password_hash === null || !(await verifyPassword(currentPassword, user.password_hash))) {
    return 'wrong_password';
  }
  const hash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await runSql(tx, 'UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, hash]);
    await runSql(tx, 'DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [
      user.id,
      tokenHash(token),
    ]);
    await runSql(
      tx,
      `INSERT INTO audit_log (workspace_id, actor, action, subject)
       SELECT workspace_id, email, 'user.password_changed', 'user:' || id FROM users WHERE id = $1`,
      [user.id],
    );
  });
  return 'changed';
}
