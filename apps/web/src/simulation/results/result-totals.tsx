import type { SimulationResult } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language.ts';
import { formatInteger, formatMoney, formatPercent } from '../format/numbers.ts';

function Figure({
  label,
  value,
  detail,
  id,
}: {
  label: string;
  value: string;
  detail?: string;
  id: string;
}) {
  return (
    <div className="sim-figure" data-figure={id}>
      <dt>{label}</dt>
      <dd>
        <span className="sim-figure__value">{value}</span>
        {detail && <span className="sim-figure__detail">{detail}</span>}
      </dd>
    </div>
  );
}

/** Leads, cost (fixed + variable), revenue, ROI, cost per conversion, conversions and uplift. */
export function ResultTotals({ result, currency }: { result: SimulationResult; currency: string }) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  const money = (v: number) => formatMoney(v, currency, language);
  const pct = (v: number) => formatPercent(v, language);
  // The uplift is a difference of two rates: percentage points, not a percent.
  const points = (v: number) =>
    t('results.points', {
      value: `${v >= 0 ? '+' : '−'}${(Math.abs(v) * 100).toLocaleString(language, { maximumFractionDigits: 1 })}`,
    });
  const { totals, treatment, control, uplift } = result;
  return (
    <dl className="sim-figures">
      <Figure
        id="leads"
        label={t('results.leads')}
        value={formatInteger(result.leads.total, language)}
        detail={`${formatInteger(result.leads.treatment, language)} ${t('results.treatment')} · ${formatInteger(result.leads.control, language)} ${t('results.control')}`}
      />
      <Figure
        id="cost"
        label={t('results.cost')}
        value={money(totals.cost)}
        detail={t('results.costDetail', {
          fixed: money(totals.fixedCost),
          variable: money(totals.variableCost),
        })}
      />
      <Figure id="revenue" label={t('results.revenue')} value={money(totals.revenue)} />
      <Figure
        id="roi"
        label={t('results.roi')}
        value={totals.roi === null ? t('results.roiNone') : pct(totals.roi)}
      />
      <Figure
        id="conversions"
        label={t('results.conversions')}
        value={formatInteger(totals.conversions, language)}
        detail={
          treatment.conversionRate === null
            ? undefined
            : t('results.conversionRate', { rate: pct(treatment.conversionRate) })
        }
      />
      <Figure
        id="cost-per-conversion"
        label={t('results.costPerConversion')}
        value={totals.costPerConversion === null ? '—' : money(totals.costPerConversion)}
      />
      <Figure
        id="uplift"
        label={t('results.uplift')}
        value={uplift.absolute === null ? t('results.upliftNone') : points(uplift.absolute)}
        detail={
          uplift.absolute === null || control.conversionRate === null
            ? undefined
            : t('results.upliftDetail', {
                rate: pct(control.conversionRate),
                extra: formatInteger(uplift.incrementalConversions ?? 0, language),
              })
        }
      />
      <Figure
        id="waiting"
        label={t('results.waiting')}
        value={formatInteger(totals.waitingAtHorizon, language)}
        detail={t('results.waitingDetail')}
      />
      {result.policies && (
        <Figure
          id="policies"
          label={t('results.policies')}
          value={formatInteger(
            result.policies.deferredQuietHours +
              result.policies.deferredPressure +
              result.policies.skippedPressure,
            language,
          )}
          detail={t('results.policiesDetail', {
            quiet: formatInteger(result.policies.deferredQuietHours, language),
            pressure: formatInteger(result.policies.deferredPressure, language),
            skipped: formatInteger(result.policies.skippedPressure, language),
          })}
        />
      )}
    </dl>
  );
}
