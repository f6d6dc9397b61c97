import type { Transition } from '../../document/flow.schema.ts';
import type { FlowGraph } from '../flow-graph.ts';
import type { Issue } from '../issue.ts';
import { makeIssue } from '../issue-codes.ts';

/**
 * A transition is instant when nothing in it waits: `auto`, a branch condition or `else`, a
 * split — and its source is not a wait node. A cycle made only of instant transitions spins
 * a lead forever, so each one is an error carrying the cycle's path.
 */
function isInstant(t: Transition, graph: FlowGraph): boolean {
  const kind = t.trigger.kind;
  if (kind !== 'auto' && kind !== 'condition' && kind !== 'else' && kind !== 'split') return false;
  return graph.modules.get(t.source)?.action !== 'hold';
}

/** Strongly connected components of the instant subgraph (Tarjan, iterative: no stack overflow). */
function instantComponents(graph: FlowGraph, next: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of graph.byId.keys()) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      const [id, childIndex] = frame;
      if (childIndex === 0) {
        index.set(id, counter);
        low.set(id, counter);
        counter += 1;
        stack.push(id);
        onStack.add(id);
      }
      const children = next.get(id) ?? [];
      const child = children[childIndex];
      if (child !== undefined) {
        frame[1] += 1;
        if (!index.has(child)) work.push([child, 0]);
        else if (onStack.has(child)) low.set(id, Math.min(low.get(id) ?? 0, index.get(child) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0]) ?? 0, low.get(id) ?? 0));
      if (low.get(id) !== index.get(id)) continue;
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== id);
      components.push(component);
    }
  }
  return components;
}

/** The shortest cycle through `start` inside one component, as node ids ending where it began. */
function cycleThrough(
  start: string,
  members: ReadonlySet<string>,
  next: Map<string, string[]>,
): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? '';
    for (const child of next.get(id) ?? []) {
      if (!members.has(child)) continue;
      if (child === start) {
        const chain: string[] = [];
        for (
          let at: string | undefined = id;
          at !== undefined && at !== start;
          at = previous.get(at)
        ) {
          chain.push(at);
        }
        return [start, ...chain.reverse(), start];
      }
      if (previous.has(child)) continue;
      previous.set(child, id);
      queue.push(child);
    }
  }
  return [start, start];
}

export function checkCycles(graph: FlowGraph): Issue[] {
  const next = new Map<string, string[]>();
  for (const t of graph.transitions) {
    if (!isInstant(t, graph)) continue;
    const list = next.get(t.source) ?? [];
    list.push(t.target);
    next.set(t.source, list);
  }
  const order = new Map([...graph.byId.keys()].map((id, i) => [id, i]));
  const issues: Issue[] = [];
  for (const component of instantComponents(graph, next)) {
    const only = component[0];
    const selfLoop =
      component.length === 1 && only !== undefined && (next.get(only) ?? []).includes(only);
    if (component.length < 2 && !selfLoop) continue;
    // Start from the member that comes first in the document, so the report is stable.
    const start = [...component].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))[0] ?? '';
    const path = cycleThrough(start, new Set(component), next);
    const node = graph.byId.get(start);
    if (node) issues.push(makeIssue('cycle_without_wait', 'error', { nodeId: node.id }, { path }));
  }
  return issues;
}
