import { type Issue, validateFlow } from '@rumbo/flow';
import { useEffect, useRef, useState } from 'react';
import { useEditor, useEditorStore } from '../editor/editor-context.tsx';

/** Light debounce: typing stays smooth, badges follow within a blink. */
const DEBOUNCE_MS = 120;
const NO_ISSUES: readonly Issue[] = [];

/**
 * Runs the shared validator on every change of what the flow does, lightly debounced. Moving
 * a node changes only the layout, which no rule looks at: a drag validates nothing.
 */
export function useValidation(): readonly Issue[] {
  const store = useEditorStore();
  const nodes = useEditor((s) => s.document.nodes);
  const transitions = useEditor((s) => s.document.transitions);
  const settings = useEditor((s) => s.document.settings);
  const [issues, setIssues] = useState<readonly Issue[]>(
    () => validateFlow(store.getState().document).issues,
  );
  // What the current issues were found in: the mount's own pass needs no second run.
  const checked = useRef<readonly unknown[]>([nodes, transitions, settings]);
  useEffect(() => {
    const parts = [nodes, transitions, settings];
    if (parts.every((part, i) => part === checked.current[i])) return;
    checked.current = parts;
    const timer = setTimeout(
      () => setIssues(validateFlow(store.getState().document).issues),
      DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [store, nodes, transitions, settings]);
  return issues.length === 0 ? NO_ISSUES : issues;
}
