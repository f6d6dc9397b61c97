import type { CallCampaigns, CallCapacity, CallTaskFilter, CallTaskTotals } from '@rumbo/flow';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../format/format-time.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { useSetCapacity } from './calls.api.ts';

interface CallsToolbarProps {
  campaigns: CallCampaigns['items'];
  campaignId: string | null;
  status: CallTaskFilter;
  totals: CallTaskTotals | undefined;
  capacity: CallCapacity | null;
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
  capacity,
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
        {campaignId !== null ? (
          <CapacityControl
            key={`${campaignId}-${capacity?.perDay ?? ''}`}
            campaignId={campaignId}
            capacity={capacity}
          />
        ) : null}
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

/** DESIGN §5 channel capacity: calls per day for the campaign; the rest wait in priority order. */
export function CapacityControl({
  campaignId,
  capacity,
}: {
  campaignId: string;
  capacity: CallCapacity | null;
}) {
  const { t } = useTranslation('calls');
  const language = useLanguage();
  const [value, setValue] = useState(capacity?.perDay?.toString() ?? '');
  const save = useSetCapacity();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const perDay = Number.parseInt(value, 10);
    save.mutate({ campaignId, perDay: Number.isFinite(perDay) ? perDay : null });
  };
  return (
    <form className="calls-capacity" onSubmit={submit} title={t('capacityHelp')}>
      <p className="cell-note" data-testid="call-capacity">
        {capacity === null || capacity.perDay === null
          ? t('noCapacity')
          : t('capacity', {
              count: capacity.perDay,
              remaining: formatCount(capacity.remainingToday ?? 0, language),
              zone: capacity.timeZone,
            })}
      </p>
      <label className="field">
        <span className="field__label">{t('capacityLabel')}</span>
        <input
          type="number"
          min={1}
          inputMode="numeric"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <button type="submit" className="button button--secondary" disabled={save.isPending}>
        {value.trim() === '' ? t('capacityClear') : t('capacitySave')}
      </button>
    </form>
  );
}
