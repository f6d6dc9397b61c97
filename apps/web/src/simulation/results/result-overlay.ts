import type { SimulationResult } from '@rumbo/flow';
import type { FlowOverlay } from '../../flow-view/flow-overlay.ts';

/** The simulator's counts in the canvas overlay's shape: entered per node, flow per transition. */
export function overlayFromResult(
  result: SimulationResult,
  labels: { waiting: string; details: (node: SimulationResult['nodes'][number]) => string[] },
): FlowOverlay {
  const overlay: FlowOverlay = { nodes: {}, transitions: {} };
  for (const node of result.nodes) {
    overlay.nodes[node.nodeId] = {
      primary: node.entered,
      secondary: { value: node.waiting, label: labels.waiting },
      details: labels.details(node),
    };
  }
  for (const t of result.transitions) overlay.transitions[t.transitionId] = t.count;
  return overlay;
}
