import {
  createStepper,
  type FlowDocument,
  type LeadSnapshot,
  moveReasonText,
  type SimStep,
  type StepperState,
  signalName,
} from '@rumbo/flow';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language.ts';
import { formatInstant, formatMoney } from '../format/numbers.ts';
import type { SimulationJob } from '../worker/worker-protocol.ts';

function firstTreatedLead(
  flow: FlowDocument,
  leads: readonly LeadSnapshot[],
  job: LeadStepperProps['job'],
): string {
  const treated = leads.find(
    (lead) =>
      createStepper({
        flow,
        lead,
        assumptions: job.assumptions,
        options: job.options,
        policies: job.policies,
      }).stepper?.state().status !== 'control',
  );
  return (treated ?? leads[0])?.key ?? '';
}

interface LeadStepperProps {
  flow: FlowDocument;
  leads: readonly LeadSnapshot[];
  job: Omit<SimulationJob, 'flow' | 'leads'>;
}

/**
 * One lead walked through the flow by hand with the simulator's own logic: advance move by
 * move, inject a signal where the lead waits, read why each move happened.
 */
export function LeadStepper({ flow, leads, job }: LeadStepperProps) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  // Start with a lead that is in the flow: control leads receive nothing and cannot be stepped.
  const [leadKey, setLeadKey] = useState(() => firstTreatedLead(flow, leads, job));
  const [generation, setGeneration] = useState(0);
  const lead = leads.find((l) => l.key === leadKey) ?? leads[0];
  // A new stepper per lead (and per "start over"); its own state lives inside it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation restarts the stepper on purpose
  const stepper = useMemo(
    () =>
      lead
        ? createStepper({
            flow,
            lead,
            assumptions: job.assumptions,
            options: job.options,
            policies: job.policies,
          }).stepper
        : null,
    [flow, lead, job, generation],
  );
  const [, setTick] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  if (!stepper || !lead) return null;
  const state = stepper.state();
  const names = new Map<string, string>(flow.nodes.map((n) => [n.id, n.name || n.type]));
  const nodeName = (id: string | null) => (id ? (names.get(id) ?? id) : '');
  const targets = new Map<string, string>(flow.transitions.map((tr) => [tr.id, tr.target]));
  const targetName = (transitionId: string) => nodeName(targets.get(transitionId) ?? null);
  const when = (ms: number) => formatInstant(ms, language);
  const refresh = () => setTick((n) => n + 1);

  return (
    <section className="sim-stepper" aria-labelledby="sim-stepper-title">
      <h2 id="sim-stepper-title">{t('stepper.title')}</h2>
      <p className="sim-note">{t('stepper.help')}</p>
      <div className="sim-stepper__controls">
        <label>
          {t('stepper.lead')}{' '}
          <select
            value={lead.key}
            onChange={(e) => {
              setLeadKey(e.target.value);
              setNotice(null);
            }}
          >
            {leads.map((l) => (
              <option key={l.key} value={l.key}>
                {l.name || l.key} · {l.key}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          onClick={() => {
            stepper.advance();
            setNotice(null);
            refresh();
          }}
          disabled={state.status !== 'waiting' || state.atHorizon}
        >
          {t('stepper.advance')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setGeneration((g) => g + 1);
            setNotice(null);
          }}
        >
          {t('stepper.reset')}
        </button>
      </div>
      <StateLine state={state} nodeName={nodeName} when={when} />
      {state.status === 'waiting' && state.listening.length > 0 && (
        <fieldset className="sim-stepper__inject">
          <legend>{t('stepper.inject')}</legend>
          {state.listening.map((l) => (
            <button
              key={l.transitionId}
              type="button"
              className="button button--secondary"
              onClick={() => {
                const outcome = stepper.inject(l.signal);
                setNotice(outcome.ignored ? t(`stepper.ignored_${outcome.ignored}`) : null);
                refresh();
              }}
            >
              {t('stepper.injectSignal', { signal: signalName(l.signal, language) })}
            </button>
          ))}
        </fieldset>
      )}
      {notice && (
        <p className="sim-notice sim-notice--warning" role="status">
          {notice}
        </p>
      )}
      <h3>{t('stepper.history')}</h3>
      <ol className="sim-stepper__history" aria-live="polite">
        {stepper.history().map((step) => (
          <HistoryItem
            key={`${step.nodeId}-${step.enteredAt}-${step.transitionId ?? ''}`}
            step={step}
            nodeName={nodeName}
            targetName={targetName}
            when={when}
            currency={flow.settings.currency}
          />
        ))}
      </ol>
    </section>
  );
}

function StateLine(props: {
  state: StepperState;
  nodeName: (id: string | null) => string;
  when: (ms: number) => string;
}) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  const { state, nodeName, when } = props;
  if (state.status === 'control')
    return <p className="sim-stepper__state">{t('stepper.controlLead')}</p>;
  if (state.status !== 'waiting') {
    return (
      <p className="sim-stepper__state">{t('stepper.ended', { node: nodeName(state.nodeId) })}</p>
    );
  }
  return (
    <p className="sim-stepper__state" data-testid="stepper-state">
      {t('stepper.now', { node: nodeName(state.nodeId), since: when(state.since) })}{' '}
      {state.held
        ? t('stepper.held', {
            reason: moveReasonText(state.held.reason, language),
            at: when(state.held.at),
          })
        : state.next
          ? t('stepper.next', {
              reason: moveReasonText(state.next.reason, language),
              at: when(state.next.at),
            })
          : t('stepper.nothingNext')}
    </p>
  );
}

function HistoryItem(props: {
  step: SimStep;
  nodeName: (id: string | null) => string;
  targetName: (transitionId: string) => string;
  when: (ms: number) => string;
  currency: string;
}) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  const { step, nodeName, when } = props;
  const next = step.transitionId ? props.targetName(step.transitionId) : null;
  return (
    <li className="sim-stepper__step">
      <span>
        {t('stepper.stepEntered', { node: nodeName(step.nodeId), at: when(step.enteredAt) })}
      </span>
      {step.acted && step.cost > 0 && (
        <span>
          {' '}
          · {t('stepper.stepActed', { cost: formatMoney(step.cost, props.currency, language) })}
        </span>
      )}
      {step.skipped && <span> · {t(`stepper.stepSkipped_${step.skipped}`)}</span>}
      {step.conversion && (
        <span>
          {' '}
          ·{' '}
          {t('stepper.converted', {
            value: formatMoney(step.conversion.value, props.currency, language),
          })}
        </span>
      )}
      {step.reason?.kind === 'policyDeferred' && step.leftAt !== null && (
        <div className="sim-stepper__reason" data-testid="step-reason">
          {t('stepper.stepHeld', {
            reason: moveReasonText(step.reason, language),
            at: when(step.leftAt),
          })}
        </div>
      )}
      {step.reason && next !== null && (
        <div className="sim-stepper__reason" data-testid="step-reason">
          {t('stepper.stepLeft', { node: next, reason: moveReasonText(step.reason, language) })}
        </div>
      )}
    </li>
  );
}
