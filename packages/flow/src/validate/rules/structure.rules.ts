import { isTerminal } from '../../catalogue/registry.ts';
import type { FlowNode, Transition } from '../../document/flow.schema.ts';
import { hasStalePolicy } from '../../policy/stale-policy.ts';
import type { FlowGraph } from '../flow-graph.ts';
import { reachable } from '../flow-graph.ts';
import type { Issue } from '../issue.ts';
import { makeIssue } from '../issue-codes.ts';

/** Duplicate ids: the first occurrence stays, later ones are reported. */
export function checkDuplicateIds(
  nodes: readonly FlowNode[],
  transitions: readonly Transition[],
): Issue[] {
  const issues: Issue[] = [];
  const nodeIds = new Set<string>();
  nodes.forEach((node, index) => {
    if (nodeIds.has(node.id)) {
      const location = { nodeId: node.id, path: ['nodes', index, 'id'] };
      issues.push(makeIssue('duplicate_node_id', 'error', location, { id: node.id }));
    }
    nodeIds.add(node.id);
  });
  const transitionIds = new Set<string>();
  transitions.forEach((t, index) => {
    if (transitionIds.has(t.id)) {
      const location = { transitionId: t.id, path: ['transitions', index, 'id'] };
      issues.push(makeIssue('duplicate_transition_id', 'error', location, { id: t.id }));
    }
    transitionIds.add(t.id);
  });
  return issues;
}

/** Transitions whose source or target is not a node of the flow. */
export function checkDangling(
  transitions: readonly Transition[],
  nodeIds: ReadonlySet<string>,
): Issue[] {
  const issues: Issue[] = [];
  transitions.forEach((t, index) => {
    for (const end of ['source', 'target'] as const) {
      if (nodeIds.has(t[end])) continue;
      const location = { transitionId: t.id, path: ['transitions', index, end] };
      issues.push(makeIssue('dangling_transition', 'error', location, { end, node: t[end] }));
    }
  });
  return issues;
}

/** Unknown types, costs that are negative or not finite, and stale policies on steps that send nothing. */
export function checkNodes(nodes: readonly FlowNode[], graph: FlowGraph): Issue[] {
  const issues: Issue[] = [];
  nodes.forEach((node, index) => {
    if (graph.byId.get(node.id) !== node) return;
    if (!graph.modules.has(node.id)) {
      const location = { nodeId: node.id, path: ['nodes', index, 'type'] };
      issues.push(makeIssue('unknown_node_type', 'error', location, { type: node.type }));
    }
    if (node.cost !== undefined && (!Number.isFinite(node.cost) || node.cost < 0)) {
      const location = { nodeId: node.id, path: ['nodes', index, 'cost'] };
      issues.push(makeIssue('invalid_cost', 'error', location, { value: String(node.cost) }));
    }
    if (
      node.stalePolicy !== undefined &&
      graph.modules.has(node.id) &&
      !hasStalePolicy(node.type)
    ) {
      const location = { nodeId: node.id, path: ['nodes', index, 'stalePolicy'] };
      issues.push(makeIssue('stale_policy_ignored', 'warning', location, { type: node.type }));
    }
  });
  return issues;
}

/** Entries, terminals, notes and dead ends: the shape every flow must have. */
export function checkShape(graph: FlowGraph): Issue[] {
  const issues: Issue[] = [];
  if (graph.entries.length === 0) issues.push(makeIssue('no_entry', 'error', {}));
  for (const t of graph.transitions) {
    const target = graph.byId.get(t.target);
    const source = graph.byId.get(t.source);
    const location = { nodeId: t.source, transitionId: t.id };
    if (target?.type === 'entry')
      issues.push(makeIssue('transition_into_entry', 'error', location));
    if (target?.type === 'note' || source?.type === 'note') {
      issues.push(makeIssue('note_connected', 'error', location));
    }
  }
  for (const node of graph.byId.values()) {
    const id = node.id;
    const module = graph.modules.get(id);
    if (!module) continue;
    const outgoing = graph.outgoing.get(id) ?? [];
    if (isTerminal(module)) {
      for (const t of outgoing) {
        const params = { type: module.type };
        issues.push(
          makeIssue('terminal_has_outgoing', 'error', { nodeId: id, transitionId: t.id }, params),
        );
      }
    } else if (module.action !== 'none' && outgoing.length === 0) {
      issues.push(makeIssue('dead_end', 'error', { nodeId: id }, { type: module.type }));
    }
  }
  return issues;
}

/** Nodes no entry leads to (notes aside): leads could never get there. */
export function checkReachability(graph: FlowGraph): Issue[] {
  if (graph.entries.length === 0) return [];
  const seen = reachable(graph, graph.entries);
  const issues: Issue[] = [];
  for (const node of graph.byId.values()) {
    if (node.type === 'note' || seen.has(node.id)) continue;
    issues.push(makeIssue('unreachable_node', 'error', { nodeId: node.id }));
  }
  return issues;
}
