import type { FlowDocument } from '@rumbo/flow';
import { createContext, useContext } from 'react';
import type { FlowMarks, FlowOverlay } from './flow-overlay.ts';

export interface FlowViewContextValue {
  document: FlowDocument;
  overlay: FlowOverlay | null;
  /** Label for the primary figure, e.g. "entraron"; shown for screen readers and tooltips. */
  primaryLabel: string;
  format: (value: number) => string;
  /** Optional highlights (a review's diff); null when the view shows none. */
  marks: FlowMarks | null;
}

export const FlowViewContext = createContext<FlowViewContextValue | null>(null);

export function useFlowView(): FlowViewContextValue {
  const value = useContext(FlowViewContext);
  if (!value) throw new Error('useFlowView outside <FlowView>');
  return value;
}
