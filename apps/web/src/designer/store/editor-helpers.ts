import type { FlowDocument } from '@rumbo/flow';
import { autoLayout, type Size } from './auto-layout.ts';
import type { Clipboard } from './clipboard.ts';
import { moveNodes, type Point } from './document-ops.ts';
import type { Selection } from './editor.types.ts';

/** Nodes without a position (a template, an imported file) get one from the auto-layout. */
export function withPositions(doc: FlowDocument, sizes: Record<string, Size>): FlowDocument {
  const missing = doc.nodes.some((n) => !Object.hasOwn(doc.layout.nodes, n.id));
  if (!missing) return doc;
  const laidOut = autoLayout(doc, sizes);
  return moveNodes(doc, { ...laidOut, ...doc.layout.nodes });
}

export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Undo may remove selected elements; the selection must not point at ghosts. */
export function keepExisting(selection: Selection, doc: FlowDocument): Selection {
  const nodes = new Set<string>(doc.nodes.map((n) => n.id));
  const transitions = new Set<string>(doc.transitions.map((t) => t.id));
  return {
    nodeIds: selection.nodeIds.filter((id) => nodes.has(id)),
    transitionIds: selection.transitionIds.filter((id) => transitions.has(id)),
  };
}

export function shiftClipboard(clipboard: Clipboard, offset: Point): Clipboard {
  const positions = Object.fromEntries(
    Object.entries(clipboard.positions).map(([id, p]) => [
      id,
      { x: p.x + offset.x, y: p.y + offset.y },
    ]),
  );
  return { ...clipboard, positions };
}

export function toRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value));
}

/**
 * The first place at or to the right of `at` where a new node does not cover another one,
 * so nodes added from the palette by keyboard or click line up the way the flow reads
 * (left to right, with room for a transition label) instead of piling up on one spot.
 */
export function freeSpot(
  doc: FlowDocument,
  sizes: Readonly<Record<string, Size>>,
  at: Point,
  size: Size,
): Point {
  const boxes = doc.nodes.map((n) => ({
    at: doc.layout.nodes[n.id] ?? { x: 0, y: 0 },
    size: sizes[n.id] ?? size,
  }));
  const overlaps = (p: Point) =>
    boxes.some(
      (b) =>
        p.x < b.at.x + b.size.width &&
        b.at.x < p.x + size.width &&
        p.y < b.at.y + b.size.height &&
        b.at.y < p.y + size.height,
    );
  let spot = at;
  for (let tries = 0; tries < 50 && overlaps(spot); tries += 1) {
    spot = { x: spot.x + size.width + 120, y: spot.y };
  }
  return spot;
}
