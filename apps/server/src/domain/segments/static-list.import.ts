import type { StaticListReport } from '@rumbo/flow';
import { z } from 'zod';
import { type Executor, runSql } from './positional-sql.ts';
import { parseLeadKeys } from './static-list.parse.ts';

const UNKNOWN_LISTED = 50;
const KeyRow = z.object({ external_key: z.string() });

function report(parsed: ReturnType<typeof parseLeadKeys>, matched: Set<string>): StaticListReport {
  const unknownKeys = parsed.keys.filter((key) => !matched.has(key));
  return {
    keys: parsed.keys.length,
    matched: matched.size,
    unknown: unknownKeys.length,
    unknownKeys: unknownKeys.slice(0, UNKNOWN_LISTED),
    duplicates: parsed.duplicates,
    format: parsed.format,
    column: parsed.column,
  };
}

/** What importing the text would do, without writing anything (the builder's preview). */
export async function previewStaticList(
  db: Executor,
  workspaceId: string,
  text: string,
): Promise<StaticListReport> {
  const parsed = parseLeadKeys(text);
  const rows = await runSql(
    db,
    'SELECT external_key FROM leads WHERE workspace_id = $1 AND external_key = ANY($2::text[])',
    [workspaceId, parsed.keys],
  );
  return report(parsed, new Set(rows.map((row) => KeyRow.parse(row).external_key)));
}

/**
 * Adds the leads named in the text to a static list in one statement (keys matched and
 * members inserted together), and reports what matched, what did not and what repeated.
 */
export async function importStaticList(
  db: Executor,
  workspaceId: string,
  listId: string,
  text: string,
): Promise<StaticListReport> {
  const parsed = parseLeadKeys(text);
  const rows = await runSql(
    db,
    `WITH matched AS (
       SELECT id, external_key FROM leads WHERE workspace_id = $1 AND external_key = ANY($2::text[])
     ), added AS (
       INSERT INTO list_members (list_id, lead_id) SELECT $3::uuid, id FROM matched
       ON CONFLICT DO NOTHING
     )
     SELECT external_key FROM matched`,
    [workspaceId, parsed.keys, listId],
  );
  return report(parsed, new Set(rows.map((row) => KeyRow.parse(row).external_key)));
}
