import type { CampaignSummary } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatCount, formatDateTime, formatRelativeTime } from '../format/format-time.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { MonitorLink } from '../monitor/monitor-link.tsx';
import { CampaignModeLabel, CampaignStatusBadge } from './campaign-badges.tsx';
import { CampaignRowMenu, type RowActions } from './campaign-row-menu.tsx';

/**
 * The campaigns as a table: one row per campaign, the whole row opens the designer (the
 * name is the real link, stretched over the row, so keyboard and screen readers get one
 * clear link per campaign).
 */
export function CampaignTable({
  campaigns,
  actions,
}: {
  campaigns: readonly CampaignSummary[];
  /** Row menu actions; without them the table has no menu column. */
  actions?: RowActions;
}) {
  const { t } = useTranslation();
  const now = Date.now();
  return (
    <div className="table-card">
      <table className="data-table campaign-table">
        <caption className="visually-hidden">{t('campaigns.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('campaigns.columns.code')}</th>
            <th scope="col">{t('campaigns.columns.name')}</th>
            <th scope="col">{t('campaigns.columns.status')}</th>
            <th scope="col">{t('campaigns.columns.mode')}</th>
            <th scope="col" className="numeric" title={t('campaigns.columnHelp.nodes')}>
              {t('campaigns.columns.nodes')}
            </th>
            <th scope="col" className="numeric">
              {t('campaigns.columns.activeLeads')}
            </th>
            <th scope="col">{t('campaigns.columns.updatedAt')}</th>
            {actions ? (
              <th scope="col">
                <span className="visually-hidden">{t('campaigns.columns.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {campaigns.map((campaign) => (
            <CampaignRow key={campaign.id} campaign={campaign} now={now} actions={actions} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CampaignRow({
  campaign,
  now,
  actions,
}: {
  campaign: CampaignSummary;
  now: number;
  actions: RowActions | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <tr className={campaign.archivedAt ? 'campaign-row campaign-row--archived' : 'campaign-row'}>
      <td>
        <span className="code">{campaign.code}</span>
      </td>
      <td className="campaign-row__name">
        <Link
          to={`/campaigns/${campaign.id}`}
          className="row-link"
          title={t('campaigns.open', { name: campaign.name })}
        >
          {campaign.name}
        </Link>
        {campaign.description ? (
          <span className="campaign-row__description">{campaign.description}</span>
        ) : null}
      </td>
      <td>
        <CampaignStatusBadge status={campaign.status} />
        <span className="cell-note">
          {campaign.publishedVersion === null
            ? t('campaigns.unpublished')
            : t('campaigns.version', { version: campaign.publishedVersion })}
        </span>
        {campaign.publishedVersion !== null ? (
          <MonitorLink campaignId={campaign.id} className="cell-note monitor-link" />
        ) : null}
      </td>
      <td>
        <CampaignModeLabel mode={campaign.mode} />
      </td>
      <td className="numeric">{formatCount(campaign.nodeCount, language)}</td>
      <td className="numeric">{formatCount(campaign.activeLeads, language)}</td>
      <td>
        <time dateTime={campaign.updatedAt} title={formatDateTime(campaign.updatedAt, language)}>
          {formatRelativeTime(campaign.updatedAt, now, language)}
        </time>
      </td>
      {actions ? (
        <td className="campaign-row__menu">
          <CampaignRowMenu campaign={campaign} actions={actions} />
        </td>
      ) : null}
    </tr>
  );
}
