// Public API of segments (the rule model itself is exported from rule.schema.ts): both
// compilers, rule checking with translated issues, and field discovery for the builder.
export * from './segment-check.ts';
export * from './segment-fields.ts';
export * from './segment-issues.ts';
export {
  MAX_SEGMENT_DEPTH,
  SegmentRuleError,
  type SegmentRuleErrorCode,
} from './segment-limits.ts';
export * from './segment-predicate.ts';
export * from './segment-sql.ts';
export { parseDate } from './segment-time.ts';
export { dateAttributesSql } from './sql-read.ts';
export { foldText } from './text-fold.ts';
