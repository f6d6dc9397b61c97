import type { FlowDocument, JourneyStep, LeadJourneyDetail } from '@rumbo/flow';
import { signalName } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n/language.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { type MonitorAction, useJourney } from './monitor.api.ts';
import { errorMessage } from './monitor-error.ts';
import { actionText, errorText, leftText, staleText } from './why-text.ts';

interface JourneyPanelProps {
  campaignId: string;
  enrollmentId: string;
  document: FlowDocument | null;
  onClose: () => void;
  onAction: (action: MonitorAction) => void;
  busy: boolean;
}

/** "¿Por qué está aquí?": each step with its times, what the node did and why the lead moved. */
export function JourneyPanel(props: JourneyPanelProps) {
  const { t } = useTranslation('monitor');
  const language = useLanguage();
  const journey = useJourney(props.campaignId, props.enrollmentId);
  const data = journey.data;
  return (
    <section className="monitor-journey" aria-labelledby="monitor-journey-title">
      <header className="monitor-journey__head">
        <h2 id="monitor-journey-title">{t('journey.title')}</h2>
        <button type="button" className="button button--secondary" onClick={props.onClose}>
          {t('journey.close')}
        </button>
      </header>
      {journey.isError ? <p role="alert">{errorMessage(journey.error, t('error'))}</p> : null}
      {data ? (
        <>
          <JourneyHeader data={data} onAction={props.onAction} busy={props.busy} />
          <ol className="monitor-timeline">
            {data.steps.map((step, index) => (
              <StepItem
                key={step.id}
                step={step}
                last={index === data.steps.length - 1}
                data={data}
                document={props.document}
                language={language}
              />
            ))}
          </ol>
          <h3 className="monitor-journey__sub">{t('journey.signals')}</h3>
          {data.signals.length === 0 ? (
            <p className="monitor-muted">{t('journey.noSignals')}</p>
          ) : null}
          <ul className="monitor-signals">
            {data.signals.map((s) => (
              <li key={`${s.name}-${s.receivedAt}-${s.occurredAt}`}>
                {t('journey.signalLine', {
                  signal: signalName(s.name, language),
                  time: stamp(s.occurredAt, language),
                })}{' '}
                {s.machine ? <span className="monitor-muted">{t('journey.machine')}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function JourneyHeader(props: {
  data: LeadJourneyDetail;
  onAction: (action: MonitorAction) => void;
  busy: boolean;
}) {
  const { t } = useTranslation('monitor');
  const { enrollment } = props.data;
  const live = enrollment.status === 'active' || enrollment.status === 'waiting';
  return (
    <div className="monitor-journey__lead">
      <p>
        <strong>{enrollment.name}</strong>{' '}
        <span className="monitor-muted">{enrollment.leadKey}</span>{' '}
        <span className="monitor-muted">
          · {t('journey.version', { version: enrollment.version })}
        </span>
      </p>
      <div className="monitor-journey__actions">
        {enrollment.status === 'failed' ? (
          <button
            type="button"
            className="button"
            disabled={props.busy}
            onClick={() =>
              props.onAction({ kind: 'retryLead', enrollmentId: enrollment.enrollmentId })
            }
          >
            {t('actions.retryLead')}
          </button>
        ) : null}
        {enrollment.held ? (
          <button
            type="button"
            className="button button--primary"
            disabled={props.busy}
            onClick={() => props.onAction({ kind: 'advance', leadKey: enrollment.leadKey })}
          >
            {t('actions.advance')}
          </button>
        ) : null}
        {live ? (
          <button
            type="button"
            className="button monitor-button--danger"
            disabled={props.busy}
            onClick={() => {
              if (window.confirm(t('actions.confirmRemove', { name: enrollment.name }))) {
                props.onAction({ kind: 'remove', leadKey: enrollment.leadKey });
              }
            }}
          >
            {t('actions.remove')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

const stamp = (iso: string, language: Language) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' }).format(
    Date.parse(iso),
  );

function StepItem(props: {
  step: JourneyStep;
  last: boolean;
  data: LeadJourneyDetail;
  document: FlowDocument | null;
  language: Language;
}) {
  const { t } = useTranslation('monitor');
  const { step, data, language } = props;
  const node = props.document?.nodes.find((n) => n.id === step.nodeId);
  const action = actionText(step, t, language);
  const stale = staleText(step, t);
  const left = leftText(step, props.document, t, language);
  const { enrollment } = data;
  const here = props.last && step.leftAt === null && step.nodeId === enrollment.nodeId;
  const ended = props.last && enrollment.endedAt !== null;
  return (
    <li className="monitor-timeline__step" data-step-node={step.nodeId}>
      <p className="monitor-timeline__entered">
        <time dateTime={step.enteredAt}>{stamp(step.enteredAt, language)}</time>{' '}
        {t('journey.entered', { node: node?.name ?? step.nodeId })}
      </p>
      {action ? (
        <p
          className={`monitor-timeline__action monitor-timeline__action--${step.eligibility ?? 'done'}`}
        >
          {step.actedAt ? (
            <time dateTime={step.actedAt}>{stamp(step.actedAt, language)}</time>
          ) : null}{' '}
          {action}
        </p>
      ) : null}
      {stale ? (
        <p className="monitor-timeline__action monitor-timeline__action--stale">{stale}</p>
      ) : null}
      {left && step.leftAt ? (
        <p className="monitor-timeline__left" data-testid="step-why">
          <time dateTime={step.leftAt}>{stamp(step.leftAt, language)}</time> {left}
        </p>
      ) : null}
      {ended ? (
        <p className="monitor-timeline__left" data-testid="step-why">
          {t('journey.ended', { outcome: t(`outcome.${enrollment.status}`) })}
          {enrollment.error
            ? ` — ${t('journey.failedWith', { error: errorText(enrollment.error, t) })}`
            : ''}
        </p>
      ) : null}
      {here ? <HereNow data={data} /> : null}
    </li>
  );
}

function HereNow({ data }: { data: LeadJourneyDetail }) {
  const { t } = useTranslation('monitor');
  const language = useLanguage();
  const { enrollment } = data;
  const signals = enrollment.waitingFor.map((s) => `«${signalName(s, language)}»`).join(', ');
  return (
    <div className="monitor-timeline__here">
      <strong>{t('journey.here')}</strong>
      {enrollment.held ? <p>{t('journey.held')}</p> : null}
      {signals ? <p>{t('journey.waitingFor', { signals })}</p> : null}
      {enrollment.dueAt ? (
        <p>{t('journey.dueAt', { time: stamp(enrollment.dueAt, language) })}</p>
      ) : null}
    </div>
  );
}
