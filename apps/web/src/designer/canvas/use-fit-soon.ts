import { type ReactFlowInstance, useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import type { DesignerEdge, DesignerNode } from '../store/react-flow.mapping.ts';

/**
 * Never so far out that names cannot be read (at 0.55 a step's name was 7 screen pixels); a wide
 * flow is panned instead.
 */
export const FIT_OPTIONS = { minZoom: 0.7, maxZoom: 1.1, padding: 0.15 } as const;
const LEFT_MARGIN = 32;

/**
 * Fits the flow at a readable zoom. When it is wider than the canvas even then, the view
 * starts at the flow's left edge, where its entry is, instead of at its middle.
 */
export async function fitReadable(
  instance: ReactFlowInstance<DesignerNode, DesignerEdge>,
  duration = 200,
): Promise<void> {
  await instance.fitView({ ...FIT_OPTIONS, duration });
  const nodes = instance.getNodes();
  if (nodes.length === 0) return;
  const bounds = instance.getNodesBounds(nodes);
  const { x, y, zoom } = instance.getViewport();
  if (bounds.x * zoom + x < 0) {
    await instance.setViewport({ x: LEFT_MARGIN - bounds.x * zoom, y, zoom }, { duration });
  }
}

/**
 * Zooms to fit once the canvas has drawn the latest document: right after a layout or a
 * template the nodes are not placed yet, so fitting at once would frame the old positions.
 */
export function useFitSoon(): () => void {
  const instance = useReactFlow<DesignerNode, DesignerEdge>();
  return useCallback(() => {
    setTimeout(() => void fitReadable(instance), 60);
  }, [instance]);
}
