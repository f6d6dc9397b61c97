import './calls.css';
import { type CallTaskFilter, DEFAULT_OUTCOMES } from '@rumbo/flow';
import { type KeyboardEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../api/api-error.ts';
import { PageHeader } from '../app/page-header.tsx';
import { formatDateTime } from '../format/format-time.ts';
import { useLanguage, useLocalised } from '../i18n/use-language.ts';
import { CallButtons, CallForm, type CallFormKind, type CallFormValue } from './call-actions.tsx';
import { CallCardDetails } from './call-card.tsx';
import { CallList } from './call-list.tsx';
import { CallReportPanel } from './call-report.tsx';
import { ADD_KEY, type CallCommand, commandForKey } from './call-shortcuts.ts';
import {
  type CallAction,
  useAddCallLead,
  useCallAction,
  useCallCampaigns,
  useCallTask,
  useCallTasks,
} from './calls.api.ts';
import { CallsToolbar } from './calls-toolbar.tsx';

/** Typing in a field must never trigger a shortcut. */
function isTyping(target: EventTarget): boolean {
  return target instanceof HTMLElement && target.closest('input, textarea, select, form') !== null;
}

/**
 * `/calls`: Proscai's campaign call screen (seed 002). A campaign picker and the open/closed
 * filter with totals; the list on the left, the customer card with the buttons on the right.
 * Everything works from the keyboard: the arrows move, the letter on a button presses it, and
 * after an action the next call is selected and focus goes back to the list.
 */
export function CallsPage() {
  const { t } = useTranslation('calls');
  const language = useLanguage();
  const localised = useLocalised();
  const [search, setSearch] = useSearchParams();
  const campaigns = useCallCampaigns();
  const param = search.get('campaign');
  const status: CallTaskFilter = search.get('status') === 'closed' ? 'closed' : 'open';
  const campaignId = param === 'all' ? null : (param ?? campaigns.data?.items[0]?.id ?? null);
  const list = useCallTasks(campaignId, status);
  const rows = list.data?.items ?? [];
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const current = rows.find((r) => r.id === selectedId) ?? rows[0] ?? null;
  const detail = useCallTask(current?.id ?? null);
  const outcomes = detail.data?.outcomes ?? DEFAULT_OUTCOMES;
  const [form, setForm] = useState<CallFormKind | null>(null);
  const [notice, setNotice] = useState('');
  const action = useCallAction();
  const add = useAddCallLead();
  const listRef = useRef<HTMLDivElement>(null);
  const cardRef = useRef<HTMLElement>(null);
  const canAct = current !== null && current.status === 'open' && !action.isPending;

  const update = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    next.set(key, value);
    setSearch(next, { replace: true, flushSync: true });
    setForm(null);
  };
  const select = (index: number) => {
    const row = rows[Math.min(Math.max(index, 0), rows.length - 1)];
    if (row) setSelectedId(row.id);
  };
  const backToList = () => {
    setForm(null);
    listRef.current?.focus();
  };
  const outcomeLabel = (id: string) => {
    const found = outcomes.find((o) => o.id === id) ?? DEFAULT_OUTCOMES.find((o) => o.id === id);
    return found ? localised(found.label) : id;
  };

  /** Runs an action on the current call; the call after it is selected next, as agents work down. */
  const perform = (callAction: CallAction) => {
    if (current === null) return;
    const index = rows.findIndex((r) => r.id === current.id);
    const neighbour = rows[index + 1] ?? rows[index - 1] ?? null;
    const name = current.leadName || current.leadKey;
    action.mutate(
      { id: current.id, action: callAction },
      {
        onSuccess: (row) => {
          if (callAction.kind !== 'event') setSelectedId(neighbour?.id ?? null);
          setNotice(
            callAction.kind === 'event'
              ? t('done.event', { name })
              : callAction.kind === 'snooze'
                ? t('done.snoozed', { name, when: formatDateTime(row.remindAt ?? '', language) })
                : t('done.outcome', { name, outcome: outcomeLabel(callAction.body.outcome) }),
          );
          backToList();
        },
      },
    );
  };

  const submitForm = (kind: CallFormKind, value: CallFormValue) => {
    const note = value.text.trim() === '' ? undefined : value.text.trim();
    switch (kind) {
      case 'date':
        return perform({
          kind: 'snooze',
          body: { until: new Date(value.when).toISOString(), ...(note ? { note } : {}) },
        });
      case 'event':
        return perform({ kind: 'event', body: { note: value.text } });
      case 'objective':
        return perform({
          kind: 'outcome',
          body: { outcome: 'objective_achieved', ...(note ? { comment: note } : {}) },
        });
      case 'add':
        if (campaignId === null) return;
        return add.mutate(
          { campaignId, leadKey: value.text.trim() },
          {
            onSuccess: (row) => {
              setSelectedId(row.id);
              setNotice(t('done.added', { name: row.leadName || row.leadKey }));
              backToList();
            },
          },
        );
    }
  };

  const run = (command: CallCommand) => {
    const index = current === null ? -1 : rows.findIndex((r) => r.id === current.id);
    switch (command.kind) {
      case 'move':
        return select(index + command.by);
      case 'first':
        return select(0);
      case 'last':
        return select(rows.length - 1);
      case 'open':
        return cardRef.current?.focus();
      case 'add':
        return campaignId === null ? setNotice(t('forms.addNeedsCampaign')) : setForm('add');
      case 'snooze':
        return canAct ? perform({ kind: 'snooze', body: { by: command.by } }) : undefined;
      case 'outcome':
        return canAct
          ? perform({ kind: 'outcome', body: { outcome: command.outcome } })
          : undefined;
      case 'date':
      case 'event':
      case 'objective':
        return canAct ? setForm(command.kind) : undefined;
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (isTyping(event.target)) return;
    if (
      event.key === 'Enter' &&
      event.target instanceof HTMLElement &&
      event.target.closest('button, a, select')
    )
      return;
    const command = commandForKey(event, outcomes);
    if (command === null) return;
    event.preventDefault();
    run(command);
  };

  const error = action.error;
  const errorText = error instanceof ApiError ? error.message : error ? t('error') : null;
  const totals = list.data?.totals;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: page-wide keyboard shortcuts for agents
    <div className="page calls-page" onKeyDown={onKeyDown}>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <button
            type="button"
            className="button button--secondary"
            aria-keyshortcuts={ADD_KEY}
            disabled={campaignId === null}
            onClick={() => setForm('add')}
          >
            {t('actions.add')} <kbd className="call-kbd">{ADD_KEY}</kbd>
          </button>
        }
      />
      <CallsToolbar
        campaigns={campaigns.data?.items ?? []}
        campaignId={campaignId}
        status={status}
        totals={totals}
        capacity={list.data?.capacity ?? null}
        shown={rows.length}
        onChange={update}
      />
      <p className="calls-notice" role="status" aria-live="polite">
        {notice}
      </p>
      {campaigns.isSuccess && campaigns.data.items.length === 0 ? (
        <p className="empty-state__lead">{t('noCampaigns')}</p>
      ) : null}
      {list.isError ? (
        <p className="rule-error" role="alert">
          {list.error instanceof ApiError ? list.error.message : t('error')}
        </p>
      ) : null}
      {form === 'add' ? (
        <CallForm
          kind="add"
          busy={add.isPending}
          error={add.error instanceof ApiError ? add.error.message : null}
          onSubmit={(value) => submitForm('add', value)}
          onCancel={backToList}
        />
      ) : null}
      <div className="calls-layout">
        <div className="calls-layout__list">
          {list.isPending ? <p role="status">{t('loading')}</p> : null}
          {list.isSuccess && rows.length === 0 ? (
            <p className="empty-state__lead">
              {t(status === 'open' ? 'emptyOpen' : 'emptyClosed')}
            </p>
          ) : null}
          {rows.length > 0 && list.data ? (
            <CallList
              rows={rows}
              selectedId={current?.id ?? null}
              now={list.data.now}
              listRef={listRef}
              status={status}
              onSelect={(id) => {
                setSelectedId(id);
                listRef.current?.focus();
              }}
              outcomeLabel={outcomeLabel}
            />
          ) : null}
        </div>
        <section
          ref={cardRef}
          className="call-card"
          tabIndex={-1}
          aria-label={t('card.label')}
          data-testid="call-card"
        >
          {current === null ? (
            <p className="cell-note">{t('card.selectHint')}</p>
          ) : (
            <>
              <header className="call-card__header">
                <h2>{current.leadName || current.leadKey}</h2>
                <p className="call-card__phone">{current.phone}</p>
                {current.attempts > 0 ? (
                  <p className="cell-note">{t('card.attempts', { count: current.attempts })}</p>
                ) : null}
                {current.status === 'closed' ? (
                  <p className="badge">
                    {t('card.closedWith', { outcome: outcomeLabel(current.outcome ?? '') })}
                  </p>
                ) : null}
              </header>
              {current.status === 'open' ? (
                <CallButtons outcomes={outcomes} disabled={!canAct} onCommand={run} />
              ) : null}
              {errorText !== null && form !== 'add' ? (
                <p className="rule-error" role="alert">
                  {errorText}
                </p>
              ) : null}
              {form !== null && form !== 'add' ? (
                <CallForm
                  key={`${form}-${current.id}`}
                  kind={form}
                  busy={action.isPending}
                  error={null}
                  onSubmit={(value) => submitForm(form, value)}
                  onCancel={backToList}
                />
              ) : null}
              {detail.data ? (
                <CallCardDetails detail={detail.data} />
              ) : (
                <p role="status">{t('card.loading')}</p>
              )}
            </>
          )}
        </section>
      </div>
      {campaignId !== null ? (
        <CallReportPanel campaignId={campaignId} outcomeLabel={outcomeLabel} />
      ) : null}
    </div>
  );
}
