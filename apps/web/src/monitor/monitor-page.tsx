import './monitor.css';
import { type NodeLeadState, NodeLeadState as NodeLeadStateSchema } from '@rumbo/flow';
import { type MouseEvent, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../app/page-header.tsx';
import { FlowView } from '../flow-view/flow-view.tsx';
import { formatCount } from '../format/format-time.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { JourneyPanel } from './journey-panel.tsx';
import {
  type MonitorAction,
  useLiveCounts,
  useMonitorAction,
  useMonitorAlerts,
  useMonitorOverview,
  useRefreshOnMove,
  useRunAction,
} from './monitor.api.ts';
import { MonitorAlertsBanner } from './monitor-alerts.tsx';
import { errorMessage } from './monitor-error.ts';
import { overlayFromCounts } from './monitor-overlay.ts';
import { NodePanel } from './node-panel.tsx';
import { RunBar } from './run-bar.tsx';
import { useOutcomeText, useRunErrorText } from './run-text.ts';

/** What the operator is looking at lives in the address: version, node, list, search, lead. */
function useMonitorSearch() {
  const [search, setSearch] = useSearchParams();
  const version = Number(search.get('v'));
  const state = NodeLeadStateSchema.safeParse(search.get('state'));
  const update = useCallback(
    (changes: Record<string, string | null>) => {
      setSearch(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true, flushSync: true },
      );
    },
    [setSearch],
  );
  return {
    version: Number.isInteger(version) && version > 0 ? version : null,
    nodeId: search.get('node'),
    state: state.success ? state.data : ('live' satisfies NodeLeadState),
    q: search.get('q') ?? '',
    lead: search.get('lead'),
    update,
  };
}

/**
 * `/campaigns/:campaignId/monitor`: the running campaign's canvas with live counts (server-sent
 * events), a node's leads, a lead's journey with "¿Por qué está aquí?", and the operator's
 * actions (the run bar: launch, pause/resume, stop, fast-forward in test mode; retry, take a
 * lead out).
 */
