import type { Issue, NodeId, TransitionId } from '@rumbo/flow';
import { asNodeId, asTransitionId } from '@rumbo/flow';
import {
  Background,
  type Connection,
  Controls,
  type EdgeChange,
  MarkerType,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { hasIncoming, hasOutgoing, moduleFor, typeLabel } from '../catalogue/designer-catalogue.ts';
import { useDesignerT, useEditor, useEditorStore } from '../editor/editor-context.tsx';
import { PALETTE_MIME } from '../palette/palette-mime.ts';
import type { Point } from '../store/document-ops.ts';
import type { EditorStore, Selection } from '../store/editor.store.ts';
import type { DesignerEdge, DesignerNode } from '../store/react-flow.mapping.ts';
import { ConnectAutoPan } from './connect-auto-pan.tsx';
import { FlowEdgeView } from './flow-edge.tsx';
import { FlowNodeView } from './flow-node.tsx';
import { fitReadable } from './use-fit-soon.ts';
import { useFlowElements } from './use-flow-elements.ts';

const nodeTypes = { rumbo: FlowNodeView };
const edgeTypes = { rumbo: FlowEdgeView };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };

/** The React Flow canvas over the editor store: every change goes through a store action. */
export function FlowCanvas({ issues }: { issues: readonly Issue[] }) {
  const { t, locale } = useDesignerT();
  const store = useEditorStore();
  const document = useEditor((s) => s.document);
  const selection = useEditor((s) => s.selection);
  const sizes = useEditor((s) => s.sizes);
  const instance = useReactFlow<DesignerNode, DesignerEdge>();
  const { screenToFlowPosition } = instance;
  const [framed, setFramed] = useState(false);
  const markFramed = useCallback(() => setFramed(true), []);

  // Every node carries its spoken name, visible or not: translating 200 of them on opening cost
  // ~40 ms of i18next, so the sentence is translated once and filled in per node.
  const ariaLabel = useMemo(() => {
    const sentence = t('node.aria', { type: TYPE_SLOT, name: NAME_SLOT });
    const unnamed = t('node.unnamed');
    return (n: DesignerNode) =>
      sentence
        .replace(TYPE_SLOT, () => typeLabel(n.data.node.type, locale))
        .replace(NAME_SLOT, () => n.data.node.name || unnamed);
  }, [t, locale]);
  const visibleOnly = document.nodes.length >= VISIBLE_ONLY_FROM;
  const { nodes, edges } = useFlowElements({
    document,
    selection,
    issues,
    sizes,
    ariaLabel,
    estimate: visibleOnly,
  });
  // Every prop that changes identity makes React Flow update its store, and every node and
  // edge on the canvas re-runs its selectors: keep them stable across a drag.
  const nodeHelp = t('canvas.nodeHelp');
  const ariaLabelConfig = useMemo(() => ({ 'node.a11yDescription.default': nodeHelp }), [nodeHelp]);

  const onNodesChange = useCallback(
    (changes: NodeChange<DesignerNode>[]) => applyNodeChanges(store.getState(), changes),
    [store],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<DesignerEdge>[]) => {
      const picked = changes.flatMap((c) => (c.type === 'select' ? [c] : []));
      if (picked.length === 0) return;
      const state = store.getState();
      state.select(applySelect(state.selection, [], picked));
    },
    [store],
  );
  const onConnect = useCallback(
    (c: Connection) =>
      store.getState().connect(asNodeId(c.source), asNodeId(c.target), {
        sourceHandle: c.sourceHandle,
        targetHandle: c.targetHandle,
      }),
    [store],
  );
  const isValidConnection = useCallback(
    (c: Connection | DesignerEdge) => {
      const nodesNow = store.getState().document.nodes;
      const source = nodesNow.find((n) => n.id === c.source);
      const target = nodesNow.find((n) => n.id === c.target);
      return (
        !!source &&
        !!target &&
        source.id !== target.id &&
        hasOutgoing(source.type) &&
        hasIncoming(target.type)
      );
    },
    [store],
  );
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!type) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      store.getState().addNode(type, { x: at.x - 110, y: at.y - 40 }, locale);
    },
    [screenToFlowPosition, store, locale],
  );

  return (
    <ReactFlow<DesignerNode, DesignerEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      defaultEdgeOptions={defaultEdgeOptions}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      isValidConnection={isValidConnection}
      onDrop={onDrop}
      onDragOver={allowDrop}
      onPaneClick={blurFields}
      deleteKeyCode={null}
      onlyRenderVisibleElements={visibleOnly}
      autoPanOnConnect={false}
      connectionRadius={CONNECTION_RADIUS}
      minZoom={0.1}
      proOptions={PRO_OPTIONS}
      ariaLabelConfig={ariaLabelConfig}
      aria-label={t('canvas.label')}
    >
      {!framed && <FrameOnce onFramed={markFramed} />}
      <ConnectAutoPan />
      <Background gap={24} />
      <MiniMap
        pannable
        zoomable
        ariaLabel={t('canvas.minimap')}
        nodeColor={minimapColor}
        nodeBorderRadius={6}
      />
      <Controls aria-label={t('canvas.controls')} showInteractive={false} />
    </ReactFlow>
  );
}

