import { type Executor, run } from '../sql/positional.ts';

/** Enrollments inserted at once beyond which the planner's statistics are refreshed. */
export const BULK_ANALYZE_THRESHOLD = 10_000;

/**
 * Refreshes the planner's statistics of `enrollments` after a bulk enrollment. Autovacuum would
 * get there later; until it does, the claims of the first batches planned on a table that
 * looked empty and fetched about 20× slower (issue 5, traps found while prototyping).
 * Returns whether it ran.
 */
export async function refreshAfterBulkEnrollment(db: Executor, enrolled: number): Promise<boolean> {
  if (enrolled < BULK_ANALYZE_THRESHOLD) return false;
  await run(db, 'ANALYZE enrollments');
  return true;
}
