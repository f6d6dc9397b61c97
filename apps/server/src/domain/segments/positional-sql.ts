import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';

/**
 * The segment compiler of packages/flow emits text with `$n` placeholders; this turns such a
 * statement into a drizzle SQL object so it runs on `db | tx` with every value bound.
 */
export function positional(text: string, params: readonly unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    const index = Number(match[1]) - 1;
    if (index < 0 || index >= params.length) throw new Error(`no parameter for $${index + 1}`);
    chunks.push(sql.raw(text.slice(last, match.index)));
    // `sql.param` binds an array as one parameter; a bare interpolation would spread it.
    chunks.push(sql`${sql.param(params[index])}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

/** Runs a positional statement; rows come back unparsed (callers parse them with zod). */
export async function runSql(
  db: Executor,
  text: string,
  params: readonly unknown[] = [],
): Promise<Record<string, unknown>[]> {
  const result = await db.execute(positional(text, params));
  return result.rows;
}
