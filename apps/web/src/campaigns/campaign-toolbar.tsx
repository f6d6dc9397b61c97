import { CAMPAIGN_STATUSES, type CampaignStatus } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import type { CampaignFilter } from './campaign-filter.ts';

interface CampaignToolbarProps {
  filter: CampaignFilter;
  onChange: (filter: CampaignFilter) => void;
}

/** Search box and status picker above the list; the page keeps their values in the URL. */
export function CampaignToolbar({ filter, onChange }: CampaignToolbarProps) {
  const { t } = useTranslation();
  const pickStatus = (value: string) => {
    const status: CampaignStatus | null =
      CAMPAIGN_STATUSES.find((known) => known === value) ?? null;
    onChange({ ...filter, status });
  };
  return (
    <search className="toolbar" aria-label={t('campaigns.toolbar.label')}>
      <label className="field field--search">
        <span className="visually-hidden">{t('campaigns.toolbar.search')}</span>
        <svg className="field__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="11" cy="11" r="6.5" />
          <path d="m16 16 4.5 4.5" />
        </svg>
        <input
          type="search"
          value={filter.query}
          placeholder={t('campaigns.toolbar.searchPlaceholder')}
          onChange={(event) => onChange({ ...filter, query: event.target.value })}
        />
      </label>
      <label className="field field--select">
        <span className="field__label">{t('campaigns.toolbar.status')}</span>
        <select value={filter.status ?? ''} onChange={(event) => pickStatus(event.target.value)}>
          <option value="">{t('campaigns.toolbar.allStatuses')}</option>
          {CAMPAIGN_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`campaigns.status.${status}`)}
            </option>
          ))}
        </select>
      </label>
    </search>
  );
}
