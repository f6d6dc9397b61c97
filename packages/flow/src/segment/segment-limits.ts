/**
 * Limits the compilers enforce. A rule within them always compiles; `checkSegmentRule` reports
 * a rule beyond them as an issue, so a caller that checks first never sees the error.
 */

/** Groups nested deeper than this are refused (PostgreSQL's parser recurses on each level). */
export const MAX_SEGMENT_DEPTH = 32;
/** PostgreSQL accepts at most 65 535 bound parameters per statement; keep room for the caller. */
export const MAX_SEGMENT_PARAMS = 60_000;

export type SegmentRuleErrorCode = 'segment_too_deep' | 'segment_too_many_parameters';

/** Thrown by the compilers for a rule beyond the limits above (a programming error: check first). */
export class SegmentRuleError extends Error {
  readonly code: SegmentRuleErrorCode;
  constructor(code: SegmentRuleErrorCode, message: string) {
    super(message);
    this.name = 'SegmentRuleError';
    this.code = code;
  }
}

/** Depth of group nesting (a condition is 0, a group 1 + its deepest child), without recursion. */
export function ruleDepth(rule: unknown): number {
  let depth = 0;
  let level: readonly unknown[] = [rule];
  for (;;) {
    const groups = level.filter(isGroupLike);
    if (groups.length === 0) return depth;
    depth += 1;
    level = groups.flatMap((group) => group.rules);
  }
}

function isGroupLike(node: unknown): node is { rules: readonly unknown[] } {
  return (
    typeof node === 'object' &&
    node !== null &&
    'kind' in node &&
    node.kind === 'group' &&
    'rules' in node &&
    Array.isArray(node.rules)
  );
}
