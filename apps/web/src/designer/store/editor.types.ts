import type {
  CampaignSettings,
  FlowDocument,
  Locale,
  NodeId,
  TransitionId,
  Trigger,
} from '@rumbo/flow';
import type { StoreApi } from 'zustand/vanilla';
import type { Size } from './auto-layout.ts';
import type { Clipboard } from './clipboard.ts';
import type { ConnectRefusal, ModuleLookup, NodePatch, Point } from './document-ops.ts';

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
  /** The campaign settings (they live in the document) as one undoable step. */
  updateSettings(settings: CampaignSettings): void;
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
