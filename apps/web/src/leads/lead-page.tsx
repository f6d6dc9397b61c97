import './leads.css';
import { type JsonValue, STAGE_NAMES, signalName } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/api-error.ts';
import { PageHeader } from '../app/page-header.tsx';
import { formatDateTime } from '../format/format-time.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { attributeLabel } from '../segments/builder/attribute-words.ts';
import { useLead } from './leads.api.ts';

const CHANNELS = ['email', 'sms', 'call'] as const;

function show(value: JsonValue): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** `/leads/:leadId`: who this lead is, what it agreed to, where it belongs and what it did. */
export function LeadPage() {
  const { t } = useTranslation('leads');
  const language = useLanguage();
  const { leadId = '' } = useParams();
  const lead = useLead(leadId);
  if (lead.isPending) return <p role="status">{t('loading')}</p>;
  if (lead.isError) {
    return (
      <div className="page">
        <p className="rule-error" role="alert">
          {lead.error instanceof ApiError ? lead.error.message : t('error')}
        </p>
        <Link to="/leads">{t('back')}</Link>
      </div>
    );
  }
  const data = lead.data;
  return (
    <div className="page lead-page">
      <PageHeader
        title={data.name || data.key}
        subtitle={`${data.key} · ${STAGE_NAMES[data.stage][language]}`}
        actions={
          <Link className="button button--secondary" to="/leads">
            {t('back')}
          </Link>
        }
      />
      <div className="lead-cards">
        <section className="lead-card">
          <h2>{t('detail.contact')}</h2>
          <dl>
            <dt>{t('detail.email')}</dt>
            <dd>{data.email ?? '—'}</dd>
            <dt>{t('detail.phone')}</dt>
            <dd>{data.phone ?? '—'}</dd>
            <dt>{t('detail.locale')}</dt>
            <dd>{data.locale}</dd>
            <dt>{t('detail.timeZone')}</dt>
            <dd>{data.timeZone}</dd>
            <dt>{t('detail.stage')}</dt>
            <dd>{STAGE_NAMES[data.stage][language]}</dd>
          </dl>
        </section>
        <section className="lead-card">
          <h2>{t('detail.consent')}</h2>
          <ul className="consent-list">
            {CHANNELS.map((channel) => (
              <li key={channel} className={data.consent[channel] ? 'consent--yes' : 'consent--no'}>
                <span aria-hidden="true">{data.consent[channel] ? '✓' : '✗'}</span>{' '}
                {t(`detail.channels.${channel}`)}:{' '}
                {data.consent[channel] ? t('detail.granted') : t('detail.notGranted')}
              </li>
            ))}
          </ul>
          <h2>{t('detail.tags')}</h2>
          <p>
            {data.tags.length > 0
              ? data.tags.map((tag) => (
                  <span key={tag} className="badge">
                    {tag}
                  </span>
                ))
              : t('detail.none')}
          </p>
          <h2>{t('detail.lists')}</h2>
          <p>
            {data.lists.length > 0
              ? data.lists.map((list) => (
                  <Link key={list.id} to={`/segments/${list.id}`} className="badge">
                    {list.name}
                  </Link>
                ))
              : t('detail.none')}
          </p>
        </section>
        <section className="lead-card">
          <h2>{t('detail.attributes')}</h2>
          <dl>
            {Object.entries(data.attributes).map(([key, value]) => (
              <div key={key} className="lead-card__pair">
                <dt>{attributeLabel(key, language)}</dt>
                <dd>{show(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
      <section className="lead-card lead-timeline">
        <h2>{t('detail.events')}</h2>
        {data.events.length === 0 ? <p>{t('detail.noEvents')}</p> : null}
        <ol>
          {data.events.map((event) => (
            <li key={event.id}>
              <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt, language)}</time>
              <strong>{signalName(event.name, language)}</strong>
              <span className="cell-note">
                {Object.entries(event.properties)
                  .map(([key, value]) => `${attributeLabel(key, language)}: ${show(value)}`)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
