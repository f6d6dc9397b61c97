import { useConnection, useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';

/**
 * While a transition is being drawn and the pointer nears the canvas's border, the canvas
 * scrolls toward the steps beyond it, as React Flow's own auto-pan does, except while the
 * pointer rests on a step it can connect to. React Flow's keeps scrolling there: a step near
 * the border slid out from under the pointer within three frames, and the release then found
 * no handle (the seed-000 e2e test needed a retry for it, and so would a marketer).
 */
export function ConnectAutoPan() {
  const store = useStoreApi();
  const inProgress = useConnection((c) => c.inProgress);
  useEffect(() => {
    if (!inProgress) return;
    let frame = requestAnimationFrame(step);
    function step() {
      const { connection, domNode, panBy } = store.getState();
      if (connection.inProgress && domNode && !(connection.isValid && connection.toHandle)) {
        const { width, height } = domNode.getBoundingClientRect();
        const x = edgeVelocity(connection.pointer.x, width);
        const y = edgeVelocity(connection.pointer.y, height);
        if (x !== 0 || y !== 0) void panBy({ x, y });
      }
      frame = requestAnimationFrame(step);
    }
    return () => cancelAnimationFrame(frame);
  }, [inProgress, store]);
  return null;
}

/** Pixels per frame to scroll: up to SPEED at the border, nothing BORDER px inside it. */
export function edgeVelocity(at: number, size: number): number {
  if (at < BORDER) return (Math.min(BORDER, BORDER - at) / BORDER) * SPEED;
  if (at > size - BORDER) return -(Math.min(BORDER, at - (size - BORDER)) / BORDER) * SPEED;
  return 0;
}

/** React Flow's figures: a 40 px band along the border, up to 15 px per frame. */
const BORDER = 40;
const SPEED = 15;
