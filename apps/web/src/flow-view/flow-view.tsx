import '@xyflow/react/dist/style.css';
import '../designer/designer.css';
import { autoLayout, type FlowDocument } from '@rumbo/flow';
import { Background, Controls, MarkerType, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import { toFlowElements } from '../designer/store/react-flow.mapping.ts';
import type { FlowMarks, FlowOverlay } from './flow-overlay.ts';
import { FlowViewContext } from './flow-view-context.ts';
import { FlowViewEdge } from './flow-view-edge.tsx';
import { FlowViewNode } from './flow-view-node.tsx';

const nodeTypes = { rumbo: FlowViewNode };
const edgeTypes = { rumbo: FlowViewEdge };

export interface FlowViewProps {
  document: FlowDocument;
  overlay: FlowOverlay | null;
  primaryLabel: string;
  format: (value: number) => string;
  /** Accessible name of the canvas region. */
  label: string;
  /** Highlights per node and transition, e.g. what a draft adds, removes or changes. */
  marks?: FlowMarks | null;
}

/** Documents without stored positions (made by the API) are laid out like the designer does. */
function withLayout(document: FlowDocument): FlowDocument {
  const placed = document.nodes.every((n) => Object.hasOwn(document.layout.nodes, n.id));
  if (placed) return document;
  return {
    ...document,
    layout: { ...document.layout, nodes: autoLayout(document.nodes, document.transitions) },
  };
}

/**
 * A read-only canvas of a flow with counts laid over nodes and transitions: the simulator's
 * results now, the live monitor later. Nodes cannot be moved, connected or deleted.
 */
export function FlowView({
  document,
  overlay,
  primaryLabel,
  format,
  label,
  marks = null,
}: FlowViewProps) {
  const placed = useMemo(() => withLayout(document), [document]);
  const { nodes, edges } = useMemo(() => {
    const elements = toFlowElements(placed);
    return {
      nodes: elements.nodes,
      edges: elements.edges.map((e) => ({ ...e, markerEnd: { type: MarkerType.ArrowClosed } })),
    };
  }, [placed]);
  const context = useMemo(
    () => ({ document: placed, overlay, primaryLabel, format, marks }),
    [placed, overlay, primaryLabel, format, marks],
  );
  return (
    <FlowViewContext.Provider value={context}>
      <section className="flow-view" aria-label={label}>
        <ReactFlowProvider>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            edgesFocusable={false}
            fitView
            minZoom={0.2}
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <Controls showInteractive={false} />
          </ReactFlow>
        </ReactFlowProvider>
      </section>
    </FlowViewContext.Provider>
  );
}
