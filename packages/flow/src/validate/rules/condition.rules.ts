import type { SegmentRule } from '../../segment/rule.schema.ts';
import type { FlowGraph } from '../flow-graph.ts';
import type { Issue } from '../issue.ts';
import { makeIssue } from '../issue-codes.ts';
import { analyseRule } from './condition-analysis.ts';

/** List ids a rule refers to, for the reference check against the workspace's segments. */
function listsIn(rule: SegmentRule, into: Set<string>): Set<string> {
  if (rule.kind === 'list') into.add(rule.listId);
  if (rule.kind === 'group') for (const r of rule.rules) listsIn(r, into);
  return into;
}

/** Branch conditions: contradictions, ties in order, and lists that do not exist. */
export function checkConditions(graph: FlowGraph, knownSegments?: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  const known = knownSegments ? new Set(knownSegments) : null;
  for (const outgoing of graph.outgoing.values()) {
    const orders = new Set<number>();
    for (const t of outgoing) {
      if (t.trigger.kind !== 'condition') continue;
      const location = { nodeId: t.source, transitionId: t.id };
      const analysis = analyseRule(t.trigger.rule);
      if (analysis.result === 'never') {
        const params = { subject: analysis.reason?.subject ?? '' };
        issues.push(makeIssue('condition_never_holds', 'warning', location, params));
      }
      if (orders.has(t.trigger.order)) {
        issues.push(
          makeIssue('duplicate_condition_order', 'warning', location, { order: t.trigger.order }),
        );
      }
      orders.add(t.trigger.order);
      if (!known) continue;
      for (const list of listsIn(t.trigger.rule, new Set())) {
        if (!known.has(list))
          issues.push(makeIssue('unknown_segment', 'error', location, { segment: list }));
      }
    }
  }
  return issues;
}
