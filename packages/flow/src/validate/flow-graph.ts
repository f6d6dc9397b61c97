import type { NodeModule } from '../catalogue/node-module.ts';
import { findNodeModule } from '../catalogue/registry.ts';
import type { FlowNode, Transition } from '../document/flow.schema.ts';

/**
 * The flow as the graph rules see it, built once: nodes by id (first of a duplicated id
 * wins), the module of each, and adjacency over the transitions whose two ends exist.
 * Nodes whose config did not parse have no entry in `configs`; config checks skip them.
 */
export interface FlowGraph {
  nodes: readonly FlowNode[];
  /** Transitions whose source and target exist. */
  transitions: readonly Transition[];
  byId: ReadonlyMap<string, FlowNode>;
  modules: ReadonlyMap<string, NodeModule>;
  configs: ReadonlyMap<string, unknown>;
  outgoing: ReadonlyMap<string, readonly Transition[]>;
  incoming: ReadonlyMap<string, readonly Transition[]>;
  entries: readonly string[];
}

export function buildGraph(
  nodes: readonly FlowNode[],
  transitions: readonly Transition[],
  configs: ReadonlyMap<string, unknown>,
): FlowGraph {
  const byId = new Map<string, FlowNode>();
  const modules = new Map<string, NodeModule>();
  const outgoing = new Map<string, Transition[]>();
  const incoming = new Map<string, Transition[]>();
  for (const node of nodes) {
    if (byId.has(node.id)) continue;
    byId.set(node.id, node);
    const module = findNodeModule(node.type);
    if (module) modules.set(node.id, module);
    outgoing.set(node.id, []);
    incoming.set(node.id, []);
  }
  const linked: Transition[] = [];
  for (const t of transitions) {
    const out = outgoing.get(t.source);
    const into = incoming.get(t.target);
    if (!out || !into) continue;
    out.push(t);
    into.push(t);
    linked.push(t);
  }
  const entries = [...byId.values()].filter((n) => n.type === 'entry').map((n) => n.id);
  return { nodes, transitions: linked, byId, modules, configs, outgoing, incoming, entries };
}

/** Breadth-first search from `starts`, not expanding past nodes for which `stop` is true. */
export function reachable(
  graph: FlowGraph,
  starts: Iterable<string>,
  stop: (id: string) => boolean = () => false,
): Set<string> {
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const start of starts) {
    if (seen.has(start)) continue;
    seen.add(start);
    queue.push(start);
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? '';
    if (stop(id)) continue;
    for (const t of graph.outgoing.get(id) ?? []) {
      if (seen.has(t.target)) continue;
      seen.add(t.target);
      queue.push(t.target);
    }
  }
  return seen;
}
