import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';

export const FIT_OPTIONS = { duration: 200, maxZoom: 1.1, padding: 0.15 } as const;

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
