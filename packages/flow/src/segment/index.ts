// Public API of segments: the rule model, both compilers, rule checking and field discovery.

export {
  MAX_SEGMENT_DEPTH,
  SegmentRuleError,
  type SegmentRuleErrorCode,
} from './segment-limits.ts';
export * from './segment-predicate.ts';
export * from './segment-sql.ts';
export { parseDate } from './segment-time.ts';
export { foldText } from './text-fold.ts';
