import type { CampaignSummary } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCampaigns } from '../api/campaigns.queries.ts';
import { PageHeader } from '../app/page-header.tsx';
import { type CampaignFilter, filterCampaigns, filterFromSearch } from './campaign-filter.ts';
import {
  CampaignListEmpty,
  CampaignListError,
  CampaignListNoMatch,
  CampaignListSkeleton,
} from './campaign-list-states.tsx';
import { CampaignTable } from './campaign-table.tsx';
import { CampaignToolbar } from './campaign-toolbar.tsx';

/** `/campaigns`: every campaign of the workspace, from `GET /api/v1/campaigns`. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  return (
    <div className="page">
      <PageHeader
        title={t('campaigns.title')}
        subtitle={t('campaigns.subtitle')}
        actions={
          <Link className="button button--primary" to="/campaigns/new">
            <span aria-hidden="true">+</span> {t('campaigns.new')}
          </Link>
        }
      />
      {campaigns.isPending ? <CampaignListSkeleton /> : null}
      {campaigns.isError ? (
        <CampaignListError error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      ) : null}
      {campaigns.isSuccess && campaigns.data.items.length === 0 ? <CampaignListEmpty /> : null}
      {campaigns.isSuccess && campaigns.data.items.length > 0 ? (
        <FilteredCampaigns campaigns={campaigns.data.items} />
      ) : null}
    </div>
  );
}

/** The toolbar and the table; the filter lives in the URL so reload and Back keep it. */
function FilteredCampaigns({ campaigns }: { campaigns: readonly CampaignSummary[] }) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const filter = filterFromSearch(search);
  const shown = filterCampaigns(campaigns, filter);
  const setFilter = (next: CampaignFilter) => {
    const params = new URLSearchParams();
    if (next.query) params.set('q', next.query);
    if (next.status) params.set('status', next.status);
    setSearch(params, { replace: true });
  };
  const count =
    shown.length === campaigns.length
      ? t('campaigns.count', { count: campaigns.length })
      : t('campaigns.countFiltered', { shown: shown.length, count: campaigns.length });
  return (
    <>
      <div className="list-bar">
        <CampaignToolbar filter={filter} onChange={setFilter} />
        <p className="list-count" aria-live="polite">
          {count}
        </p>
      </div>
      {shown.length > 0 ? (
        <CampaignTable campaigns={shown} />
      ) : (
        <CampaignListNoMatch onClear={() => setFilter({ query: '', status: null })} />
      )}
    </>
  );
}
