import './review.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLanguage } from '../i18n/use-language.ts';
import { formatInstant } from '../simulation/format/numbers.ts';
import { openReview, useReviews } from './review.queries.ts';

/**
 * One line for the designer: the reviewer's comments when the latest review was sent back, or
 * that the draft waits for review (and went stale). Nothing when there is no review.
 */
export function ReviewBanner({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  const { data } = useReviews(campaignId);
  const latest = data?.items[0];
  if (!data || !latest) return null;
  const open = openReview(data);
  let text: string | null = null;
  if (open) {
    text = open.stale
      ? t('banner.stale')
      : t('banner.waiting', { at: formatInstant(Date.parse(open.submittedAt), language) });
  } else if (latest.status === 'returned') {
    text = t('banner.returned', { reviewer: latest.reviewer ?? '?', comments: latest.comments });
  }
  if (text === null) return null;
  return (
    <div
      className={`review-banner${latest.status === 'returned' ? ' review-banner--returned' : ''}`}
      role="status"
      data-testid="review-banner"
    >
      <span>{text}</span>
      <Link to={`/campaigns/${campaignId}/review`}>{t('banner.open')}</Link>
    </div>
  );
}

/** The designer toolbar's way to the review screen (submit, or read the reviewer's answer). */
export function ReviewLink({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('review');
  return (
    <Link className="button button--ghost" to={`/campaigns/${campaignId}/review`}>
      {t('page.link')}
    </Link>
  );
}
