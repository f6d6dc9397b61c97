import type { Issue } from '@rumbo/flow';

/** A list key for an issue: what it is and where, which no two issues of one run share. */
export function issueKey(issue: Issue): string {
  return [
    issue.code,
    issue.nodeId,
    issue.transitionId,
    issue.path?.join('.'),
    JSON.stringify(issue.params),
  ].join('|');
}
