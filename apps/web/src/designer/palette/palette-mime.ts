/** The drag-and-drop type that carries a node type from the palette to the canvas. */
export const PALETTE_MIME = 'application/x-rumbo-node-type';
