import {
  asNodeId,
  asTransitionId,
  type FlowDocument,
  type FlowNode,
  type Locale,
  type NodeId,
  type TransitionId,
} from '@rumbo/flow';
import { createStore } from 'zustand/vanilla';
import { autoLayout } from './auto-layout.ts';
import { type Clipboard, copySelection, pasteClipboard } from './clipboard.ts';
import {
  addNode,
  connect,
  deleteElements,
  insertOnTransition,
  moveNodes,
  type Point,
  updateNode,
  updateTransition,
} from './document-ops.ts';
import type {
  EditorOptions,
  EditorState,
  EditorStore,
  EditorStoreApi,
  Selection,
} from './editor.types.ts';
import { keepExisting, shiftClipboard, toRecord, unique, withPositions } from './editor-helpers.ts';

export type * from './editor.types.ts';

const HISTORY_LIMIT = 200;
const PASTE_OFFSET: Point = { x: 40, y: 40 };
const EMPTY_SELECTION: Selection = { nodeIds: [], transitionIds: [] };

export function createEditorStore(options: EditorOptions): EditorStoreApi {
  const { moduleFor } = options;
  return createStore<EditorStore>()((set, get) => {
    const freshNodeId = (): NodeId => {
      const taken = new Set<string>(get().document.nodes.map((n) => n.id));
      let id = options.newId('node');
      while (taken.has(id)) id = options.newId('node');
      return asNodeId(id);
    };
    const freshTransitionId = (): TransitionId => {
      const taken = new Set<string>(get().document.transitions.map((t) => t.id));
      let id = options.newId('transition');
      while (taken.has(id)) id = options.newId('transition');
      return asTransitionId(id);
    };
    /** Records one undoable step; a no-op edit records nothing. */
    const commit = (next: FlowDocument, extra: Partial<EditorState> = {}, key?: string) => {
      const { document, past, lastEditKey } = get();
      if (next === document) return;
      const merge = key !== undefined && key === lastEditKey;
      set({
        document: next,
        past: merge ? past : [...past, document].slice(-HISTORY_LIMIT),
        future: [],
        refusal: null,
        lastEditKey: key ?? null,
        ...extra,
      });
    };
    const newNode = (type: string, locale: Locale): FlowNode | null => {
      const module = moduleFor(type);
      if (!module) return null;
      const label = module.label[locale];
      const same = get().document.nodes.filter((n) => n.name.startsWith(label)).length;
      return {
        id: freshNodeId(),
        type,
        name: same === 0 ? label : `${label} ${same + 1}`,
        config: structuredClone(toRecord(module.defaults())),
      };
    };
    const pasteFrom = (clipboard: Clipboard) => {
      const ids = { node: freshNodeId, transition: freshTransitionId };
      const pasted = pasteClipboard(get().document, clipboard, ids, PASTE_OFFSET);
      commit(pasted.document, { selection: { nodeIds: pasted.nodeIds, transitionIds: [] } });
    };

    return {
      document: withPositions(options.document, {}),
      selection: EMPTY_SELECTION,
      sizes: {},
      past: [],
      future: [],
      clipboard: null,
      dragBase: null,
      refusal: null,
      lastEditKey: null,

      addNode(type, position, locale) {
        const node = newNode(type, locale);
        if (!node) return null;
        commit(addNode(get().document, node, position), {
          selection: { nodeIds: [node.id], transitionIds: [] },
        });
        return node.id;
      },
      moveNodes(positions, { dragging = false } = {}) {
        const { document, dragBase } = get();
        // A click on a node ends a "drag" that moved nothing: no empty undo step.
        if (!dragging && !dragBase && Object.keys(positions).length === 0) return;
        const next = moveNodes(document, positions);
        if (dragging) {
          set({ document: next, dragBase: dragBase ?? document });
          return;
        }
        const base = dragBase ?? document;
        set({
          document: next,
          dragBase: null,
          past: [...get().past, base].slice(-HISTORY_LIMIT),
          future: [],
          lastEditKey: null,
        });
      },
      connect(source, target, handles = {}) {
        const result = connect(
          get().document,
          { id: freshTransitionId(), source, target, ...handles },
          moduleFor,
        );
        if (!result.ok) {
          set({ refusal: result.reason });
          return null;
        }
        commit(result.document);
        return result.transition.id;
      },
      insertOnTransition(transitionId, type, locale) {
        const node = newNode(type, locale);
        if (!node) return null;
        const args = { transitionId, node, outgoingId: freshTransitionId() };
        const result = insertOnTransition(get().document, args, moduleFor);
        if (!result.ok) {
          set({ refusal: result.reason });
          return null;
        }
        commit(result.document, { selection: { nodeIds: [node.id], transitionIds: [] } });
        return node.id;
      },
      updateNode(id, patch, { coalesce } = {}) {
        commit(updateNode(get().document, id, patch), {}, coalesce);
      },
      updateTransition(id, patch, { coalesce } = {}) {
        commit(updateTransition(get().document, id, patch), {}, coalesce);
      },
      updateTriggers(changes, { coalesce } = {}) {
        const next = changes.reduce(
          (doc, change) => updateTransition(doc, change.id, { trigger: change.trigger }),
          get().document,
        );
        commit(next, {}, coalesce);
      },
      updateSettings(settings) {
        const { document } = get();
        // Saving the panel unchanged is not an undo step.
        if (JSON.stringify(settings) === JSON.stringify(document.settings)) return;
        commit({ ...document, settings });
      },
      deleteSelection() {
        const { nodeIds, transitionIds } = get().selection;
        if (nodeIds.length === 0 && transitionIds.length === 0) return;
        commit(deleteElements(get().document, nodeIds, transitionIds), {
          selection: EMPTY_SELECTION,
        });
      },
      select(selection, { additive = false } = {}) {
        const current = additive ? get().selection : EMPTY_SELECTION;
        set({
          selection: {
            nodeIds: unique([...current.nodeIds, ...(selection.nodeIds ?? [])]),
            transitionIds: unique([...current.transitionIds, ...(selection.transitionIds ?? [])]),
          },
        });
      },
      selectAll() {
        const { nodes, transitions } = get().document;
        set({
          selection: {
            nodeIds: nodes.map((n) => n.id),
            transitionIds: transitions.map((t) => t.id),
          },
        });
      },
      copy() {
        const clipboard = copySelection(get().document, get().selection.nodeIds);
        if (clipboard) set({ clipboard });
      },
      paste() {
        const { clipboard } = get();
        if (!clipboard) return;
        pasteFrom(clipboard);
        // A second paste lands further along instead of on top of the first.
        set({ clipboard: shiftClipboard(clipboard, PASTE_OFFSET) });
      },
      duplicate() {
        const clipboard = copySelection(get().document, get().selection.nodeIds);
        if (clipboard) pasteFrom(clipboard);
      },
      autoLayout() {
        const { document, sizes } = get();
        if (document.nodes.length === 0) return;
        commit(moveNodes(document, autoLayout(document, sizes)));
      },
      setSizes(sizes) {
        set({ sizes: { ...get().sizes, ...sizes } });
      },
      undo() {
        const { past, document, future } = get();
        const previous = past.at(-1);
        if (!previous) return;
        set({
          document: previous,
          past: past.slice(0, -1),
          future: [document, ...future],
          lastEditKey: null,
          selection: keepExisting(get().selection, previous),
        });
      },
      redo() {
        const { past, document, future } = get();
        const next = future[0];
        if (!next) return;
        set({
          document: next,
          past: [...past, document],
          future: future.slice(1),
          lastEditKey: null,
          selection: keepExisting(get().selection, next),
        });
      },
      replace(document) {
        commit(withPositions(document, get().sizes), { selection: EMPTY_SELECTION });
      },
      load(document) {
        set({
          document: withPositions(document, get().sizes),
          past: [],
          future: [],
          selection: EMPTY_SELECTION,
          dragBase: null,
          lastEditKey: null,
        });
      },
    };
  });
}
