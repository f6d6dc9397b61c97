import { type FlowDocument, issueMessage } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/use-language.ts';
import { formatInteger } from './format/numbers.ts';
import { issueKey } from './issue-key.ts';
import type { SimulationRunState } from './worker/use-simulation-worker.ts';

/** Progress bar with Cancel while the worker runs; the outcome line once it stops. */
export function SimulationRunStatus(props: {
  state: SimulationRunState;
  document: FlowDocument;
  onCancel: () => void;
}) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  const { state } = props;
  const names = new Map(props.document.nodes.map((n) => [n.id, n.name]));
  switch (state.status) {
    case 'idle':
      return null;
    case 'running': {
      const percent = Math.floor(state.fraction * 100);
      const label = !state.server
        ? t('run.progress', { percent })
        : state.server.queued
          ? t('run.queuedOnServer')
          : t('run.progressOnServer', { percent });
      return (
        <div className="sim-progress" role="status">
          <label htmlFor="sim-progress-bar">{label}</label>
          <progress
            id="sim-progress-bar"
            max={100}
            value={percent}
            aria-label={t('run.progressLabel')}
          />
          <button type="button" className="button" onClick={props.onCancel}>
            {t('run.cancel')}
          </button>
        </div>
      );
    }
    case 'cancelled':
      return (
        <p className="sim-notice" role="status">
          {t('run.cancelled')}
        </p>
      );
    case 'failed':
      return (
        <div className="sim-notice sim-notice--error" role="alert">
          <p>
            {state.issues.length > 0
              ? t('errors.simulationFailed')
              : state.message
                ? t('errors.serverFailed', { message: state.message })
                : t('errors.workerCrashed')}
          </p>
          <ul>
            {state.issues.map((issue) => (
              <li key={issueKey(issue)}>
                {issue.nodeId && names.get(issue.nodeId) ? `${names.get(issue.nodeId)}: ` : ''}
                {issueMessage(issue, language)}
              </li>
            ))}
          </ul>
        </div>
      );
    case 'done':
      return (
        <p className="sim-note" role="status" data-testid="sim-done">
          {t(state.onServer ? 'run.doneOnServerIn' : 'run.doneIn', {
            count: formatInteger(state.result.leads.total, language),
            seconds: (state.ms / 1000).toLocaleString(language, { maximumFractionDigits: 2 }),
          })}
        </p>
      );
  }
}
