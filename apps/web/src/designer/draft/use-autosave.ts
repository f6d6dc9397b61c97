import { assertNever } from '@rumbo/flow';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client.ts';
import { useDesignerT } from '../editor/editor-context.tsx';
import type { EditorStoreApi } from '../store/editor.store.ts';
import { createDraftSaver, type SaverStatus } from './draft-saver.ts';
import { clearLocalDraft, writeLocalDraft } from './local-draft.ts';

const AUTOSAVE_MS = 700;

export type SaveState =
  | { kind: 'clean' }
  | { kind: 'pending' }
  | { kind: 'local'; at: Date }
  | { kind: 'localFailed' }
  | SaverStatus;

export interface ServerDraft {
  api: ApiClient;
  /** The draft revision the editor opened; sent back with every save. */
  revision: number;
  /** The editor opened a browser copy with edits the server does not have: send them now. */
  unsaved: boolean;
}

/**
 * Shortly after every change: writes the document to this browser's storage (so a crash or
 * a lost connection loses nothing) and, when the campaign lives on the server, saves it
 * there too and forgets the browser copy once the server has it. Returns the honest save
 * state for the toolbar.
 */
export function useAutosave(
  store: EditorStoreApi | null,
  campaignId: string,
  server: ServerDraft | null,
): SaveState {
  const [state, setState] = useState<SaveState>({ kind: 'clean' });
  const api = server?.api;
  const revision = server?.revision;
  const unsaved = server?.unsaved ?? false;
  useEffect(() => {
    if (!store) return;
    const saver =
      api && revision !== undefined
        ? createDraftSaver({
            api,
            campaignId,
            revision,
            onStatus: (status) => {
              if (status.kind === 'saved') clearLocalDraft(window.localStorage, campaignId);
              setState(status);
            },
          })
        : null;
    if (saver && unsaved) saver.save(store.getState().document);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((next, previous) => {
      if (next.document === previous.document) return;
      // Once per burst of edits, not once per frame of a drag.
      setState((current) => (current.kind === 'pending' ? current : { kind: 'pending' }));
      clearTimeout(timer);
      timer = setTimeout(() => {
        const document = store.getState().document;
        try {
          writeLocalDraft(window.localStorage, campaignId, document, new Date(), saver?.revision());
          if (!saver) setState({ kind: 'local', at: new Date() });
        } catch {
          if (!saver) setState({ kind: 'localFailed' });
        }
        saver?.save(document);
      }, AUTOSAVE_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store, campaignId, api, revision, unsaved]);
  return state;
}

/** The toolbar's words for a save state. */
export function useSaveLabel(state: SaveState, restored: boolean): string {
  const { t, locale } = useDesignerT();
  const time = (at: Date) => at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  switch (state.kind) {
    case 'clean':
      return restored ? t('save.restored') : t('save.clean');
    case 'pending':
      return t('save.pending');
    case 'local':
      return t('save.savedLocally', { time: time(state.at) });
    case 'localFailed':
      return t('save.failed');
    case 'saving':
      return t('save.saving');
    case 'saved':
      return t('save.saved', { time: time(state.at) });
    case 'conflict':
      return t('save.conflict');
    case 'failed':
      return t('save.serverFailed', { message: state.message });
    default:
      return assertNever(state, 'save state');
  }
}
