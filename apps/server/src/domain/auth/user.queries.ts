import {
  type CreateUserBody,
  type UpdateUserBody,
  type User,
  type UserList,
  UserRole,
} from '@rumbo/flow';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { HttpProblem, notFound } from '../../errors/http-problem.ts';
import { Instant } from '../call-tasks/call-task.rows.ts';
import { runSql } from '../segments/positional-sql.ts';
import { hashPassword } from './password.ts';

const Row = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: UserRole,
  disabled: z.boolean(),
  created_at: Instant,
});

const COLUMNS = 'id, email, name, role, disabled_at IS NOT NULL AS disabled, created_at';

function toUser(row: unknown): User {
  const { created_at, ...user } = Row.parse(row);
  return { ...user, createdAt: created_at };
}

export async function listUsers(db: Database, workspaceId: string): Promise<UserList> {
  const rows = await runSql(
    db,
    `SELECT ${COLUMNS} FROM users WHERE workspace_id = $1 ORDER BY disabled_at IS NOT NULL, email`,
    [workspaceId],
  );
  return { items: rows.map(toUser) };
}

/** Adds a user who signs in with the email (stored lower-cased) and the given password. */
export async function createUser(
  db: Database,
  workspaceId: string,
  body: z.output<typeof CreateUserBody>,
): Promise<User> {
  const passwordHash = await hashPassword(body.password);
  const [row] = await runSql(
    db,
    `INSERT INTO users (workspace_id, email, name, role, password_hash)
     VALUES ($1, lower($2), $3, $4, $5) ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
    [workspaceId, body.email.trim(), body.name, body.role, passwordHash],
  );
  if (row === undefined) {
    const message = `a user with the email ${body.email.trim().toLowerCase()} already exists`;
    throw new HttpProblem(409, 'conflict', {
      detail: message,
      issues: [{ location: 'body', path: ['email'], code: 'email_taken', message }],
    });
  }
  return toUser(row);
}

/**
 * Changes a user's name, role, password or whether they may sign in. Disabling or a new
 * password ends their sessions at once. The workspace always keeps one
 * enabled administrator: a change that would leave none is a 409.
 */
export async function updateUser(
  db: Database,
  workspaceId: string,
  id: string,
  body: UpdateUserBody,
): Promise<User> {
  const passwordHash = body.password === undefined ? null : await hashPassword(body.password);
  return db.transaction(async (tx) => {
    const [row] = await runSql(
      tx,
      `UPDATE users SET name = coalesce($3, name), role = coalesce($4, role),
         password_hash = coalesce($5, password_hash),
         disabled_at = CASE WHEN $6::boolean IS NULL THEN disabled_at
                            WHEN $6 THEN coalesce(disabled_at, now()) ELSE NULL END
       WHERE id = $1 AND workspace_id = $2 RETURNING ${COLUMNS}`,
      [id, workspaceId, body.name ?? null, body.role ?? null, passwordHash, body.disabled ?? null],
    );
    if (row === undefined) throw notFound('user', id);
    const [admins] = await runSql(
      tx,
      `SELECT count(*)::int AS n FROM users
       WHERE workspace_id = $1 AND role = 'admin' AND disabled_at IS NULL`,
      [workspaceId],
    );
    if (z.object({ n: z.number() }).parse(admins).n === 0) {
      throw new HttpProblem(409, 'conflict', {
        detail: 'the workspace must keep at least one enabled administrator',
        issues: [
          {
            location: 'body',
            path: [body.role !== undefined ? 'role' : 'disabled'],
            code: 'last_admin',
            message: 'the workspace must keep at least one enabled administrator',
          },
        ],
      });
    }
    if (body.disabled === true || passwordHash !== null) {
      await runSql(tx, 'DELETE FROM sessions WHERE user_id = $1', [id]);
    }
    return toUser(row);
  });
}
