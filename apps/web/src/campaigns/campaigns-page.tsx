import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCampaigns } from '../api/campaigns.queries.ts';
import { PageHeader } from '../app/page-header.tsx';
import {
  CampaignListEmpty,
  CampaignListError,
  CampaignListSkeleton,
} from './campaign-list-states.tsx';
import { CampaignTable } from './campaign-table.tsx';

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
        <>
          <p className="list-count" aria-live="polite">
            {t('campaigns.count', { count: campaigns.data.items.length })}
          </p>
          <CampaignTable campaigns={campaigns.data.items} />
        </>
      ) : null}
    </div>
  );
}
