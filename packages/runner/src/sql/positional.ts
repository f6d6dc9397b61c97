import type { Db } from '@rumbo/db';
import { type SQL, sql } from 'drizzle-orm';

/**
 * The runner writes its set-based statements as text with `$n` placeholders (the segment
 * compiler of packages/flow emits the same form) and runs them through drizzle, so every
 * function takes `db | tx` first and joins the caller's transaction.
 */

/** A drizzle transaction has the same shape as the database handle. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

/** Turns `text` with `$1…$n` placeholders into a drizzle SQL object binding `params`. */
export function positional(text: string, params: readonly unknown[]): SQL {
  const chunks: SQL[] = [];
  const pattern = /\$(\d+)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
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

/** Runs a positional statement and returns its rows (unparsed: callers parse with zod). */
export async function run(
  db: Executor,
  text: string,
  params: readonly unknown[] = [],
): Promise<Record<string, unknown>[]> {
  const result = await db.execute(positional(text, params));
  return result.rows;
}
