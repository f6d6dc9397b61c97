/**
 * Numbers laid over a read-only flow: per node a primary count (and optionally a secondary
 * one, e.g. "waiting now" or "failed"), per transition how many leads passed. The simulator's
 * results and the live monitor both fill this shape, so the canvas does not know which.
 */
export interface NodeOverlay {
  primary: number;
  /** A second, smaller figure with its own label, e.g. `{ value: 12, label: 'esperando' }`. */
  secondary?: { value: number; label: string };
  /** Tooltip lines, already translated. */
  details?: string[];
  /** Small labelled chips under the counts (e.g. "3 fallaron"), already translated. */
  badges?: { text: string; tone: 'danger' | 'success' | 'warning' | 'info' }[];
}

export interface FlowOverlay {
  nodes: Record<string, NodeOverlay>;
  transitions: Record<string, number>;
}

/** Share of the largest edge count, for the edge width: 0 when nothing passed. */
export function edgeWeight(overlay: FlowOverlay, transitionId: string): number {
  const max = Math.max(0, ...Object.values(overlay.transitions));
  const value = overlay.transitions[transitionId] ?? 0;
  return max === 0 ? 0 : value / max;
}

/**
 * Highlights laid over a read-only flow, e.g. a review's diff: per node / transition id a
 * mark, and the words shown on the element for each mark (already translated).
 */
export interface FlowMarks {
  nodes: Record<string, FlowMark>;
  transitions: Record<string, FlowMark>;
  labels: Record<FlowMark, string>;
}

export type FlowMark = 'added' | 'removed' | 'changed';
