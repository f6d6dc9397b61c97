import { CampaignDetail, type FlowDocument } from '@rumbo/flow';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { campaignKeys } from '../api/campaigns.queries.ts';
import { ReviewBanner } from '../review/review-banner.tsx';
import { useCan } from '../session/session.api.ts';
import { moduleFor } from './catalogue/designer-catalogue.ts';
import { blankDocument } from './draft/blank-document.ts';
import { clearLocalDraft, type DraftRead, readLocalDraft } from './draft/local-draft.ts';
import { useAutosave, useSaveLabel } from './draft/use-autosave.ts';
import { DesignerEditor } from './editor/designer-editor.tsx';
import { useDesignerT } from './editor/editor-context.tsx';
import { createEditorStore, type EditorStoreApi } from './store/editor.store.ts';

const newId = (kind: 'node' | 'transition') =>
  `${kind === 'node' ? 'n' : 't'}-${crypto.randomUUID().slice(0, 8)}`;

/**
 * `/campaigns/:campaignId`: loads the campaign's draft from the server, prefers a newer copy
 * autosaved in this browser, and opens the editor. Saving to the server comes with the
 * campaign save API; until then the toolbar says the draft lives in this browser only.
 */
export function DesignerPage() {
  const { campaignId = '' } = useParams();
  const { t } = useDesignerT();
  const api = useApi();
  const [local] = useState<DraftRead>(() => readLocalDraft(window.localStorage, campaignId));
  const [started, setStarted] = useState<FlowDocument | null>(null);
  const [store, setStore] = useState<EditorStoreApi | null>(null);
  const server = useQuery({
    queryKey: [...campaignKeys.all, 'detail', campaignId],
    queryFn: ({ signal }) =>
      api.get(`/api/v1/campaigns/${encodeURIComponent(campaignId)}`, CampaignDetail, { signal }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const initial =
    local.kind === 'ok' ? local.draft.document : (server.data?.draft ?? started ?? null);

  useEffect(() => {
    if (!store && initial) setStore(createEditorStore({ document: initial, moduleFor, newId }));
  }, [store, initial]);
  const restored = local.kind === 'ok';
  // A browser copy carries the revision it was based on: saving it over a newer server
  // version then conflicts instead of overwriting.
  const serverDraft = useMemo(() => {
    if (!server.data) return null;
    const base = local.kind === 'ok' ? local.draft.baseRevision : undefined;
    return { api, revision: base ?? server.data.draftRevision, unsaved: local.kind === 'ok' };
  }, [api, server.data, local]);
  // A role that may not edit (reviewer, agent, analyst) looks without saving anything.
  const canEdit = useCan('edit');
  const saveState = useAutosave(canEdit ? store : null, campaignId, serverDraft);
  const saveLabel = useSaveLabel(saveState, restored);

  if (!store) {
    if (server.isError && local.kind !== 'ok') {
      return (
        <div className="designer-start">
          <h1>{t('page.loadFailedTitle')}</h1>
          <p className="notice notice--warning">{server.error.message}</p>
          <p>{t('page.startLocalHint')}</p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => setStarted(blankDocument(t('page.untitled')))}
          >
            {t('page.startLocal')}
          </button>
        </div>
      );
    }
    return (
      <p className="designer-loading" role="status">
        {t('page.loading')}
      </p>
    );
  }
  return (
    <div className="designer-shell">
      {local.kind === 'corrupt' && (
        <p className="notice notice--warning designer-banner" role="alert">
          {t('page.corruptDraft', { problem: local.problem, key: local.backupKey })}
        </p>
      )}
      {saveState.kind === 'conflict' && (
        <p className="notice notice--warning designer-banner" role="alert">
          {t('page.conflict')}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              clearLocalDraft(window.localStorage, campaignId);
              window.location.reload();
            }}
          >
            {t('page.discardLocal')}
          </button>
        </p>
      )}
      {local.kind === 'ok' && server.data && (
        <p className="notice designer-banner">
          {t('page.localDraft', { savedAt: new Date(local.draft.savedAt).toLocaleString() })}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              clearLocalDraft(window.localStorage, campaignId);
              if (server.data) store.getState().load(server.data.draft);
            }}
          >
            {t('page.discardLocal')}
          </button>
        </p>
      )}
      {!canEdit && (
        <p className="notice designer-banner" role="status">
          {t('page.readOnly')}
        </p>
      )}
      <ReviewBanner campaignId={campaignId} />
      <DesignerEditor store={store} saveState={saveLabel} />
    </div>
  );
}
