import type { CallCampaigns, CallTaskFilter, CallTaskTotals } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../format/format-time.ts';
import { useLanguage } from '../i18n/use-language.ts';

interface CallsToolbarProps {
  campaigns: CallCampaigns['items'];
  campaignId: string | null;
  status: CallTaskFilter;
  totals: CallTaskTotals | undefined;
  /** Rows on screen: fewer than the total when the list is longer than one read. */
  shown: number;
  onChange: (key: 'campaign' | 'status', value: string) => void;
}

/** Campaign picker, Abierto/Cerrado and Proscai's totals (with and without email). */
export function CallsToolbar({
  campaigns,
  campaignId,
  status,
  totals,
  shown,
  onChange,
}: CallsToolbarProps) {
  const { t } = useTranslation('calls');
  const language = useLanguage();
  return (
    <>
      <div className="list-bar calls-bar">
        <label className="field">
          <span className="field__label">{t('campaign')}</span>
          <select
            value={campaignId ?? 'all'}
            onChange={(e) => onChange('campaign', e.target.value)}
          >
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.code} · {c.name} ({formatCount(c.open, language)})
              </option>
            ))}
            <option value="all">{t('allCampaigns')}</option>
          </select>
        </label>
        <fieldset className="calls-filter">
          <legend className="field__label">{t('filter')}</legend>
          {(['open', 'closed'] as const).map((value) => (
            <label key={value} className="calls-filter__option">
              <input
                type="radio"
                name="call-status"
                checked={status === value}
                onChange={() => onChange('status', value)}
              />
              {t(value)}
            </label>
          ))}
        </fieldset>
        <p className="list-count calls-totals" data-testid="call-totals" aria-live="polite">
          {totals
            ? t('totals', {
                count: totals.total,
                withEmail: formatCount(totals.withEmail, language),
                withoutEmail: formatCount(totals.withoutEmail, language),
              })
            : ''}
        </p>
      </div>
      <p className="cell-note calls-help">{t('keyboardHelp')}</p>
      {totals && totals.total > shown ? (
        <p className="cell-note">
          {t('partial', {
            shown: formatCount(shown, language),
            total: formatCount(totals.total, language),
          })}
        </p>
      ) : null}
    </>
  );
}
