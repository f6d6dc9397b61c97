import { type FlowDocument, type Issue, validateFlow } from '@rumbo/flow';
import { useEffect, useRef, useState } from 'react';
import { useEditor, useEditorStore } from '../editor/editor-context.tsx';
import type { ValidationReply, ValidationRequest } from './validation-protocol.ts';

/** Light debounce: typing stays smooth, badges follow within a blink. */
const DEBOUNCE_MS = 120;
const NO_ISSUES: readonly Issue[] = [];

export interface Validation {
  issues: readonly Issue[];
  /** No pass has answered yet (the canvas has just opened): "no issues" would be a guess. */
  checking: boolean;
}

/**
 * Runs the shared validator on every change of what the flow does, lightly debounced, in a Web
 * Worker: the first pass no longer delays the canvas's first paint, and the main thread stays
 * free while the marketer clicks. Moving a node changes only the layout, which no rule looks
 * at: a drag validates nothing. Where no worker can start, it validates on the main thread.
 */
export function useValidation(): Validation {
  const store = useEditorStore();
  const nodes = useEditor((s) => s.document.nodes);
  const transitions = useEditor((s) => s.document.transitions);
  const settings = useEditor((s) => s.document.settings);
  const [state, setState] = useState<Validation>({ issues: NO_ISSUES, checking: true });
  const validator = useValidator((issues) =>
    setState({ issues: issues.length === 0 ? NO_ISSUES : issues, checking: false }),
  );
  // What the current issues were found in: the first pass runs at once, later ones debounced.
  const checked = useRef<readonly unknown[] | null>(null);
  useEffect(() => {
    const parts = [nodes, transitions, settings];
    const previous = checked.current;
    if (previous && parts.every((part, i) => part === previous[i])) return;
    checked.current = parts;
    if (!previous) {
      validator.check(store.getState().document);
      return;
    }
    const timer = setTimeout(() => validator.check(store.getState().document), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [store, validator, nodes, transitions, settings]);
  return state;
}

interface Validator {
  check(document: FlowDocument): void;
}

/** One worker for the editor's lifetime; answers to superseded passes are dropped. */
function useValidator(onIssues: (issues: Issue[]) => void): Validator {
  const latest = useRef(onIssues);
  latest.current = onIssues;
  const [validator] = useState(() => createValidator((issues) => latest.current(issues)));
  useEffect(() => () => validator.close(), [validator]);
  return validator;
}

function createValidator(onIssues: (issues: Issue[]) => void): Validator & { close(): void } {
  /** undefined: not started yet; null: validating on the main thread. */
  let worker: Worker | null | undefined;
  let sent = 0;
  let closed = false;
  let last: FlowDocument | null = null;
  const answer = (id: number, issues: Issue[]) => {
    if (!closed && id === sent) onIssues(issues);
  };
  const onMainThread = (id: number, document: FlowDocument) =>
    setTimeout(() => answer(id, validateFlow(document).issues), 0);
  const start = (): Worker | null => {
    if (typeof Worker === 'undefined') return null;
    try {
      const started = new Worker(new URL('./validation.worker.ts', import.meta.url), {
        type: 'module',
      });
      started.onmessage = (event: MessageEvent<ValidationReply>) =>
        answer(event.data.id, event.data.issues);
      // The worker's script did not load: validate here from now on, the last pass first.
      started.onerror = () => {
        started.terminate();
        worker = null;
        if (last) onMainThread(sent, last);
      };
      return started;
    } catch {
      return null;
    }
  };
  return {
    check(document) {
      if (closed) return;
      if (worker === undefined) worker = start();
      last = document;
      const id = ++sent;
      if (!worker) {
        onMainThread(id, document);
        return;
      }
      const request: ValidationRequest = { id, document };
      worker.postMessage(request);
    },
    close() {
      closed = true;
      worker?.terminate();
    },
  };
}
