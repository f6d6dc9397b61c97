import type { SegmentPreview } from '@rumbo/flow';
import type { Database } from '../../db/database.ts';
import { countRule, sampleRule } from './segment-count.queries.ts';
import { discoverAttributes } from './segment-fields.queries.ts';
import { requireValidRule } from './segment-rule.check.ts';

/** The builder's live answer while editing: how many leads a rule selects, and the first 20. */
export async function previewSegment(
  db: Database,
  workspaceId: string,
  raw: unknown,
  now: number,
): Promise<SegmentPreview> {
  const { rule, warnings } = requireValidRule(raw, await discoverAttributes(db, workspaceId));
  const [count, sample] = await Promise.all([
    countRule(db, workspaceId, rule, now),
    sampleRule(db, workspaceId, rule, now),
  ]);
  return {
    count,
    sample,
    warnings: warnings.map(({ code, path, message }) => ({ code, path, message })),
  };
}
