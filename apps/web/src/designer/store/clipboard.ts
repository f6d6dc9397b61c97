import type { FlowDocument, FlowNode, NodeId, Transition, TransitionId } from '@rumbo/flow';
import type { Point } from './document-ops.ts';

/** A copied piece of flow: nodes, the transitions between them, and where they sat. */
export interface Clipboard {
  nodes: FlowNode[];
  /** Only transitions whose both ends were copied; the others would dangle. */
  transitions: Transition[];
  positions: Record<string, Point>;
}

export function copySelection(doc: FlowDocument, nodeIds: readonly NodeId[]): Clipboard | null {
  const ids = new Set<string>(nodeIds);
  const nodes = doc.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  const transitions = doc.transitions.filter((t) => ids.has(t.source) && ids.has(t.target));
  const positions = Object.fromEntries(
    nodes.map((n) => [n.id, doc.layout.nodes[n.id] ?? { x: 0, y: 0 }]),
  );
  return structuredClone({ nodes, transitions, positions });
}

export interface PasteIds {
  node: () => NodeId;
  transition: () => TransitionId;
}

/**
 * Pastes a clipboard with fresh ids, offset so the copy does not hide the original; the
 * transitions between the copied nodes follow them. Returns the new node ids to select.
 */
export function pasteClipboard(
  doc: FlowDocument,
  clipboard: Clipboard,
  ids: PasteIds,
  offset: Point,
): { document: FlowDocument; nodeIds: NodeId[] } {
  const mapping = new Map<string, NodeId>(clipboard.nodes.map((n) => [n.id, ids.node()]));
  const fresh = (id: string): NodeId => {
    const mapped = mapping.get(id);
    if (mapped === undefined) throw new Error(`clipboard transition points outside: ${id}`);
    return mapped;
  };
  const nodes = clipboard.nodes.map((n) => ({ ...structuredClone(n), id: fresh(n.id) }));
  const transitions = clipboard.transitions.map((t) => ({
    ...structuredClone(t),
    id: ids.transition(),
    source: fresh(t.source),
    target: fresh(t.target),
  }));
  const positions = Object.fromEntries(
    clipboard.nodes.map((n) => {
      const at = clipboard.positions[n.id] ?? { x: 0, y: 0 };
      return [fresh(n.id), { x: at.x + offset.x, y: at.y + offset.y }];
    }),
  );
  return {
    document: {
      ...doc,
      nodes: [...doc.nodes, ...nodes],
      transitions: [...doc.transitions, ...transitions],
      layout: { ...doc.layout, nodes: { ...doc.layout.nodes, ...positions } },
    },
    nodeIds: nodes.map((n) => n.id),
  };
}