export function MonitorPage() {
  const { campaignId = '' } = useParams();
  const { t } = useTranslation('monitor');
  const language = useLanguage();
  const view = useMonitorSearch();
  const overview = useMonitorOverview(campaignId, view.version);
  const live = useLiveCounts(campaignId);
  useRefreshOnMove(campaignId, live.counts);
  const alerts = useMonitorAlerts(campaignId);
  const action = useMonitorAction(campaignId);
  const data = overview.data;
  const shown = data?.version ?? null;
  const counts = live.counts?.versions.find((v) => v.version === shown);
  const status = live.counts?.status ?? data?.status ?? 'draft';
  const format = useCallback((n: number) => formatCount(n, language), [language]);
  const overlay = useMemo(
    () =>
      overlayFromCounts(counts, alerts.data?.calls ?? [], {
        count: (word, n) => t(`overlay.${word}`, { count: n, n: format(n) }),
        enteredShort: (n) => t('enteredShort', { count: n }),
      }),
    [counts, alerts.data, t, format],
  );
  const run = (a: MonitorAction) => action.mutate(a);
  const runAction = useRunAction(campaignId);
  const outcomeText = useOutcomeText();
  const runErrorText = useRunErrorText();
  const openNode = (nodeId: string) => view.update({ node: nodeId, lead: null, q: null });
  // The canvas nodes carry their id; one listener on the wrapper opens the clicked one.
  const onCanvasClick = (event: MouseEvent<HTMLDivElement>) => {
    if (!(event.target instanceof Element)) return;
    const nodeId = event.target.closest('[data-node-id]')?.getAttribute('data-node-id');
    if (nodeId) openNode(nodeId);
  };
  const totals = (counts?.nodes ?? []).reduce(
    (sum, n) => ({ waiting: sum.waiting + n.waiting, ended: sum.ended + n.ended }),
    { waiting: 0, ended: 0 },
  );

  return (
    <div className="page monitor-page">
      <PageHeader
        title={t('title')}
        subtitle={data ? t('subtitle', { code: data.code, name: data.name }) : ''}
        actions={
          <>
            <span className={`monitor-stream monitor-stream--${live.state}`} role="status">
              {t(`stream.${live.state}`)}
            </span>
            <Link className="button button--secondary" to={`/campaigns/${campaignId}`}>
              {t('back')}
            </Link>
          </>
        }
      />
      {overview.isPending ? <p>{t('loading')}</p> : null}
      {overview.isError ? <p role="alert">{errorMessage(overview.error, t('error'))}</p> : null}
      {action.isError ? (
        <p role="alert" className="monitor-error">
          {t('actions.failed', { message: errorMessage(action.error, t('error')) })}
        </p>
      ) : null}
      {data ? (
        <>
          <RunBar
            status={status}
            mode={data.mode}
            publishedVersion={data.publishedVersion}
            busy={runAction.isPending}
            notice={runAction.data ? outcomeText(runAction.data, format) : null}
            error={runAction.isError ? runErrorText(runAction.error) : null}
            onAction={(a) => runAction.mutate(a)}
          >
            {data.versions.length > 1 ? (
              <label className="monitor-bar__version">
                {t('version')}{' '}
                <select
                  value={shown ?? ''}
                  onChange={(event) =>
                    view.update({ v: event.target.value, node: null, lead: null })
                  }
                >
                  {data.versions.map((v) => (
                    <option key={v.version} value={v.version}>
                      {t('versionOption', { version: v.version, count: v.enrolled })}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <span className="monitor-bar__totals" data-testid="monitor-totals">
              {t('totals', {
                enrolled: format(totals.waiting + totals.ended),
                waiting: format(totals.waiting),
                ended: format(totals.ended),
              })}
            </span>
          </RunBar>
          {alerts.data ? (
            <MonitorAlertsBanner alerts={alerts.data} document={data.document} />
          ) : null}
          {data.document === null ? (
            <p className="monitor-muted">
              {t('run.notPublished')}{' '}
              <Link to={`/campaigns/${campaignId}/review`}>{t('run.toReview')}</Link>
            </p>
          ) : (
            <div className="monitor-body">
              {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: the step picker beside the canvas is the keyboard path to the same action */}
              <div className="monitor-canvas" onClick={onCanvasClick}>
                <FlowView
                  document={data.document}
                  overlay={overlay}
                  primaryLabel={t('primaryLabel')}
                  format={format}
                  label={t('canvasLabel')}
                />
              </div>
              <aside className="monitor-side">
                <div className="monitor-side__pick">
                  <label htmlFor="monitor-node-pick">{t('nodes.pick')}</label>
                  <select
                    id="monitor-node-pick"
                    value={view.nodeId ?? ''}
                    onChange={(event) => openNode(event.target.value)}
                  >
                    <option value="" disabled>
                      {t('nodes.placeholder')}
                    </option>
                    {data.document.nodes.map((n) => (
                      <option key={n.id} value={n.id}>
                        {n.name}
                      </option>
                    ))}
                  </select>
                </div>
                {view.nodeId === null ? (
                  <p className="monitor-muted">{t('nodes.pickHint')}</p>
                ) : null}
                {view.nodeId !== null && view.lead === null ? (
                  <NodePanel
                    campaignId={campaignId}
                    manual={data.mode === 'manual'}
                    document={data.document}
                    nodeId={view.nodeId}
                    version={shown}
                    stats={counts?.nodes.find((n) => n.nodeId === view.nodeId)}
                    state={view.state}
                    q={view.q}
                    selectedLead={view.lead}
                    onFilter={(state, q) => view.update({ state, q })}
                    onOpenLead={(id) => view.update({ lead: id })}
                    onAction={run}
                    busy={action.isPending}
                  />
                ) : null}
                {view.lead !== null ? (
                  <JourneyPanel
                    campaignId={campaignId}
                    enrollmentId={view.lead}
                    document={data.document}
                    onClose={() => view.update({ lead: null })}
                    onAction={run}
                    busy={action.isPending}
                  />
                ) : null}
              </aside>
            </div>
          )}
        </>
      ) : null}
    </div>
  );
}
