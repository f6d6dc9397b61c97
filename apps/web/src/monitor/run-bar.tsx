import {
  type CampaignMode,
  type CampaignStatus,
  type Duration,
  type FastForwardResult,
  type LaunchResult,
  type LifecycleCommand,
  lifecycleAllows,
} from '@rumbo/flow';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalDialog } from '../app/use-modal-dialog.ts';
import { CampaignModeLabel, CampaignStatusBadge } from '../campaigns/campaign-badges.tsx';

/** What the operator can do to the run; each is one call of the run API. */
export type RunAction =
  | { kind: 'launch' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'stop' }
  /** Test mode only: pending delays and timeouts fall due `by` earlier. */
  | { kind: 'fastForward'; by: Duration };

/** What the last action did, to say it in words beside the bar. */
export type RunOutcome =
  | { kind: 'launched'; result: LaunchResult }
  | { kind: 'fastForwarded'; by: Duration; result: FastForwardResult }
  | { kind: 'changed'; action: 'pause' | 'resume' | 'stop' };

export type RunButton = 'launch' | 'pause' | 'resume' | 'stop' | 'fastForward';

/**
 * The buttons a status allows: the commands packages/flow's lifecycle lets run (the runner
 * enforces the same table), plus fast-forward for a running test campaign.
 */
export function runButtons(
  status: CampaignStatus,
  mode: CampaignMode,
  publishedVersion: number | null,
): RunButton[] {
  const allows = (command: LifecycleCommand) => lifecycleAllows(command, status, publishedVersion);
  const buttons: RunButton[] = [];
  if (allows('launch')) buttons.push('launch');
  if (allows('pause')) buttons.push('pause');
  if (allows('resume')) buttons.push('resume');
  // Running or held — the statuses stop starts from — is when the test clock may move.
  const running = allows('stop');
  if (running && mode === 'test') buttons.push('fastForward');
  if (running) buttons.push('stop');
  return buttons;
}

/** The clock jumps offered: the fast-forward route takes any duration, these cover the flows. */
export const FAST_FORWARD_STEPS = [
  { key: 'hour', by: { amount: 1, unit: 'hours' } },
  { key: 'day', by: { amount: 1, unit: 'days' } },
  { key: 'week', by: { amount: 1, unit: 'weeks' } },
] as const satisfies readonly { key: string; by: Duration }[];
export type StepKey = (typeof FAST_FORWARD_STEPS)[number]['key'];

/**
 * The run bar of the monitor: status and mode, the buttons the status allows, what the last
 * action did and why an action failed (the server's problem detail), next to the buttons.
 * Stopping asks first, saying what it means.
 */
export function RunBar({
  status,
  mode,
  publishedVersion,
  busy,
  notice,
  error,
  onAction,
  children,
}: {
  status: CampaignStatus;
  mode: CampaignMode;
  publishedVersion: number | null;
  busy: boolean;
  notice: string | null;
  error: string | null;
  onAction: (action: RunAction) => void;
  /** Shown after the buttons in the same row (version picker, totals). */
  children?: ReactNode;
}) {
  const { t } = useTranslation('monitor');
  const buttons = runButtons(status, mode, publishedVersion);
  const [step, setStep] = useState<StepKey>('day');
  const [confirming, setConfirming] = useState(false);
  const stepId = useId();
  const hintId = useId();
  const chosen = FAST_FORWARD_STEPS.find((s) => s.key === step) ?? FAST_FORWARD_STEPS[1];
  return (
    <section className="run-bar" aria-label={t('run.label')}>
      <div className="monitor-bar">
        <CampaignStatusBadge status={status} />
        <CampaignModeLabel mode={mode} />
        {buttons.includes('launch') ? (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => onAction({ kind: 'launch' })}
          >
            {t('run.launch')}
          </button>
        ) : null}
        {buttons.includes('pause') ? (
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => onAction({ kind: 'pause' })}
          >
            {t('actions.pause')}
          </button>
        ) : null}
        {buttons.includes('resume') ? (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => onAction({ kind: 'resume' })}
          >
            {t('actions.resume')}
          </button>
        ) : null}
        {buttons.includes('fastForward') ? (
          <fieldset className="run-bar__clock" aria-describedby={hintId}>
            <label htmlFor={stepId}>{t('run.fastForwardBy')}</label>
            <select
              id={stepId}
              value={step}
              onChange={(event) => {
                const next = FAST_FORWARD_STEPS.find((s) => s.key === event.target.value);
                if (next) setStep(next.key);
              }}
            >
              {FAST_FORWARD_STEPS.map((s) => (
                <option key={s.key} value={s.key}>
                  {t(`run.step.${s.key}`)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => onAction({ kind: 'fastForward', by: chosen.by })}
            >
              {t('run.fastForward')}
            </button>
            <span id={hintId} className="run-bar__hint">
              {t('run.fastForwardHint')}
            </span>
          </fieldset>
        ) : null}
        {buttons.includes('stop') ? (
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => setConfirming(true)}
          >
            {t('run.stop')}
          </button>
        ) : null}
        {children}
      </div>
      {notice !== null ? (
        <p className="run-bar__notice" role="status" data-testid="run-notice">
          {notice}
        </p>
      ) : null}
      {error !== null ? (
        <p className="run-bar__error monitor-error" role="alert">
          {t('actions.failed', { message: error })}
        </p>
      ) : null}
      <StopDialog
        open={confirming}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          onAction({ kind: 'stop' });
        }}
      />
    </section>
  );
}

/** Asks before stopping, and says what stopping does to the leads, the sends and the calls. */
function StopDialog({
  open,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('monitor');
  const dialog = useModalDialog(open);
  const titleId = useId();
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {open ? (
        <>
          <h2 id={titleId}>{t('run.stopTitle')}</h2>
          <p>{t('run.stopBody')}</p>
          <div className="confirm-dialog__actions">
            <button type="button" className="button button--secondary" onClick={onCancel}>
              {t('run.stopCancel')}
            </button>
            <button type="button" className="button button--danger" onClick={onConfirm}>
              {t('run.stopConfirm')}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
