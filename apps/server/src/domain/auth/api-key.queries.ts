import { randomBytes } from 'node:crypto';
import { type ApiKey, type ApiKeyList, type CreatedApiKey, UserRole } from '@rumbo/flow';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { notFound } from '../../errors/http-problem.ts';
import { Instant } from '../call-tasks/call-task.rows.ts';
import { runSql } from '../segments/positional-sql.ts';
import { tokenHash } from './password.ts';

const Row = z.object({
  id: z.string(),
  name: z.string(),
  role: UserRole,
  created_at: Instant,
  last_used_at: Instant.nullable(),
  revoked: z.boolean(),
});

const COLUMNS = 'id, name, role, created_at, last_used_at, revoked_at IS NOT NULL AS revoked';

function toKey(row: unknown): ApiKey {
  const { created_at, last_used_at, ...key } = Row.parse(row);
  return { ...key, createdAt: created_at, lastUsedAt: last_used_at };
}

export async function listApiKeys(db: Database, workspaceId: string): Promise<ApiKeyList> {
  const rows = await runSql(
    db,
    `SELECT ${COLUMNS} FROM api_keys WHERE workspace_id = $1
     ORDER BY revoked_at IS NOT NULL, created_at DESC`,
    [workspaceId],
  );
  return { items: rows.map(toKey) };
}

/**
 * A new key: 32 random bytes behind a `rumbo_` prefix (so a leaked one is recognisable in a
 * scan). Only its SHA-256 is stored; the answer is the one time the key is shown.
 */
export async function createApiKey(
  db: Database,
  workspaceId: string,
  body: { name: string; role: UserRole },
): Promise<CreatedApiKey> {
  const key = `rumbo_${randomBytes(32).toString('base64url')}`;
  const [row] = await runSql(
    db,
    `INSERT INTO api_keys (workspace_id, name, key_hash, role) VALUES ($1, $2, $3, $4)
     RETURNING ${COLUMNS}`,
    [workspaceId, body.name, tokenHash(key), body.role],
  );
  return { ...toKey(row), key };
}

/** Revokes a key: requests with it are refused from now on. Revoking twice changes nothing. */
export async function revokeApiKey(db: Database, workspaceId: string, id: string): Promise<ApiKey> {
  const [row] = await runSql(
    db,
    `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())
     WHERE id = $1 AND workspace_id = $2 RETURNING ${COLUMNS}`,
    [id, workspaceId],
  );
  if (row === undefined) throw notFound('API key', id);
  return toKey(row);
}
