import {
  asNodeId,
  asTransitionId,
  type FlowDocument,
  type FlowNode,
  type Locale,
  type NodeId,
  type TransitionId,
  type Trigger,
} from '@rumbo/flow';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { autoLayout, type Size } from './auto-layout.ts';
import { type Clipboard, copySelection, pasteClipboard } from './clipboard.ts';
import {
  addNode,
  type ConnectRefusal,
  connect,
  deleteElements,
  insertOnTransition,
  type ModuleLookup,
  moveNodes,
  type NodePatch,
  type Point,
  updateNode,
  updateTransition,
} from './document-ops.ts';

/** Canvas-only: never part of the document, never saved, never in the undo history. */
export interface Selection {
  nodeIds: NodeId[];
  transitionIds: TransitionId[];
}

export interface EditorState {
  /** The flow being edited: the single source of truth for what the campaign does. */
  document: FlowDocument;
  selection: Selection;
  /** Sizes measured by the canvas, for auto-layout. */
  sizes: Record<string, Size>;
  past: FlowDocument[];
  future: FlowDocument[];
  clipboard: Clipboard | null;
  /** Document before the drag in progress, so a whole drag is one undo step. */
  dragBase: FlowDocument | null;
  /** The last refused connection, so the canvas can say why; cleared by the next edit. */
  refusal: ConnectRefusal | null;
  /** Key of the last coalescible edit: typing in one field is one undo step, not one per key. */
  lastEditKey: string | null;
}

export interface EditorActions {
  addNode(type: string, position: Point, locale: Locale): NodeId | null;
  /** `dragging: true` while the pointer moves; the final `false` closes the undo step. */
  moveNodes(positions: Record<string, Point>, options?: { dragging?: boolean }): void;
  connect(source: NodeId, target: NodeId, handles?: Handles): TransitionId | null;
  insertOnTransition(transitionId: TransitionId, type: string, locale: Locale): NodeId | null;
  /** Edits sharing `coalesce` with the edit just before merge into its undo step. */
  updateNode(id: NodeId, patch: NodePatch, options?: EditOptions): void;
  updateTransition(
    id: TransitionId,
    patch: { trigger?: Trigger; label?: string | null },
    options?: EditOptions,
  ): void;
  /** Several trigger changes as one undo step (reordering conditions, evening out weights). */
  updateTriggers(
    changes: readonly { id: TransitionId; trigger: Trigger }[],
    options?: EditOptions,
  ): void;
  deleteSelection(): void;
  select(selection: Partial<Selection>, options?: { additive?: boolean }): void;
  selectAll(): void;
  copy(): void;
  paste(): void;
  duplicate(): void;
  autoLayout(): void;
  setSizes(sizes: Record<string, Size>): void;
  undo(): void;
  redo(): void;
  /** Replaces the document (a loaded draft) and forgets the history. */
  load(document: FlowDocument): void;
  /** Replaces the document as one undoable step (starting from a template). */
  replace(document: FlowDocument): void;
}

export type EditorStore = EditorState & EditorActions;
export type EditorStoreApi = StoreApi<EditorStore>;

export interface EditOptions {
  coalesce?: string;
}

export interface Handles {
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

export interface EditorOptions {
  document: FlowDocument;
  moduleFor: ModuleLookup;
  /** Fresh opaque ids; injected so tests are deterministic. Must match the id pattern. */
  newId: (kind: 'node' | 'transition') => string;
}

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

/** Nodes without a position (a template, an imported file) get one from the auto-layout. */
function withPositions(doc: FlowDocument, sizes: Record<string, Size>): FlowDocument {
  const missing = doc.nodes.some((n) => !Object.hasOwn(doc.layout.nodes, n.id));
  if (!missing) return doc;
  const laidOut = autoLayout(doc, sizes);
  return moveNodes(doc, { ...laidOut, ...doc.layout.nodes });
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Undo may remove selected elements; the selection must not point at ghosts. */
function keepExisting(selection: Selection, doc: FlowDocument): Selection {
  const nodes = new Set<string>(doc.nodes.map((n) => n.id));
  const transitions = new Set<string>(doc.transitions.map((t) => t.id));
  return {
    nodeIds: selection.nodeIds.filter((id) => nodes.has(id)),
    transitionIds: selection.transitionIds.filter((id) => transitions.has(id)),
  };
}

function shiftClipboard(clipboard: Clipboard, offset: Point): Clipboard {
  const positions = Object.fromEntries(
    Object.entries(clipboard.positions).map(([id, p]) => [
      id,
      { x: p.x + offset.x, y: p.y + offset.y },
    ]),
  );
  return { ...clipboard, positions };
}

function toRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value));
}
