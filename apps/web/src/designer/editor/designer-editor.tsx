import type { FlowDocument, Issue } from '@rumbo/flow';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import '../designer.css';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { FlowCanvas } from '../canvas/flow-canvas.tsx';
import { useFitSoon } from '../canvas/use-fit-soon.ts';
import { InspectorPanel } from '../inspector/inspector-panel.tsx';
import { IssuesPanel } from '../issues/issues-panel.tsx';
import { useValidation } from '../issues/use-validation.ts';
import { CheatSheet } from '../keyboard/cheat-sheet.tsx';
import { useShortcuts } from '../keyboard/use-shortcuts.ts';
import { NodePalette } from '../palette/node-palette.tsx';
import { SettingsDrawer } from '../settings/settings-drawer.tsx';
import { autoLayout, DEFAULT_NODE_SIZE } from '../store/auto-layout.ts';
import { moveNodes } from '../store/document-ops.ts';
import type { EditorStoreApi } from '../store/editor.store.ts';
import { freeSpot } from '../store/editor-helpers.ts';
import { TemplatesGallery } from '../templates/templates-gallery.tsx';
import { EditorProvider, useDesignerT } from './editor-context.tsx';
import { EditorToolbar } from './editor-toolbar.tsx';
import { RefusalNotice } from './refusal-notice.tsx';

/** The whole editor for one campaign: toolbar, palette, canvas, inspector, issues. */
/** Memoised: the page re-renders with every save state, the editor only when its label changes. */
export const DesignerEditor = memo(function DesignerEditor({
  store,
  saveState,
}: {
  store: EditorStoreApi;
  saveState: string;
}) {
  return (
    <EditorProvider store={store}>
      <ReactFlowProvider>
        <EditorLayout store={store} saveState={saveState} />
      </ReactFlowProvider>
    </EditorProvider>
  );
});

function EditorLayout({ store, saveState }: { store: EditorStoreApi; saveState: string }) {
  const { locale } = useDesignerT();
  const root = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLDivElement>(null);
  const [cheatSheet, setCheatSheet] = useState(false);
  const [gallery, setGallery] = useState(false);
  const [settings, setSettings] = useState(false);
  const { issues, checking } = useValidation();
  const { screenToFlowPosition, fitView, setCenter, getZoom } = useReactFlow();
  const fitSoon = useFitSoon();

  const focusInspector = useCallback(() => {
    requestAnimationFrame(() => {
      const heading = root.current?.querySelector<HTMLElement>('#designer-inspector h2');
      heading?.focus();
    });
  }, []);
  const handlers = useMemo(
    () => ({ openCheatSheet: () => setCheatSheet(true), focusInspector, afterLayout: fitSoon }),
    [focusInspector, fitSoon],
  );
  useShortcuts(store, root, handlers);

  const addAtCentre = (type: string) => {
    const rect = canvas.current?.getBoundingClientRect();
    if (!rect) return;
    const centre = screenToFlowPosition({
      x: rect.left + rect.width / 2,
      y: rect.top + rect.height / 2,
    });
    const { document: doc, sizes } = store.getState();
    const wanted = {
      x: centre.x - DEFAULT_NODE_SIZE.width / 2,
      y: centre.y - DEFAULT_NODE_SIZE.height / 2,
    };
    const at = freeSpot(doc, sizes, wanted, DEFAULT_NODE_SIZE);
    const id = store.getState().addNode(type, at, locale);
    if (!id) return;
    // Pushed past other nodes, the new one may sit outside the visible area: follow it.
    if (at.x !== wanted.x) {
      const middle = {
        x: at.x + DEFAULT_NODE_SIZE.width / 2,
        y: at.y + DEFAULT_NODE_SIZE.height / 2,
      };
      void setCenter(middle.x, middle.y, { zoom: getZoom(), duration: 200 });
    }
    focusInspector();
  };
  const focusIssue = (issue: Issue) => {
    const state = store.getState();
    const transition = state.document.transitions.find((x) => x.id === issue.transitionId);
    if (transition) {
      state.select({ transitionIds: [transition.id] });
      void fitView({
        nodes: [{ id: transition.source }, { id: transition.target }],
        duration: 300,
        maxZoom: 1.2,
      });
    } else if (issue.nodeId) {
      state.select({ nodeIds: [issue.nodeId] });
      void fitView({ nodes: [{ id: issue.nodeId }], duration: 300, maxZoom: 1.2 });
    }
    focusInspector();
  };
  /** The campaign keeps its code; an empty draft also takes the template's name. */
  const pickTemplate = (doc: FlowDocument) => {
    const current = store.getState().document;
    const name = current.nodes.length === 0 ? doc.settings.name : current.settings.name;
    // Laid out again with the canvas's own spacing, so every transition label has room.
    const laidOut = moveNodes(doc, autoLayout(doc, store.getState().sizes));
    const settings = { ...doc.settings, code: current.settings.code, name };
    store.getState().replace({ ...laidOut, settings });
    fitSoon();
  };

  return (
    <div className="designer" ref={root}>
      <EditorToolbar
        saveState={saveState}
        onTemplates={() => setGallery(true)}
        onShortcuts={() => setCheatSheet(true)}
        onSettings={() => setSettings(true)}
      />
      <div className="designer__body">
        <NodePalette onAdd={addAtCentre} />
        <div className="designer__canvas" ref={canvas}>
          <FlowCanvas issues={issues} />
          <RefusalNotice />
        </div>
        <InspectorPanel issues={issues} />
      </div>
      <IssuesPanel issues={issues} checking={checking} onFocus={focusIssue} />
      <CheatSheet open={cheatSheet} onClose={() => setCheatSheet(false)} />
      <SettingsDrawer open={settings} onClose={() => setSettings(false)} />
      <TemplatesGallery open={gallery} onClose={() => setGallery(false)} onPick={pickTemplate} />
    </div>
  );
}
