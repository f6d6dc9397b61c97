import type { NodeModule, NodeValidationContext } from '../../catalogue/node-module.ts';
import { isTerminal } from '../../catalogue/registry.ts';
import { NODE_SCOPED_SIGNALS } from '../../catalogue/signals.ts';
import type { FlowNode, Transition } from '../../document/flow.schema.ts';
import type { FlowGraph } from '../flow-graph.ts';
import type { Issue } from '../issue.ts';
import { makeIssue } from '../issue-codes.ts';

/**
 * The trigger rules of DESIGN §4 for one node's outgoing transitions: allowed kinds, at
 * most one auto/delay and one timeout, one transition per signal (and link).
 */
function checkOutgoing(module: NodeModule, outgoing: readonly Transition[]): Issue[] {
  const issues: Issue[] = [];
  let autos = 0;
  let timeouts = 0;
  const signals = new Set<string>();
  for (const t of outgoing) {
    const location = { nodeId: t.source, transitionId: t.id };
    const kind = t.trigger.kind;
    if (!module.allowedTriggers.includes(kind)) {
      const params = { trigger: kind, type: module.type };
      issues.push(makeIssue('trigger_not_allowed', 'error', location, params));
      continue;
    }
    if (kind === 'auto' || kind === 'delay') {
      autos += 1;
      if (autos > 1) issues.push(makeIssue('multiple_auto', 'error', location));
    }
    if (kind === 'timeout') {
      timeouts += 1;
      if (timeouts > 1) issues.push(makeIssue('multiple_timeout', 'error', location));
    }
    if (t.trigger.kind !== 'signal') continue;
    const { signal, link } = t.trigger;
    const key = `${signal}\u0000${link ?? ''}`;
    if (signals.has(key)) issues.push(makeIssue('duplicate_signal', 'error', location, { signal }));
    signals.add(key);
    if (link !== undefined && signal !== 'clicked') {
      issues.push(makeIssue('link_without_click', 'error', location, { signal }));
    }
    const scopedTo = NODE_SCOPED_SIGNALS.get(signal);
    if (scopedTo !== undefined && scopedTo !== module.type) {
      issues.push(
        makeIssue('signal_not_allowed', 'error', location, { signal, type: module.type }),
      );
    }
  }
  return issues;
}

/** A node that only waits for signals holds leads until the campaign ends unless it has a timeout. */
function checkTimeout(
  module: NodeModule,
  node: FlowNode,
  outgoing: readonly Transition[],
): Issue[] {
  if (!module.allowedTriggers.includes('signal') || outgoing.length === 0) return [];
  if (outgoing.some((t) => t.trigger.kind === 'timeout')) return [];
  return [
    makeIssue('waiting_without_timeout', 'warning', { nodeId: node.id }, { type: module.type }),
  ];
}

export interface NodeRuleOptions {
  knownFields?: readonly string[];
  knownSegments?: readonly string[];
}

/** Trigger rules plus each module's own `validate`, for every node of a known type. */
export function checkNodeRules(graph: FlowGraph, options: NodeRuleOptions): Issue[] {
  const issues: Issue[] = [];
  for (const [id, module] of graph.modules) {
    const node = graph.byId.get(id);
    const outgoing = graph.outgoing.get(id) ?? [];
    if (!node) continue;
    if (!isTerminal(module) && module.action !== 'none') {
      issues.push(...checkOutgoing(module, outgoing), ...checkTimeout(module, node, outgoing));
    }
    if (!graph.configs.has(id)) continue;
    const context: NodeValidationContext = { node, outgoing };
    if (options.knownFields) context.knownFields = options.knownFields;
    if (options.knownSegments) context.knownSegments = options.knownSegments;
    issues.push(...module.validate(graph.configs.get(id), context));
  }
  return issues;
}
