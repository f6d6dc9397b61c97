import {
  asNodeId,
  type FlowDocument,
  type FlowNode,
  type Issue,
  type Transition,
} from '@rumbo/flow';
import type { Edge, Node } from '@xyflow/react';
import type { Selection } from './editor.store.ts';

/**
 * Document ↔ React Flow elements. Transitions already mirror React Flow's edges and layout
 * holds the positions, so the mapping is one to one; the node and transition ride along
 * in `data`. Issues and selection are canvas decoration and never flow back.
 */

export type DesignerNodeData = { node: FlowNode; issues: Issue[] };
export type DesignerEdgeData = {
  transition: Transition;
  issues: Issue[];
  /** The source node, for the edge's label; decoration like `issues`. */
  source?: FlowNode;
};
export type DesignerNode = Node<DesignerNodeData, 'rumbo'>;
export type DesignerEdge = Edge<DesignerEdgeData, 'rumbo'>;

export interface Decoration {
  selection?: Selection;
  issues?: readonly Issue[];
}

export function toFlowElements(
  doc: FlowDocument,
  decoration: Decoration = {},
): { nodes: DesignerNode[]; edges: DesignerEdge[] } {
  const selectedNodes = new Set<string>(decoration.selection?.nodeIds ?? []);
  const selectedEdges = new Set<string>(decoration.selection?.transitionIds ?? []);
  const { byNode, byTransition } = groupIssues(decoration.issues ?? []);
  const nodeById = new Map<string, FlowNode>(doc.nodes.map((n) => [n.id, n]));
  const nodes = doc.nodes.map(
    (node): DesignerNode => ({
      id: node.id,
      type: 'rumbo',
      position: positionOf(doc, node.id),
      selected: selectedNodes.has(node.id),
      data: { node, issues: byNode.get(node.id) ?? NO_ISSUES },
    }),
  );
  const edges = doc.transitions.map((transition): DesignerEdge => {
    const source = nodeById.get(transition.source);
    return {
      id: transition.id,
      type: 'rumbo',
      source: transition.source,
      target: transition.target,
      sourceHandle: transition.sourceHandle ?? null,
      targetHandle: transition.targetHandle ?? null,
      selected: selectedEdges.has(transition.id),
      data: {
        transition,
        issues: byTransition.get(transition.id) ?? NO_ISSUES,
        ...(source ? { source } : {}),
      },
    };
  });
  return { nodes, edges };
}

const NO_ISSUES: Issue[] = [];

/** One pass over the issues instead of one per node and edge (large flows have many). */
function groupIssues(issues: readonly Issue[]) {
  const byNode = new Map<string, Issue[]>();
  const byTransition = new Map<string, Issue[]>();
  for (const issue of issues) {
    const [map, key] = issue.transitionId
      ? [byTransition, issue.transitionId]
      : [byNode, issue.nodeId];
    if (key === undefined) continue;
    const list = map.get(key);
    if (list) list.push(issue);
    else map.set(key, [issue]);
  }
  return { byNode, byTransition };
}

/** The document the canvas shows: positions from the nodes, ends of transitions from the edges. */
export function fromFlowElements(
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
  base: FlowDocument,
): FlowDocument {
  return {
    ...base,
    nodes: nodes.map((n) => n.data.node),
    transitions: edges.flatMap((e) => (e.data ? [withEnds(e.data.transition, e)] : [])),
    layout: {
      ...base.layout,
      nodes: Object.fromEntries(nodes.map((n) => [n.id, { x: n.position.x, y: n.position.y }])),
    },
  };
}

function withEnds(transition: Transition, edge: DesignerEdge): Transition {
  if (transition.source === edge.source && transition.target === edge.target) return transition;
  return { ...transition, source: asNodeId(edge.source), target: asNodeId(edge.target) };
}

/** Own keys only: an id such as `constructor` must not pick up Object.prototype members. */
function positionOf(doc: FlowDocument, id: string): { x: number; y: number } {
  return Object.hasOwn(doc.layout.nodes, id) ? (doc.layout.nodes[id] ?? ORIGIN) : ORIGIN;
}

const ORIGIN = { x: 0, y: 0 };
