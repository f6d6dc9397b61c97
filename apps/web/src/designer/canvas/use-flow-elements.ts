import type { FlowDocument, Issue } from '@rumbo/flow';
import { useMemo, useRef } from 'react';
import type { Size } from '../store/auto-layout.ts';
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
  const { document, selection, issues, sizes, ariaLabel } = inputs;
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
      ],
      (n) => decorate(n, sizes[n.id], ariaLabel),
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
  }, [document, selection, issues, sizes, ariaLabel]);
}

/** Canvas-only extras: the measured size (React Flow needs it back) and a spoken name. */
function decorate(
  node: DesignerNode,
  size: Size | undefined,
  ariaLabel: (node: DesignerNode) => string,
): DesignerNode {
  return size
    ? { ...node, ariaLabel: ariaLabel(node), measured: size }
    : { ...node, ariaLabel: ariaLabel(node) };
}

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
