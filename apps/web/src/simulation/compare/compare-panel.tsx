import './compare.css';
import type { FlowDocument, ReviewList, SimulationResult } from '@rumbo/flow';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SimulationRunState, useSimulationWorker } from '../worker/use-simulation-worker.ts';
import type { SimulationJob } from '../worker/worker-protocol.ts';
import { CompareResults } from './compare-results.tsx';
import { assumptionsFor } from './compare-run.ts';

type Published = NonNullable<ReviewList['published']>;

/**
 * A second worker that runs the published version on the very job the draft runs (same
 * sample, seed, start and horizon), when the reviewer asked for a comparison.
 */
export function useCompareRun(published: Published | null) {
  const [enabled, setEnabled] = useState(false);
  const worker = useSimulationWorker();
  const { run: runWorker, cancel } = worker;
  const run = useCallback(
    (job: SimulationJob) => {
      // Unticked since the last comparison: clear it rather than show one of another run.
      if (!enabled || !published) return cancel();
      runWorker({
        ...job,
        flow: published.document,
        assumptions: job.assumptions && assumptionsFor(published.document, job.assumptions),
      });
    },
    [enabled, published, runWorker, cancel],
  );
  return { enabled: enabled && published !== null, setEnabled, run, state: worker.state };
}

export function CompareToggle(props: {
  published: Published | null;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const { t } = useTranslation('simulation');
  if (!props.published) return null;
  return (
    <label className="sim-compare-toggle">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        data-testid="compare-toggle"
      />{' '}
      {t('compare.toggle', { version: props.published.version })}
    </label>
  );
}

/** The comparison once both runs are done; its own progress line while the second one runs. */
export function CompareOutcome(props: {
  state: SimulationRunState;
  draft: { document: FlowDocument; result: SimulationResult };
  published: Published;
}) {
  const { t } = useTranslation('simulation');
  const { state } = props;
  switch (state.status) {
    case 'idle':
    case 'cancelled':
      return null;
    case 'running':
      return <p role="status">{t('compare.running')}</p>;
    case 'failed':
      return (
        <p className="sim-notice sim-notice--error" role="alert">
          {t('compare.failed')}
        </p>
      );
    case 'done':
      return (
        <CompareResults
          draft={props.draft}
          published={{ ...props.published, result: state.result }}
        />
      );
  }
}
