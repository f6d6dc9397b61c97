import {
  checkSegmentRule,
  type InferredAttribute,
  type Issue,
  type ProblemIssue,
  SegmentRule,
  segmentIssueMessage,
} from '@rumbo/flow';
import { HttpProblem } from '../../errors/http-problem.ts';

export interface CheckedRule {
  rule: SegmentRule;
  /** Non-blocking findings (a range that is empty, "at least 0 times"). */
  warnings: ProblemIssue[];
}

function located(issue: Issue, prefix: (string | number)[]): ProblemIssue {
  return {
    location: 'body',
    path: [...prefix, ...(issue.path ?? [])],
    code: issue.code,
    message: segmentIssueMessage(issue, 'en'),
  };
}

/**
 * Checks a rule from a request body against the workspace's attributes: errors become one
 * 400 problem whose issues point into the body (`['rule', 'rules', 0, 'path']`), so a wrong
 * rule is never a 500 and never reaches the SQL compiler.
 */
export function requireValidRule(
  raw: unknown,
  attributes: readonly InferredAttribute[],
  prefix: (string | number)[] = ['rule'],
): CheckedRule {
  if (raw === undefined) {
    throw new HttpProblem(400, 'validation_failed', {
      detail: 'a filter segment needs a rule',
      issues: [{ location: 'body', path: prefix, code: 'required', message: 'rule is required' }],
    });
  }
  const issues = checkSegmentRule(raw, { attributes });
  const errors = issues.filter((issue) => issue.severity === 'error');
  const parsed = SegmentRule.safeParse(raw);
  if (errors.length > 0 || !parsed.success) {
    const list = errors.map((issue) => located(issue, prefix));
    if (list.length === 0 && !parsed.success) {
      for (const zodIssue of parsed.error.issues.slice(0, 20)) {
        list.push({
          location: 'body',
          path: [...prefix, ...zodIssue.path.map((k) => (typeof k === 'number' ? k : String(k)))],
          code: 'segment_invalid',
          message: zodIssue.message,
        });
      }
    }
    throw new HttpProblem(400, 'validation_failed', {
      detail: `the segment rule has ${list.length} problem(s)`,
      issues: list.slice(0, 100),
    });
  }
  return {
    rule: parsed.data,
    warnings: issues.filter((issue) => issue.severity !== 'error').map((i) => located(i, prefix)),
  };
}
