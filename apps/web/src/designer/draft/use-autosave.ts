import { assertNever } from '@rumbo/flow';
import { useEffect, useState } from 'react';
import { useDesignerT } from '../editor/editor-context.tsx';
import type { EditorStoreApi } from '../store/editor.store.ts';
import { writeLocalDraft } from './local-draft.ts';

const AUTOSAVE_MS = 500;

/**
 * Writes the document to this browser's storage shortly after every change and returns
 * the honest save state for the toolbar: saved here, not on the server.
 */
export function useAutosave(
  store: EditorStoreApi | null,
  campaignId: string,
  /** The editor opened this browser's copy rather than the server's. */
  restored: boolean,
): string {
  const { t, locale } = useDesignerT();
  const [state, setState] = useState<
    { kind: 'clean' } | { kind: 'pending' } | { kind: 'saved'; at: Date } | { kind: 'failed' }
  >({ kind: 'clean' });
  useEffect(() => {
    if (!store) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((next, previous) => {
      if (next.document === previous.document) return;
      setState({ kind: 'pending' });
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          writeLocalDraft(window.localStorage, campaignId, store.getState().document, new Date());
          setState({ kind: 'saved', at: new Date() });
        } catch {
          setState({ kind: 'failed' });
        }
      }, AUTOSAVE_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store, campaignId]);
  switch (state.kind) {
    case 'clean':
      return restored ? t('save.restored') : t('save.clean');
    case 'pending':
      return t('save.pending');
    case 'saved':
      return t('save.savedLocally', {
        time: state.at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' }),
      });
    case 'failed':
      return t('save.failed');
    default:
      return assertNever(state, 'save state');
  }
}
