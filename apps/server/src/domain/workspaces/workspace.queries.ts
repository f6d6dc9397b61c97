import { schema } from '@rumbo/db';
import { asc } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';

/**
 * The oldest workspace (the demo one on a fresh install): where start-up creates the first
 * administrator and API key, and what requests act on while the API is open (no credentials
 * exist yet). Sessions and API keys carry their own workspace.
 */
export async function defaultWorkspaceId(db: Database): Promise<string | null> {
  const rows = await db
    .select({ id: schema.workspaces.id })
    .from(schema.workspaces)
    .orderBy(asc(schema.workspaces.createdAt), asc(schema.workspaces.id))
    .limit(1);
  return rows[0]?.id ?? null;
}
