import { schema } from '@rumbo/db';
import { asc } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';

/**
 * The workspace a request acts on. Until sign-in exists every request uses the oldest
 * workspace (the demo one on a fresh install); sessions and API keys will carry their own.
 */
export async function defaultWorkspaceId(db: Database): Promise<string | null> {
  const rows = await db
    .select({ id: schema.workspaces.id })
    .from(schema.workspaces)
    .orderBy(asc(schema.workspaces.createdAt), asc(schema.workspaces.id))
    .limit(1);
  return rows[0]?.id ?? null;
}
