import type { SimulationResult } from '@rumbo/flow';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAttachSimulation } from './review.queries.ts';
import { type SummarySource, summariseSimulation } from './simulation-summary.ts';

/**
 * On the simulate page opened from a review (`?review=<id>`): stores each finished run's
 * summary on that review — once per result — and links back to it.
 */
export function ReviewAttach(props: {
  campaignId: string;
  reviewId: string;
  draftRevision: number;
  result: SimulationResult;
  source: SummarySource;
}) {
  const { t } = useTranslation('review');
  const attach = useAttachSimulation(props.campaignId);
  const sent = useRef<SimulationResult | null>(null);
  const { mutate } = attach;
  useEffect(() => {
    if (sent.current === props.result) return;
    sent.current = props.result;
    mutate({
      reviewId: props.reviewId,
      summary: summariseSimulation({
        result: props.result,
        draftRevision: props.draftRevision,
        source: props.source,
        ranAt: new Date(),
      }),
    });
  }, [mutate, props.result, props.reviewId, props.draftRevision, props.source]);
  return (
    <div className="sim-note" role="status" data-testid="review-attach">
      {attach.isSuccess && <span>{t('compare.store')} </span>}
      {attach.isError && (
        <span className="sim-field__error">
          {t('compare.storeFailed', { message: attach.error.message })}{' '}
        </span>
      )}
      <Link to={`/campaigns/${props.campaignId}/review`}>{t('banner.open')}</Link>
    </div>
  );
}
