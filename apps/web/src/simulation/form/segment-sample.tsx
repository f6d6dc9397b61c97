import { type SampleLeadsSpec, SegmentSample } from '@rumbo/flow';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { useLanguage } from '../../i18n/use-language.ts';
import { formatInteger } from '../format/numbers.ts';
import type { LeadsChoice } from './form-values.ts';

export type SampleState =
  | null
  | { status: 'loading' }
  | { status: 'done'; sample: SegmentSample }
  | { status: 'failed'; message: string };

export interface ResolvedLeads {
  leads: SampleLeadsSpec;
  fromSegment: boolean;
}

/**
 * Turns the form's lead choice into what the worker runs: a segment is sampled on the server
 * first (real leads, seeded) and sent to the worker inline; fake and CSV leads pass through.
 */
export function useSegmentSampler() {
  const api = useApi();
  const [state, setState] = useState<SampleState>(null);
  const resolve = useCallback(
    async (choice: LeadsChoice): Promise<ResolvedLeads | null> => {
      if (choice.kind !== 'segment') {
        setState(null);
        return { leads: choice, fromSegment: false };
      }
      setState({ status: 'loading' });
      try {
        const { segmentId, count, seed } = choice;
        const sample = await api.send(
          'POST',
          '/api/v1/simulations/segment-sample',
          { segmentId, count, seed },
          SegmentSample,
        );
        setState({ status: 'done', sample });
        if (sample.leads.length === 0) return null;
        return { leads: { kind: 'inline', items: sample.leads }, fromSegment: true };
      } catch (error) {
        setState({ status: 'failed', message: error instanceof Error ? error.message : '' });
        return null;
      }
    },
    [api],
  );
  return { state, resolve };
}

/** What the sample gave: how many real leads of how many, or why there are none. */
export function SegmentSampleStatus({ state }: { state: SampleState }) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  if (state === null) return null;
  switch (state.status) {
    case 'loading':
      return <p role="status">{t('form.segmentLoading')}</p>;
    case 'failed':
      return (
        <p className="sim-notice sim-notice--error" role="alert">
          {t('form.segmentFailed', { message: state.message })}
        </p>
      );
    case 'done': {
      const { sample } = state;
      if (sample.leads.length === 0) {
        return (
          <p className="sim-notice sim-notice--warning" role="alert">
            {t('form.segmentEmpty', { name: sample.segmentName })}
          </p>
        );
      }
      return (
        <p className="sim-note" role="status" data-testid="segment-sampled">
          {t('form.segmentSampled', {
            count: formatInteger(sample.leads.length, language),
            name: sample.segmentName,
            total: formatInteger(sample.total, language),
          })}
        </p>
      );
    }
  }
}