/**
 * Frames the flow once its nodes have been measured (fitting earlier sees no sizes), then
 * unmounts: watching for measured nodes costs a pass over every node on each canvas update.
 */
function FrameOnce({ onFramed }: { onFramed: () => void }) {
  const instance = useReactFlow<DesignerNode, DesignerEdge>();
  const initialised = useNodesInitialized();
  useEffect(() => {
    if (!initialised) return;
    void fitReadable(instance, 0).then(onFramed);
  }, [initialised, instance, onFramed]);
  return null;
}

/**
 * From this many nodes, off-screen nodes and edges leave the DOM (after their first
 * measurement): styling and painting hundreds of unseen elements made every frame of a drag
 * cost ~80 ms at 200 nodes. Smaller flows keep every node in the DOM, where Tab and a screen
 * reader reach them.
 */
const VISIBLE_ONLY_FROM = 80;

/**
 * How near a handle (in canvas units) a released connection still lands on it. React Flow's
 * 20 is 10 screen pixels at the half zoom a whole campaign is seen at: too fine for a mouse.
 */
const CONNECTION_RADIUS = 36;

const PRO_OPTIONS = { hideAttribution: true };

/**
 * Steps in the minimap in their palette colour: all grey, the overview said nothing about which
 * steps send, wait or end.
 */
function minimapColor(node: DesignerNode): string {
  const category = moduleFor(node.data.node.type)?.category;
  return category ? `var(--category-${category})` : 'var(--color-border-strong)';
}

/** Placeholders no step type or name contains, filled in by `ariaLabel`. */
const TYPE_SLOT = '\u0001type\u0001';
const NAME_SLOT = '\u0001name\u0001';

function allowDrop(event: DragEvent) {
  event.preventDefault();
  event.dataTransfer.dropEffect = 'move';
}

/**
 * The pane swallows the mouse-down, so a field in the inspector would keep the focus and
 * Ctrl+Z would undo its text instead of the canvas. Clicking the canvas leaves the field.
 */
function blurFields() {
  const active = window.document.activeElement;
  if (active instanceof HTMLElement && active.closest('.inspector-panel')) active.blur();
}

function applyNodeChanges(state: EditorStore, changes: NodeChange<DesignerNode>[]) {
  const positions: Record<string, Point> = {};
  let dragging = false;
  let dragEnded = false;
  const sizes: Record<string, { width: number; height: number }> = {};
  const selects: { id: string; selected: boolean }[] = [];
  for (const change of changes) {
    if (change.type === 'position') {
      if (change.position) positions[change.id] = change.position;
      if (change.dragging) dragging = true;
      else dragEnded = true;
    } else if (change.type === 'dimensions' && change.dimensions) {
      sizes[change.id] = change.dimensions;
    } else if (change.type === 'select') {
      selects.push(change);
    }
  }
  if (Object.keys(sizes).length > 0) state.setSizes(sizes);
  if (selects.length > 0) state.select(applySelect(state.selection, selects, []));
  if (Object.keys(positions).length > 0 || dragEnded) {
    state.moveNodes(positions, { dragging: dragging && !dragEnded });
  }
}

function applySelect(
  current: Selection,
  nodes: readonly { id: string; selected: boolean }[],
  edges: readonly { id: string; selected: boolean }[],
): Selection {
  const nodeIds = new Set<NodeId>(current.nodeIds);
  const transitionIds = new Set<TransitionId>(current.transitionIds);
  for (const n of nodes) {
    if (n.selected) nodeIds.add(asNodeId(n.id));
    else nodeIds.delete(asNodeId(n.id));
  }
  for (const e of edges) {
    if (e.selected) transitionIds.add(asTransitionId(e.id));
    else transitionIds.delete(asTransitionId(e.id));
  }
  return { nodeIds: [...nodeIds], transitionIds: [...transitionIds] };
}
