import dagre from '@dagrejs/dagre';
import type { FlowDocument } from '@rumbo/flow';
import type { Point } from './document-ops.ts';

export interface Size {
  width: number;
  height: number;
}

/** Used for nodes the canvas has not measured yet (a headless store, a fresh paste). */
export const DEFAULT_NODE_SIZE: Size = { width: 220, height: 84 };

/**
 * Lays the flow out left to right with dagre. Returns top-left positions (React Flow's
 * convention; dagre gives centres). Notes keep their place: they annotate, they do not flow.
 */
export function autoLayout(
  doc: FlowDocument,
  sizes: Readonly<Record<string, Size>> = {},
): Record<string, Point> {
  const graph = new dagre.graphlib.Graph();
  // Wide ranks leave room for the transition labels between columns ("Sin respuesta tras 3 días").
  graph.setGraph({ rankdir: 'LR', nodesep: 56, ranksep: 170, marginx: 24, marginy: 24 });
  graph.setDefaultEdgeLabel(() => ({}));
  const laidOut = doc.nodes.filter((n) => n.type !== 'note');
  for (const node of laidOut) {
    const size = sizes[node.id] ?? DEFAULT_NODE_SIZE;
    graph.setNode(node.id, { width: size.width, height: size.height });
  }
  for (const t of doc.transitions) {
    if (graph.hasNode(t.source) && graph.hasNode(t.target)) graph.setEdge(t.source, t.target);
  }
  dagre.layout(graph);
  const positions: Record<string, Point> = {};
  for (const node of laidOut) {
    const placed = graph.node(node.id);
    const size = sizes[node.id] ?? DEFAULT_NODE_SIZE;
    positions[node.id] = {
      x: Math.round(placed.x - size.width / 2),
      y: Math.round(placed.y - size.height / 2),
    };
  }
  return positions;
}
