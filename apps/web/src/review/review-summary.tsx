import type { Review } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLanguage } from '../i18n/use-language.ts';
import {
  formatInstant,
  formatInteger,
  formatMoney,
  formatPercent,
} from '../simulation/format/numbers.ts';

/** The last simulation stored on a review: the figures a reviewer decides on. */
export function ReviewSimulation({
  review,
  campaignId,
  currency,
  draftRevision,
}: {
  review: Review | null;
  campaignId: string;
  currency: string;
  draftRevision: number;
}) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  const summary = review?.simulation ?? null;
  const money = (v: number | null) => (v === null ? '—' : formatMoney(v, currency, language));
  const simulateLink = review ? (
    <Link
      className="button button--secondary"
      to={`/campaigns/${campaignId}/simulate?review=${review.id}`}
      data-testid="simulate-for-review"
    >
      {summary ? t('simulation.rerun') : t('simulation.run')}
    </Link>
  ) : null;
  return (
    <section className="review-section" aria-labelledby="review-sim-title">
      <h2 id="review-sim-title">{t('simulation.title')}</h2>
      {!summary && <p>{t('simulation.none')}</p>}
      {summary && (
        <>
          <p className="sim-note" data-testid="review-sim-ran">
            {t('simulation.ranAt', {
              at: formatInstant(Date.parse(summary.ranAt), language),
              leads: formatInteger(summary.leads, language),
              source: t(`simulation.source.${summary.source}`),
              seed: summary.seed,
              days: summary.horizonDays,
            })}
          </p>
          {summary.draftRevision !== draftRevision && (
            <p className="sim-notice sim-notice--warning">
              {t('simulation.otherRevision', { revision: summary.draftRevision })}
            </p>
          )}
          <dl className="sim-figures" data-testid="review-sim-figures">
            <Figure id="cost" label={t('simulation.cost')} value={money(summary.cost)} />
            <Figure id="revenue" label={t('simulation.revenue')} value={money(summary.revenue)} />
            <Figure
              id="roi"
              label={t('simulation.roi')}
              value={summary.roi === null ? '—' : formatPercent(summary.roi, language)}
            />
            <Figure
              id="conversions"
              label={t('simulation.conversions')}
              value={formatInteger(summary.conversions, language)}
            />
            <Figure
              id="cpc"
              label={t('simulation.costPerConversion')}
              value={money(summary.costPerConversion)}
            />
          </dl>
          <p className="sim-note" data-testid="review-sim-messages">
            {t('simulation.messages')}:{' '}
            {t('simulation.messagesValue', {
              email: formatInteger(summary.messages.email, language),
              sms: formatInteger(summary.messages.sms, language),
              call: formatInteger(summary.messages.call, language),
              webhook: formatInteger(summary.messages.webhook, language),
            })}
          </p>
        </>
      )}
      {simulateLink}
    </section>
  );
}

function Figure({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="sim-figure" data-figure={id}>
      <dt>{label}</dt>
      <dd>
        <span className="sim-figure__value">{value}</span>
      </dd>
    </div>
  );
}
