import type { LeadSample, Stage } from '@rumbo/flow';
import { STAGE_NAMES } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/api-error.ts';
import { formatCount } from '../format/format-time.ts';
import { useLanguage } from '../i18n/use-language.ts';

interface LivePanelProps {
  count: number | null;
  sample: readonly LeadSample[];
  loading: boolean;
  error: unknown;
  /** The rule has errors: say so instead of a stale number. */
  blocked: boolean;
}

/** "1.234 leads cumplen la regla" and the first 20 of them, refreshed while the rule is edited. */
export function SegmentLivePanel({ count, sample, loading, error, blocked }: LivePanelProps) {
  const { t } = useTranslation('segments');
  const language = useLanguage();
  return (
    <section className="live-panel" aria-labelledby="live-title" aria-busy={loading}>
      <h2 id="live-title" className="live-panel__title">
        {t('live.title')}
      </h2>
      <p className="live-panel__count" aria-live="polite" data-testid="segment-count">
        {blocked ? (
          <span className="live-panel__blocked">{t('live.blocked')}</span>
        ) : count === null ? (
          <span>{t('live.loading')}</span>
        ) : (
          <>
            <strong>{formatCount(count, language)}</strong> {t('live.leads', { count })}
            {loading ? <span className="live-panel__spinner">{t('live.updating')}</span> : null}
          </>
        )}
      </p>
      {error instanceof ApiError && !blocked ? (
        <p className="rule-error" role="alert">
          {error.message}
        </p>
      ) : null}
      {sample.length > 0 && !blocked ? <SampleTable sample={sample} count={count ?? 0} /> : null}
    </section>
  );
}

function SampleTable({ sample, count }: { sample: readonly LeadSample[]; count: number }) {
  const { t } = useTranslation('segments');
  const language = useLanguage();
  return (
    <div className="table-card">
      <table className="data-table sample-table">
        <caption className="sample-table__caption">
          {t('live.sampleCaption', { shown: sample.length, count: formatCount(count, language) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('live.columns.name')}</th>
            <th scope="col">{t('live.columns.place')}</th>
          </tr>
        </thead>
        <tbody>
          {sample.map((lead) => (
            <tr key={lead.id}>
              <td>
                <Link to={`/leads/${lead.id}`}>{lead.name || lead.key}</Link>
                <span className="cell-note">
                  <span className="code">{lead.key}</span> {lead.email}
                </span>
              </td>
              <td>
                {[lead.city, lead.country].filter(Boolean).join(', ')}
                <span className="cell-note">{stageName(lead.stage, language)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const stageName = (stage: Stage, language: 'es' | 'en') => STAGE_NAMES[stage][language];
