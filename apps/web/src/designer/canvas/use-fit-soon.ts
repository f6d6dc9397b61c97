import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';

/** Never so far out that names cannot be read; a wide flow is panned instead. */
export const FIT_OPTIONS = { duration: 200, minZoom: 0.55, maxZoom: 1.1, padding: 0.15 } as const;

/**
 * Zooms to fit once the canvas has drawn the latest document: right after a layout or a
 * template the nodes are not placed yet, so fitting at once would frame the old positions.
 */
export function useFitSoon(): () => void {
  const { fitView } = useReactFlow();
  return useCallback(() => {
    setTimeout(() => void fitView(FIT_OPTIONS), 60);
  }, [fitView]);
}
