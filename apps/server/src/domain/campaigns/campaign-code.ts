import { schema } from '@rumbo/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { HttpProblem } from '../../errors/http-problem.ts';

const { campaigns } = schema;
const MAX_CODE = 20;

async function usedCodes(db: Database, workspaceId: string): Promise<Set<string>> {
  const rows = await db
    .select({ code: campaigns.code })
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, workspaceId), isNull(campaigns.archivedAt)));
  return new Set(rows.map((row) => row.code));
}

/**
 * A code no live campaign of the workspace uses: `base` itself, else `base-2`, `base-3`, …
 * (cut so the whole stays within the 20 characters of `CampaignSettings.code`).
 */
export async function freeCode(db: Database, workspaceId: string, base: string): Promise<string> {
  const used = await usedCodes(db, workspaceId);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX_CODE - suffix.length)}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** The 409 for a code in use, with a free one to offer the user instead. */
export async function codeTaken(
  db: Database,
  workspaceId: string,
  code: string,
): Promise<HttpProblem> {
  const suggestedCode = await freeCode(db, workspaceId, code);
  return new HttpProblem(409, 'campaign_code_taken', {
    detail: `another campaign already uses the code ${code}; ${suggestedCode} is free`,
    extensions: { suggestedCode },
  });
}

function pgCode(error: unknown): { code: string; constraint: string } | null {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if ('code' in current && typeof current.code === 'string' && current.code === '23505') {
      const constraint = 'constraint' in current ? String(current.constraint) : '';
      return { code: current.code, constraint };
    }
  }
  return null;
}

/** True when the database refused a write because the code is in use (a race the check missed). */
export function isCodeClash(error: unknown): boolean {
  return pgCode(error)?.constraint === 'campaigns_workspace_code_key';
}

/**
 * Runs a write that may set a campaign code; the unique index has the last word, so two
 * people creating `RET045` at the same moment get one campaign and one clear 409.
 */
export async function withCodeCheck<T>(
  db: Database,
  workspaceId: string,
  code: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isCodeClash(error)) throw await codeTaken(db, workspaceId, code);
    throw error;
  }
}
