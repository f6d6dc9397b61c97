import type { CampaignSummary } from '@rumbo/flow';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { ApiError, describeApiError } from '../api/api-error.ts';
import {
  downloadCampaignExport,
  useArchiveCampaign,
  useCampaigns,
} from '../api/campaigns.queries.ts';
import { PageHeader } from '../app/page-header.tsx';
import { useCan } from '../session/session.api.ts';
import { ArchiveDialog } from './archive-dialog.tsx';
import { type CampaignFilter, filterCampaigns, filterFromSearch } from './campaign-filter.ts';
import {
  CampaignListEmpty,
  CampaignListError,
  CampaignListNoMatch,
  CampaignListSkeleton,
} from './campaign-list-states.tsx';
import type { RowActions } from './campaign-row-menu.tsx';
import { CampaignTable } from './campaign-table.tsx';
import { CampaignToolbar } from './campaign-toolbar.tsx';
import './campaigns.css';

/** Archived campaigns are fetched only when shown: asked for, or the status filter is "archived". */
function showsArchived(search: URLSearchParams): boolean {
  return search.get('archived') === '1' || search.get('status') === 'archived';
}

/** `/campaigns`: every campaign of the workspace, from `GET /api/v1/campaigns`. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const campaigns = useCampaigns(showsArchived(search) ? 'include' : 'exclude');
  // Roles that may not create campaigns do not see the ways to (the server would refuse).
  const canEdit = useCan('edit');
  return (
    <div className="page">
      <PageHeader
        title={t('campaigns.title')}
        subtitle={t('campaigns.subtitle')}
        actions={
          canEdit ? (
            <>
              <Link className="button button--secondary" to="/campaigns/new?from=import">
                {t('campaigns.importAction')}
              </Link>
              <Link className="button button--primary" to="/campaigns/new">
                <span aria-hidden="true">+</span> {t('campaigns.new')}
              </Link>
            </>
          ) : null
        }
      />
      {campaigns.isPending ? <CampaignListSkeleton /> : null}
      {campaigns.isError ? (
        <CampaignListError error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      ) : null}
      {campaigns.isSuccess && campaigns.data.items.length === 0 && !showsArchived(search) ? (
        <CampaignListEmpty />
      ) : null}
      {campaigns.isSuccess && (campaigns.data.items.length > 0 || showsArchived(search)) ? (
        <FilteredCampaigns campaigns={campaigns.data.items} />
      ) : null}
    </div>
  );
}

type Notice = { kind: 'done' | 'error'; text: string; undo?: CampaignSummary };

/** Export, archive (after asking) and bring back, with a notice that says what happened. */
function useRowActions() {
  const { t } = useTranslation();
  const api = useApi();
  const archive = useArchiveCampaign();
  const [asking, setAsking] = useState<CampaignSummary | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const failed = (error: unknown) =>
    setNotice({
      kind: 'error',
      text:
        error instanceof ApiError
          ? describeApiError(error, (key, params) => t(key, params ?? {}))
          : t('errors.unexpected'),
    });
  const setArchived = (campaign: CampaignSummary, archived: boolean) =>
    archive.mutate(
      { id: campaign.id, archived },
      {
        onSuccess: () => {
          setAsking(null);
          setNotice(
            archived
              ? {
                  kind: 'done',
                  text: t('campaigns.archive.done', { code: campaign.code }),
                  undo: campaign,
                }
              : { kind: 'done', text: t('campaigns.archive.restored', { code: campaign.code }) },
          );
        },
        onError: (error) => {
          setAsking(null);
          failed(error);
        },
      },
    );
  const actions: RowActions = {
    onExport: (campaign) =>
      void downloadCampaignExport(api, campaign.id).then(
        (file) => setNotice({ kind: 'done', text: t('campaigns.exported', { file }) }),
        failed,
      ),
    onArchive: setAsking,
    onUnarchive: (campaign) => setArchived(campaign, false),
  };
  const dialog = (
    <ArchiveDialog
      campaign={asking}
      busy={archive.isPending}
      onCancel={() => setAsking(null)}
      onConfirm={() => asking && setArchived(asking, true)}
    />
  );
  const banner = notice ? (
    <p
      className={`list-notice${notice.kind === 'error' ? ' list-notice--error' : ''}`}
      role="status"
    >
      {notice.text}{' '}
      {notice.undo ? (
        <button
          type="button"
          className="link-button"
          onClick={() => notice.undo && setArchived(notice.undo, false)}
        >
          {t('campaigns.archive.undo')}
        </button>
      ) : null}
    </p>
  ) : null;
  return { actions, dialog, banner };
}

/** The toolbar and the table; the filter lives in the URL so reload and Back keep it. */
function FilteredCampaigns({ campaigns }: { campaigns: readonly CampaignSummary[] }) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const { actions, dialog, banner } = useRowActions();
  const filter = filterFromSearch(search);
  const withArchived = search.get('archived') === '1';
  const shown = filterCampaigns(campaigns, filter);
  const update = (next: CampaignFilter, archived: boolean) => {
    const params = new URLSearchParams();
    if (next.query) params.set('q', next.query);
    if (next.status) params.set('status', next.status);
    if (archived) params.set('archived', '1');
    // Synchronously, not in a transition: the controls show the URL's value, and a
    // transition let React restore the old value (a dropped keystroke, a radio that did not
    // take the click) until it committed.
    setSearch(params, { replace: true, flushSync: true });
  };
  const count =
    shown.length === campaigns.length
      ? t('campaigns.count', { count: campaigns.length })
      : t('campaigns.countFiltered', { shown: shown.length, count: campaigns.length });
  return (
    <>
      <div className="list-bar">
        <div className="list-bar__filters">
          <CampaignToolbar filter={filter} onChange={(next) => update(next, withArchived)} />
          <label className="archived-toggle">
            <input
              type="checkbox"
              checked={withArchived}
              onChange={(event) => update(filter, event.target.checked)}
            />
            {t('campaigns.showArchived')}
          </label>
        </div>
        <p className="list-count" aria-live="polite">
          {count}
        </p>
      </div>
      {banner}
      {shown.length > 0 ? (
        <CampaignTable campaigns={shown} actions={actions} />
      ) : (
        <CampaignListNoMatch onClear={() => update({ query: '', status: null }, false)} />
      )}
      {dialog}
    </>
  );
}
