import type { FlowDocument, Issue } from '@rumbo/flow';
import { type NodeHandle, Position } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import { hasIncoming, hasOutgoing } from '../catalogue/designer-catalogue.ts';
import { DEFAULT_NODE_SIZE, type Size } from '../store/auto-layout.ts';
import type { Selection } from '../store/editor.types.ts';
import {
  type DesignerEdge,
  type DesignerNode,
  toFlowElements,
} from '../store/react-flow.mapping.ts';

export interface ElementInputs {
  document: FlowDocument;
  selection: Selection;
  issues: readonly Issue[];
  sizes: Readonly<Record<string, Size>>;
  /** The spoken name of a node ("Email: Bienvenida"); changes with the language. */
  ariaLabel: (node: DesignerNode) => string;
  /**
   * Give nodes the canvas has not measured yet an estimated size and handles. With
   * `onlyRenderVisibleElements`, React Flow otherwise mounts every unmeasured node once to
   * measure it, so opening a 500-node flow drew all 500; estimated, only the visible ones are
   * drawn (and measured for real).
   */
  estimate: boolean;
}

interface Cached<T> {
  element: T;
  /** What the element was made from; equal parts mean the old element can be handed back. */
  parts: readonly unknown[];
}

/**
 * React Flow elements that keep their identity while what they show is unchanged. React Flow
 * re-renders a node or edge only when its object changes, so during a drag only the dragged
 * node and its transitions render again, not all 500; a validation pass that finds the same
 * issues changes nothing on the canvas.
 */
export function useFlowElements(inputs: ElementInputs): {
  nodes: DesignerNode[];
  edges: DesignerEdge[];
} {
  const nodeCache = useRef(new Map<string, Cached<DesignerNode>>());
  const edgeCache = useRef(new Map<string, Cached<DesignerEdge>>());
  const last = useRef<{ nodes: DesignerNode[]; edges: DesignerEdge[] }>({ nodes: [], edges: [] });
  const { document, selection, issues, sizes, ariaLabel, estimate } = inputs;
  return useMemo(() => {
    const fresh = toFlowElements(document, { selection, issues });
    const nodes = reuse(
      nodeCache.current,
      fresh.nodes,
      (n) => [
        n.data.node,
        n.position.x,
        n.position.y,
        n.selected,
        issuesKey(n.data.issues),
        sizes[n.id],
        ariaLabel,
        estimate,
      ],
      (n) => decorate(n, sizes[n.id], ariaLabel, estimate),
    );
    const edges = reuse(
      edgeCache.current,
      fresh.edges,
      (e) => [e.data?.transition, e.data?.source, e.selected, issuesKey(e.data?.issues ?? [])],
      (e) => e,
    );
    // An unchanged list keeps its identity too: React Flow then skips rebuilding its lookups.
    last.current = {
      nodes: sameParts(nodes, last.current.nodes) ? last.current.nodes : nodes,
      edges: sameParts(edges, last.current.edges) ? last.current.edges : edges,
    };
    return last.current;
  }, [document, selection, issues, sizes, ariaLabel, estimate]);
}

/** Canvas-only extras: the measured size (React Flow needs it back) and a spoken name. */
function decorate(
  node: DesignerNode,
  size: Size | undefined,
  ariaLabel: (node: DesignerNode) => string,
  estimate: boolean,
): DesignerNode {
  const labelled = { ...node, ariaLabel: ariaLabel(node) };
  if (size) return { ...labelled, measured: size };
  if (!estimate) return labelled;
  return { ...labelled, measured: DEFAULT_NODE_SIZE, handles: estimatedHandles(node) };
}

/** Where the canvas draws a node's handles (12 px, centred on its left and right edges). */
function estimatedHandles(node: DesignerNode): NodeHandle[] {
  const { width, height } = DEFAULT_NODE_SIZE;
  const box = { width: HANDLE, height: HANDLE, y: height / 2 - HANDLE / 2 };
  const type = node.data.node.type;
  return [
    ...(hasIncoming(type)
      ? [{ ...box, type: 'target' as const, position: Position.Left, x: -HANDLE / 2 }]
      : []),
    ...(hasOutgoing(type)
      ? [{ ...box, type: 'source' as const, position: Position.Right, x: width - HANDLE / 2 }]
      : []),
  ];
}

const HANDLE = 12;

/**
 * Hands back the cached element when its parts are unchanged, else caches the fresh one; the
 * cache keeps only the ids that still exist.
 */
function reuse<T extends { id: string }>(
  cache: Map<string, Cached<T>>,
  fresh: readonly T[],
  partsOf: (element: T) => readonly unknown[],
  finish: (element: T) => T,
): T[] {
  const seen = new Set<string>();
  const out = fresh.map((element) => {
    seen.add(element.id);
    const parts = partsOf(element);
    const cached = cache.get(element.id);
    if (cached && sameParts(cached.parts, parts)) return cached.element;
    const finished = finish(element);
    cache.set(element.id, { element: finished, parts });
    return finished;
  });
  for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
  return out;
}

function sameParts(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

/** Issues are new objects after every validation; what matters is what they say. */
function issuesKey(issues: readonly Issue[]): string {
  if (issues.length === 0) return '';
  return issues
    .map((i) => `${i.severity}:${i.code}:${i.path?.join('.') ?? ''}:${JSON.stringify(i.params)}`)
    .join('|');
}
