import type { Issue } from '@rumbo/flow';

/** Stable React keys for a list of issues: what and where, numbered when repeated. */
export function keyedIssues(issues: readonly Issue[]): { key: string; issue: Issue }[] {
  const seen = new Map<string, number>();
  return issues.map((issue) => {
    const base = [issue.code, issue.nodeId, issue.transitionId, issue.path?.join('.')].join('|');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return { key: `${base}#${count}`, issue };
  });
}
