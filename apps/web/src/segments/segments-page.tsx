import './segments.css';
import type { SegmentSummary } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/api-error.ts';
import { PageHeader } from '../app/page-header.tsx';
import { formatCount, formatDateTime, formatRelativeTime } from '../format/format-time.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { useSegments } from './segments.api.ts';

/** `/segments`: every saved audience with how many leads it selects right now. */
export function SegmentsPage() {
  const { t } = useTranslation('segments');
  const segments = useSegments();
  return (
    <div className="page">
      <PageHeader
        title={t('list.title')}
        subtitle={t('list.subtitle')}
        actions={
          <>
            <Link className="button button--secondary" to="/segments/new-list">
              {t('list.importList')}
            </Link>
            <Link className="button button--primary" to="/segments/new">
              <span aria-hidden="true">+</span> {t('list.new')}
            </Link>
          </>
        }
      />
      {segments.isPending ? <p role="status">{t('list.loading')}</p> : null}
      {segments.isError ? (
        <section className="empty-state empty-state--error" role="alert">
          <p className="empty-state__lead">
            {segments.error instanceof ApiError ? segments.error.message : t('errors.load')}
          </p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => void segments.refetch()}
          >
            {t('list.retry')}
          </button>
        </section>
      ) : null}
      {segments.isSuccess && segments.data.items.length === 0 ? <EmptySegments /> : null}
      {segments.isSuccess && segments.data.items.length > 0 ? (
        <SegmentTable segments={segments.data.items} />
      ) : null}
    </div>
  );
}

function EmptySegments() {
  const { t } = useTranslation('segments');
  return (
    <section className="empty-state" aria-labelledby="segments-empty">
      <h2 id="segments-empty" className="empty-state__title">
        {t('list.empty.title')}
      </h2>
      <p className="empty-state__lead">{t('list.empty.body')}</p>
      <div className="empty-state__actions">
        <Link className="button button--primary" to="/segments/new">
          {t('list.new')}
        </Link>
        <Link className="button button--secondary" to="/segments/new-list">
          {t('list.importList')}
        </Link>
      </div>
    </section>
  );
}

function SegmentTable({ segments }: { segments: readonly SegmentSummary[] }) {
  const { t } = useTranslation('segments');
  const language = useLanguage();
  const now = Date.now();
  return (
    <div className="table-card">
      <table className="data-table segment-table">
        <caption className="visually-hidden">{t('list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.columns.name')}</th>
            <th scope="col">{t('list.columns.kind')}</th>
            <th scope="col" className="numeric">
              {t('list.columns.count')}
            </th>
            <th scope="col">{t('list.columns.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {segments.map((segment) => (
            <tr key={segment.id} className="campaign-row">
              <td className="campaign-row__name">
                <Link to={`/segments/${segment.id}`} className="row-link">
                  {segment.name}
                </Link>
                {segment.description ? (
                  <span className="campaign-row__description">{segment.description}</span>
                ) : null}
              </td>
              <td>
                <span className={`badge badge--${segment.kind === 'filter' ? 'active' : 'draft'}`}>
                  {t(`kinds.${segment.kind}`)}
                </span>
              </td>
              <td className="numeric">{formatCount(segment.count, language)}</td>
              <td>
                <time
                  dateTime={segment.updatedAt}
                  title={formatDateTime(segment.updatedAt, language)}
                >
                  {formatRelativeTime(segment.updatedAt, now, language)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
