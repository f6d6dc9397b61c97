import './outbox.css';
import {
  OUTBOX_CHANNELS,
  OUTBOX_STATUSES,
  OutboxChannel,
  type OutboxMessageRow,
  OutboxStatus,
} from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCampaign } from '../api/campaigns.queries.ts';
import { PageHeader } from '../app/page-header.tsx';
import { useLanguage } from '../i18n/use-language.ts';
import { type OutboxFilters, useOutbox } from './outbox.api.ts';
import { OutboxMessagePanel } from './outbox-message.tsx';
import { OutboxStats } from './outbox-stats.tsx';

/** Filters and the open message live in the address, so a tester can share what they see. */
function filtersOf(search: URLSearchParams): OutboxFilters {
  const channel = OutboxChannel.safeParse(search.get('channel'));
  const status = OutboxStatus.safeParse(search.get('status'));
  return {
    channel: channel.success ? channel.data : null,
    status: status.success ? status.data : null,
  };
}

/**
 * `/campaigns/:campaignId/outbox`: every message the campaign wrote (sent, or held in test
 * mode), filterable by channel and status; a message opens on the right with its rendered
 * content and, in test mode, buttons that fire the responses it could cause.
 */
export function OutboxPage() {
  const { campaignId = '' } = useParams();
  const { t } = useTranslation('outbox');
  const language = useLanguage();
  const [search, setSearch] = useSearchParams();
  const filters = filtersOf(search);
  const selected = search.get('message');
  const campaign = useCampaign(campaignId);
  const outbox = useOutbox(campaignId, filters);
  const name = outbox.data?.campaign.name ?? campaign.data?.name ?? '';
  // A list of many rows wants a short stamp; the day matters less than the minute.
  const shortTime = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });

  const update = (key: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
    setSearch(next, { replace: true, flushSync: true });
  };

  return (
    <div className="page outbox-page">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle', { name })}
        actions={
          <Link className="button" to={`/campaigns/${campaignId}`}>
            {t('back')}
          </Link>
        }
      />
      <fieldset className="outbox-filters">
        <legend className="visually-hidden">{t('filters')}</legend>
        <label>
          {t('channel')}{' '}
          <select
            value={filters.channel ?? ''}
            onChange={(event) => update('channel', event.target.value)}
          >
            <option value="">{t('all')}</option>
            {OUTBOX_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {t(`channels.${channel}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('status')}{' '}
          <select
            value={filters.status ?? ''}
            onChange={(event) => update('status', event.target.value)}
          >
            <option value="">{t('all')}</option>
            {OUTBOX_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`statuses.${status}`)}
              </option>
            ))}
          </select>
        </label>
        {outbox.data ? (
          <p className="outbox-filters__total">{t('total', { count: outbox.data.total })}</p>
        ) : null}
      </fieldset>
      <OutboxStats campaignId={campaignId} document={campaign.data?.draft ?? null} />
      <div className="outbox-body">
        <section className="outbox-list" aria-label={t('listLabel')}>
          {outbox.isPending ? <p>{t('loading')}</p> : null}
          {outbox.isError ? <p role="alert">{t('error')}</p> : null}
          {outbox.data?.items.length === 0 ? <p>{t('empty')}</p> : null}
          {outbox.data && outbox.data.items.length > 0 ? (
            <table className="outbox-table">
              <thead>
                <tr>
                  <th scope="col">{t('columns.channel')}</th>
                  <th scope="col">{t('columns.lead')}</th>
                  <th scope="col">{t('columns.message')}</th>
                  <th scope="col">{t('columns.status')}</th>
                  <th scope="col">{t('columns.step')}</th>
                  <th scope="col">{t('columns.time')}</th>
                </tr>
              </thead>
              <tbody>
                {outbox.data.items.map((row) => (
                  <MessageRow
                    key={row.id}
                    row={row}
                    selected={row.id === selected}
                    nodeName={
                      campaign.data?.draft.nodes.find((node) => node.id === row.nodeId)?.name ??
                      row.nodeId ??
                      ''
                    }
                    time={shortTime.format(Date.parse(row.createdAt))}
                    onOpen={() => update('message', row.id)}
                  />
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
        <aside className="outbox-side" aria-label={t('detail.title')}>
          <OutboxMessagePanel campaignId={campaignId} messageId={selected} />
        </aside>
      </div>
    </div>
  );
}

function MessageRow(props: {
  row: OutboxMessageRow;
  selected: boolean;
  nodeName: string;
  time: string;
  onOpen: () => void;
}) {
  const { t } = useTranslation('outbox');
  const { row } = props;
  return (
    <tr className={props.selected ? 'outbox-row outbox-row--selected' : 'outbox-row'}>
      <td>{t(`channels.${row.channel}`)}</td>
      <td>
        <span className="outbox-row__lead">{row.leadName ?? row.leadKey}</span>
        <span className="outbox-row__recipient">{row.recipient}</span>
      </td>
      <td>
        <button
          type="button"
          className="outbox-row__open"
          aria-pressed={props.selected}
          onClick={props.onOpen}
        >
          <span className="outbox-row__subject">{row.subject ?? t('detail.noSubject')}</span>
          <span className="outbox-row__preview">{row.preview}</span>
        </button>
      </td>
      <td>
        <span className={`outbox-status outbox-status--${row.status}`}>
          {t(`statuses.${row.status}`)}
        </span>
      </td>
      <td>{props.nodeName}</td>
      <td>
        <time dateTime={row.createdAt}>{props.time}</time>
      </td>
    </tr>
  );
}
