import {
  type FlowDocument,
  NODE_LEAD_STATES,
  type NodeLeadRow,
  type NodeLeadState,
  type NodeRunStats,
  signalName,
} from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { formatRelativeTime } from '../format/format-time.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { type MonitorAction, useNodeLeads } from './monitor.api.ts';
import { errorMessage } from './monitor-error.ts';
import { errorDetail, errorText } from './why-text.ts';

interface NodePanelProps {
  campaignId: string;
  /** Manual mode offers "Avanzar" for the leads parked here. */
  manual: boolean;
  document: FlowDocument;
  nodeId: string;
  version: number | null;
  stats: NodeRunStats | undefined;
  state: NodeLeadState;
  q: string;
  selectedLead: string | null;
  onFilter: (state: NodeLeadState, q: string) => void;
  onOpenLead: (enrollmentId: string) => void;
  onAction: (action: MonitorAction) => void;
  busy: boolean;
}

/** A node's leads: waiting there now, ended there, or failed there; searchable, by pages. */
export function NodePanel(props: NodePanelProps) {
  const { t } = useTranslation('monitor');
  const node = props.document.nodes.find((n) => n.id === props.nodeId);
  const leads = useNodeLeads(props.campaignId, props.nodeId, {
    state: props.state,
    q: props.q,
    version: props.version,
  });
  const rows = leads.data?.pages.flatMap((page) => page.items) ?? [];
  const failed = props.stats?.failed ?? 0;
  // `failed` counts every failure at the node; retry takes those still failed (not retried yet).
  const stillFailed = props.state === 'failed' ? rows.length : failed;
  return (
    <section className="monitor-leads" aria-labelledby="monitor-leads-title">
      <h2 id="monitor-leads-title">{t('leads.title', { node: node?.name ?? props.nodeId })}</h2>
      <div
        className="monitor-leads__tabs"
        role="radiogroup"
        aria-label={t('leads.title', { node: node?.name ?? '' })}
      >
        {NODE_LEAD_STATES.map((state) => (
          <label key={state} className={state === props.state ? 'is-active' : undefined}>
            <input
              type="radio"
              name="monitor-lead-state"
              value={state}
              checked={state === props.state}
              onChange={() => props.onFilter(state, props.q)}
            />
            {t(`leads.state.${state}`)}
          </label>
        ))}
      </div>
      <input
        type="search"
        className="monitor-leads__search"
        aria-label={t('leads.search')}
        placeholder={t('leads.search')}
        value={props.q}
        onChange={(event) => props.onFilter(props.state, event.target.value)}
      />
      {props.state === 'failed' && stillFailed > 0 ? (
        <button
          type="button"
          className="button button--primary"
          disabled={props.busy}
          onClick={() => props.onAction({ kind: 'retryNode', nodeId: props.nodeId })}
        >
          {t('actions.retryNode', { count: stillFailed })}
        </button>
      ) : null}
      {props.manual && props.state === 'live' && rows.some((row) => row.held) ? (
        <button
          type="button"
          className="button button--primary"
          disabled={props.busy}
          onClick={() => props.onAction({ kind: 'advance', nodeId: props.nodeId })}
        >
          {t('actions.advanceNode')}
        </button>
      ) : null}
      {leads.isError ? <p role="alert">{errorMessage(leads.error, t('error'))}</p> : null}
      {leads.data && rows.length === 0 ? <p className="monitor-muted">{t('leads.empty')}</p> : null}
      <ul className="monitor-leads__list">
        {rows.map((row) => (
          <LeadItem
            key={row.enrollmentId}
            row={row}
            selected={row.enrollmentId === props.selectedLead}
            onOpen={() => props.onOpenLead(row.enrollmentId)}
          />
        ))}
      </ul>
      {leads.hasNextPage ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={leads.isFetchingNextPage}
          onClick={() => void leads.fetchNextPage()}
        >
          {t('leads.more')}
        </button>
      ) : null}
    </section>
  );
}

function LeadItem(props: { row: NodeLeadRow; selected: boolean; onOpen: () => void }) {
  const { t } = useTranslation('monitor');
  const language = useLanguage();
  const { row } = props;
  const now = Date.now();
  const signals = row.waitingFor.map((s) => `«${signalName(s, language)}»`).join(', ');
  let next = '';
  if (row.status === 'waiting' || row.status === 'active') {
    const parts = [];
    if (signals) parts.push(t('leads.waitsFor', { signals }));
    if (row.dueAt)
      parts.push(t('leads.dueAt', { time: formatRelativeTime(row.dueAt, now, language) }));
    next = parts.length > 0 ? parts.join(' · ') : t('leads.onlySignal');
    if (row.held) next = t('leads.held');
  }
  return (
    <li
      className={props.selected ? 'monitor-lead is-selected' : 'monitor-lead'}
      data-lead-key={row.leadKey}
    >
      <button
        type="button"
        className="monitor-lead__open"
        aria-pressed={props.selected}
        aria-label={t('leads.open', { name: row.name })}
        onClick={props.onOpen}
      >
        <span className="monitor-lead__name">{row.name}</span>
        <span className="monitor-lead__key">{row.leadKey}</span>
      </button>
      <span className="monitor-lead__meta">
        {formatRelativeTime(row.endedAt ?? row.enteredNodeAt, now, language)}
        {next ? ` · ${next}` : ''}
        {row.error ? ` · ${t('leads.error', { error: errorText(row.error, t) })}` : ''}
      </span>
      {row.error && errorDetail(row.error) ? (
        <details className="monitor-lead__detail">
          <summary>{t('leads.errorDetail')}</summary>
          <code>{errorDetail(row.error)}</code>
        </details>
      ) : null}
    </li>
  );
}
