import './leads.css';
import type { LeadRow } from '@rumbo/flow';
import { STAGE_NAMES } from '@rumbo/flow';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../api/api-error.ts';
import { PageHeader } from '../app/page-header.tsx';
import { useLanguage } from '../i18n/use-language.ts';
import { useSegment } from '../segments/segments.api.ts';
import { useDebounced } from '../segments/use-debounced.ts';
import { useLeadPages } from './leads.api.ts';

const ROW_HEIGHT = 52;

/** `/leads`: every lead, searchable, a virtualised table that loads the next page near its end. */
export function LeadsPage() {
  const { t } = useTranslation('leads');
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const segmentId = search.get('segment');
  const debouncedQ = useDebounced(q, 250);
  const segment = useSegment(segmentId);
  const pages = useLeadPages(debouncedQ, segmentId);
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];

  const update = (key: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
    setSearch(next, { replace: true, flushSync: true });
  };

  return (
    <div className="page">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <div className="list-bar leads-bar">
        <label className="field field--search">
          <span className="visually-hidden">{t('search')}</span>
          <input
            type="search"
            value={q}
            placeholder={t('searchPlaceholder')}
            onChange={(e) => update('q', e.target.value)}
          />
        </label>
        {segmentId !== null ? (
          <p className="lead-filter">
            {t('inSegment', { name: segment.data?.name ?? '…' })}{' '}
            <button type="button" className="rule-link" onClick={() => update('segment', null)}>
              {t('clearSegment')}
            </button>
          </p>
        ) : null}
        <p className="list-count" aria-live="polite">
          {pages.isSuccess
            ? t(pages.hasNextPage ? 'shownMore' : 'shown', { count: rows.length })
            : ''}
        </p>
      </div>
      {pages.isError ? (
        <p className="rule-error" role="alert">
          {pages.error instanceof ApiError ? pages.error.message : t('error')}
        </p>
      ) : null}
      {pages.isPending ? <p role="status">{t('loading')}</p> : null}
      {pages.isSuccess && rows.length === 0 ? (
        <p className="empty-state__lead">{t('none')}</p>
      ) : null}
      {rows.length > 0 ? (
        <LeadTable
          rows={rows}
          hasMore={pages.hasNextPage}
          loadingMore={pages.isFetchingNextPage}
          onNearEnd={() => void pages.fetchNextPage()}
        />
      ) : null}
    </div>
  );
}

interface LeadTableProps {
  rows: readonly LeadRow[];
  hasMore: boolean;
  loadingMore: boolean;
  onNearEnd: () => void;
}

/** Only the visible rows are in the DOM; rows are placed absolutely inside a tall body. */
function LeadTable({ rows, hasMore, loadingMore, onNearEnd }: LeadTableProps) {
  const { t } = useTranslation('leads');
  const language = useLanguage();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= rows.length - 20) onNearEnd();
  }, [hasMore, loadingMore, lastIndex, rows.length, onNearEnd]);

  return (
    <div ref={scroller} className="table-card lead-table" data-testid="lead-scroller">
      <table className="lead-table__table" aria-rowcount={rows.length}>
        <caption className="visually-hidden">{t('caption')}</caption>
        <thead className="lead-table__head">
          <tr className="lead-table__grid">
            <th scope="col">{t('columns.name')}</th>
            <th scope="col">{t('columns.key')}</th>
            <th scope="col">{t('columns.phone')}</th>
            <th scope="col">{t('columns.place')}</th>
            <th scope="col">{t('columns.stage')}</th>
          </tr>
        </thead>
        <tbody className="lead-table__body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const lead = rows[item.index];
            if (!lead) return null;
            return (
              <tr
                key={lead.id}
                aria-rowindex={item.index + 2}
                className="lead-table__grid lead-table__row"
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                <td className="lead-table__name">
                  <Link to={`/leads/${lead.id}`} className="row-link">
                    {lead.name || lead.key}
                  </Link>
                  <span className="cell-note">{lead.email}</span>
                </td>
                <td>
                  <span className="code">{lead.key}</span>
                </td>
                <td>{lead.phone}</td>
                <td>{[lead.city, lead.country].filter(Boolean).join(', ')}</td>
                <td>{STAGE_NAMES[lead.stage][language]}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {loadingMore ? (
        <p className="lead-table__more" role="status">
          {t('loadingMore')}
        </p>
      ) : null}
    </div>
  );
}
