import {
  type Assumptions,
  defaultAssumptions,
  type FlowDocument,
  type NodeStats,
  type SimulationResult,
} from '@rumbo/flow';

/**
 * The published version simulated under the reviewer's assumptions: a transition both versions
 * share (same id) keeps the reviewer's number; one only the published version has gets its
 * channel default. So a difference in the results comes from the flow, not the assumptions.
 */
export function assumptionsFor(
  published: FlowDocument,
  draftAssumptions: Assumptions,
): Assumptions {
  const base = defaultAssumptions(published);
  const transitions = { ...base.transitions };
  for (const id of Object.keys(transitions)) {
    const mine = draftAssumptions.transitions[id];
    if (mine) transitions[id] = mine;
  }
  const globals = { ...base.globals };
  for (const name of Object.keys(globals)) {
    const mine = draftAssumptions.globals[name];
    if (mine) globals[name] = mine;
  }
  return { transitions, globals };
}

/** A node's return on its own cost; null when it cost nothing. */
export function nodeRoi(stats: NodeStats | undefined): number | null {
  if (!stats || stats.cost === 0) return null;
  return (stats.revenue - stats.cost) / stats.cost;
}

export interface NodeComparison {
  nodeId: string;
  name: string;
  type: string;
  /** Absent when the node exists in only one version. */
  draft: NodeStats | undefined;
  published: NodeStats | undefined;
  enteredDelta: number;
  costDelta: number;
}

/** Per node of either version (draft order, then nodes only the published version has). */
export function compareNodes(
  docs: { draft: FlowDocument; published: FlowDocument },
  results: { draft: SimulationResult; published: SimulationResult },
): NodeComparison[] {
  const draftStats = new Map(results.draft.nodes.map((n) => [n.nodeId, n]));
  const publishedStats = new Map(results.published.nodes.map((n) => [n.nodeId, n]));
  const inDraft = new Set(docs.draft.nodes.map((n) => n.id));
  const nodes = [...docs.draft.nodes, ...docs.published.nodes.filter((n) => !inDraft.has(n.id))];
  return nodes
    .filter((node) => node.type !== 'note')
    .map((node) => {
      const draft = draftStats.get(node.id);
      const published = publishedStats.get(node.id);
      return {
        nodeId: node.id,
        name: node.name,
        type: node.type,
        draft,
        published,
        enteredDelta: (draft?.entered ?? 0) - (published?.entered ?? 0),
        costDelta: (draft?.cost ?? 0) - (published?.cost ?? 0),
      };
    });
}
