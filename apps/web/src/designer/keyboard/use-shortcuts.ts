import { useEffect } from 'react';
import type { EditorStoreApi } from '../store/editor.store.ts';

export interface ShortcutHandlers {
  openCheatSheet: () => void;
  focusInspector: () => void;
  afterLayout: () => void;
}

/** Typing in a field must type, not undo the canvas. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * The designer's keyboard: Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z (or Ctrl+Y) redo, Ctrl/⌘+C/V copy
 * and paste, Ctrl/⌘+D duplicate, Ctrl/⌘+A select all, Delete/Backspace delete, Shift+L
 * auto-layout, ? the cheat sheet, Enter on a node opens the inspector.
 */
export function useShortcuts(
  store: EditorStoreApi,
  root: React.RefObject<HTMLElement | null>,
  handlers: ShortcutHandlers,
) {
  useEffect(() => {
    const element = root.current;
    if (!element) return;
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.defaultPrevented) return;
      // A click on the empty canvas leaves focus on <body> or <main>: the designer still owns
      // the keys then, but not while focus is in the shell's header.
      const target = event.target;
      // (The shell's <main> takes focus on navigation: an ancestor of the designer counts too.)
      const ours = target instanceof Node && (element.contains(target) || target.contains(element));
      if (!ours) return;
      const state = store.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      if (mod && key === 'z') return run(event.shiftKey ? state.redo : state.undo);
      if (mod && key === 'y') return run(state.redo);
      if (mod && key === 'c') return run(state.copy);
      if (mod && key === 'v') return run(state.paste);
      if (mod && key === 'd') return run(state.duplicate);
      if (mod && key === 'a') return run(state.selectAll);
      if (mod || event.altKey) return;
      // Delete acts on the canvas selection only while the canvas has focus, so Backspace on
      // a toolbar or inspector button never removes a node by surprise.
      const onCanvas =
        target.contains(element) ||
        (target instanceof Element && target.closest('.designer__canvas') !== null);
      if ((event.key === 'Delete' || event.key === 'Backspace') && onCanvas) {
        return run(state.deleteSelection);
      }
      if (event.key === '?') return run(handlers.openCheatSheet);
      if (event.key === 'L' && event.shiftKey) {
        return run(() => {
          state.autoLayout();
          handlers.afterLayout();
        });
      }
      if (event.key === 'Enter' && event.target instanceof HTMLElement) {
        const nodeId = event.target.closest('.react-flow__node')?.getAttribute('data-id');
        if (nodeId) {
          const node = state.document.nodes.find((n) => n.id === nodeId);
          if (node) state.select({ nodeIds: [node.id] });
          return run(handlers.focusInspector);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, root, handlers]);
}
