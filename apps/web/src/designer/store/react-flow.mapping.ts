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
export type DesignerEdgeData = { transition: Transition; issues: Issue[] };
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
  const issues = decoration.issues ?? [];
  const nodes = doc.nodes.map(
    (node): DesignerNode => ({
      id: node.id,
      type: 'rumbo',
      position: positionOf(doc, node.id),
      selected: selectedNodes.has(node.id),
      data: { node, issues: issues.filter((i) => i.nodeId === node.id && !i.transitionId) },
    }),
  );
  const edges = doc.transitions.map(
    (transition): DesignerEdge => ({
      id: transition.id,
      type: 'rumbo',
      source: transition.source,
      target: transition.target,
      sourceHandle: transition.sourceHandle ?? null,
      targetHandle: transition.targetHandle ?? null,
      selected: selectedEdges.has(transition.id),
      data: { transition, issues: issues.filter((i) => i.transitionId === transition.id) },
    }),
  );
  return { nodes, edges };
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
