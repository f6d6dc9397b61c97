import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format/format-time.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { describeEvent } from './call-card.tsx';
import { useCallReport } from './calls.api.ts';

/** Proscai's events report by project: every call event of the campaign, newest first. */
export function CallReportPanel({
  campaignId,
  outcomeLabel,
}: {
  campaignId: string;
  outcomeLabel: (id: string) => string;
}) {
  const { t } = useTranslation('calls');
  const language = useLanguage();
  const [open, setOpen] = useState(false);
  const report = useCallReport(open ? campaignId : null);
  return (
    <section className="call-report" aria-labelledby="call-report-title">
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? t('report.hide') : t('report.show')}
      </button>
      {open && report.data ? (
        <>
          <h2 id="call-report-title">{t('report.title', { code: report.data.campaign.code })}</h2>
          <ul className="call-report__counts">
            {report.data.counts.map((c) => (
              <li key={`${c.name}-${c.outcome ?? ''}`}>
                {t(`report.names.${c.name}`, { defaultValue: c.name })}
                {c.outcome === null ? '' : ` · ${outcomeLabel(c.outcome)}`}:{' '}
                <strong>{c.count}</strong>
              </li>
            ))}
          </ul>
          {report.data.events.length === 0 ? (
            <p className="cell-note">{t('report.empty')}</p>
          ) : (
            <div className="table-card">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('report.when')}</th>
                    <th scope="col">{t('report.client')}</th>
                    <th scope="col">{t('report.kind')}</th>
                    <th scope="col">{t('report.detail')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.data.events.map((e) => (
                    <tr key={e.id}>
                      <td>{formatDateTime(e.occurredAt, language)}</td>
                      <td>
                        {e.leadName} <span className="code">{e.leadKey}</span>
                      </td>
                      <td>{t(`report.names.${e.name}`, { defaultValue: e.name })}</td>
                      <td>{describeEvent(e, null, language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : (
        <h2 id="call-report-title" className="visually-hidden">
          {t('report.show')}
        </h2>
      )}
    </section>
  );
}
