import type { CallTaskRow } from '@rumbo/flow';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type RefObject, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/use-language.ts';

const ROW_HEIGHT = 56;

/** Short enough for the column: "22 nov, 11:42". */
function formatRemind(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(Date.parse(iso));
}

interface CallListProps {
  rows: readonly CallTaskRow[];
  selectedId: string | null;
  /** PostgreSQL's clock when the list was read: reminders before it are due. */
  now: string;
  listRef: RefObject<HTMLDivElement | null>;
  /** The closed list shows the outcome where the open one shows the remind time. */
  status: 'open' | 'closed';
  onSelect: (id: string) => void;
  /** Labels of outcomes, for the closed list. */
  outcomeLabel: (id: string) => string;
}

/**
 * The call list as one focusable listbox: the selected call is its active descendant, so the
 * arrows move without moving DOM focus, and only the visible rows are rendered.
 */
export function CallList({
  rows,
  selectedId,
  now,
  listRef,
  status,
  onSelect,
  outcomeLabel,
}: CallListProps) {
  const { t } = useTranslation('calls');
  const language = useLanguage();
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const selectedIndex = rows.findIndex((r) => r.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);
  const nowMs = Date.parse(now);

  return (
    <div
      ref={listRef}
      className="call-list"
      role="listbox"
      tabIndex={0}
      aria-label={t('listLabel')}
      aria-activedescendant={selectedId === null ? undefined : `call-${selectedId}`}
    >
      <div className="call-list__head call-list__grid" aria-hidden="true">
        <span>{t(status === 'open' ? 'columns.remind' : 'columns.outcome')}</span>
        <span>{t('columns.priority')}</span>
        <span>{t('columns.order')}</span>
        <span>{t('columns.name')}</span>
        <span>{t('columns.phone')}</span>
        <span>{t('columns.email')}</span>
      </div>
      <div className="call-list__body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const selected = row.id === selectedId;
          const due = row.remindAt !== null && Date.parse(row.remindAt) <= nowMs;
          return (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keys for every option
            <div
              key={row.id}
              id={`call-${row.id}`}
              role="option"
              tabIndex={-1}
              aria-selected={selected}
              data-lead-key={row.leadKey}
              className={`call-list__grid call-list__row${selected ? ' is-selected' : ''}`}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              onClick={() => onSelect(row.id)}
            >
              <span className={`call-remind${due ? ' call-remind--due' : ''}`}>
                {row.status === 'closed'
                  ? outcomeLabel(row.outcome ?? '')
                  : row.queuedUntil !== null
                    ? formatRemind(row.queuedUntil, language)
                    : row.remindAt === null
                      ? t('now')
                      : formatRemind(row.remindAt, language)}
                {due ? <span className="call-remind__tag">{t('overdue')}</span> : null}
                {row.queuedUntil !== null ? (
                  <span className="call-remind__tag call-remind__tag--queued">{t('queued')}</span>
                ) : null}
              </span>
              <span className={`call-priority call-priority--${row.priority}`}>
                {t(`priority.${row.priority}`)}
              </span>
              <span className="call-order">{row.contactOrder}</span>
              <span className="call-name">
                <strong>{row.leadName || row.leadKey}</strong>
                <span className="cell-note">
                  {row.leadKey} · {row.campaignCode}
                </span>
              </span>
              <span className="call-phone">{row.phone}</span>
              <span className={row.email ? 'call-email' : 'call-email call-email--none'}>
                {row.email ?? t('noEmail')}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
