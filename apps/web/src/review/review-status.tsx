import { type CampaignDetail, diffFlows, type Review, type ReviewList } from '@rumbo/flow';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/use-language.ts';
import { formatInstant } from '../simulation/format/numbers.ts';
import { openReview, useSubmitReview } from './review.queries.ts';

const at = (iso: string, language: 'es' | 'en') => formatInstant(Date.parse(iso), language);

/**
 * Where the draft stands: not submitted (the marketer's form), waiting (with the note, and a
 * loud notice when the draft changed since), or the last decision with its comments.
 */
export function ReviewStatus({ campaign, list }: { campaign: CampaignDetail; list: ReviewList }) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  const open = openReview(list);
  const latest = list.items[0] ?? null;
  // The server refuses a draft that does what the published version does; say so up front.
  const unchanged = useMemo(
    () => list.published !== null && diffFlows(list.published.document, campaign.draft).empty,
    [list.published, campaign.draft],
  );
  return (
    <section className="review-section review-status" aria-labelledby="review-status-title">
      {open ? (
        <>
          <h2 id="review-status-title">{t('status.waiting')}</h2>
          <p className="sim-note">
            {t('status.submittedAt', {
              at: at(open.submittedAt, language),
              revision: open.draftRevision,
            })}
          </p>
          <blockquote className="review-note" data-testid="review-note">
            {open.note || t('status.noNote')}
          </blockquote>
          {open.stale && (
            <div className="sim-notice sim-notice--warning" role="alert" data-testid="review-stale">
              <p>{t('status.stale', { from: open.draftRevision, to: list.draftRevision })}</p>
              <SubmitForm campaign={campaign} label={t('status.resubmit')} />
            </div>
          )}
        </>
      ) : (
        <>
          <h2 id="review-status-title">{t('status.submitTitle')}</h2>
          {latest && <LastDecision review={latest} />}
          {!latest && <p>{t('status.none')}</p>}
          {unchanged ? (
            <p data-testid="nothing-to-review">{t('status.unchanged')}</p>
          ) : (
            <SubmitForm campaign={campaign} label={t('status.submit')} withNote />
          )}
        </>
      )}
    </section>
  );
}

function LastDecision({ review }: { review: Review }) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  if (review.status === 'returned') {
    return (
      <div className="sim-notice sim-notice--warning" data-testid="review-returned">
        <h3>{t('status.returnedTitle', { reviewer: review.reviewer ?? '?' })}</h3>
        <p className="sim-note">
          {t('status.returnedAt', {
            at: at(review.decidedAt ?? review.submittedAt, language),
            revision: review.draftRevision,
          })}
        </p>
        <blockquote className="review-note">{review.comments}</blockquote>
      </div>
    );
  }
  if (review.status === 'approved') {
    return (
      <p className="sim-notice" data-testid="review-approved">
        {t('status.approvedTitle', {
          reviewer: review.reviewer ?? '?',
          version: review.publishedVersion ?? '?',
        })}
      </p>
    );
  }
  return null;
}

function SubmitForm({
  campaign,
  label,
  withNote = false,
}: {
  campaign: CampaignDetail;
  label: string;
  withNote?: boolean;
}) {
  const { t } = useTranslation('review');
  const [note, setNote] = useState('');
  const submit = useSubmitReview(campaign.id);
  return (
    <form
      className="review-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit.mutate({ draftRevision: campaign.draftRevision, note });
      }}
    >
      {withNote && (
        <div className="sim-field">
          <label htmlFor="review-note">{t('status.noteLabel')}</label>
          <textarea
            id="review-note"
            className="sim-input"
            rows={3}
            maxLength={5000}
            value={note}
            placeholder={t('status.notePlaceholder')}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
      )}
      <button type="submit" className="button button--primary" disabled={submit.isPending}>
        {submit.isPending ? t('status.submitting') : label}
      </button>
      {submit.isError && (
        <p className="sim-field__error" role="alert">
          {submit.error.message}
        </p>
      )}
    </form>
  );
}

/** Every review of the campaign, newest first. */
export function ReviewHistory({ items }: { items: Review[] }) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  if (items.length === 0) return null;
  return (
    <section className="review-section" aria-labelledby="review-history-title">
      <h2 id="review-history-title">{t('status.history')}</h2>
      <ol className="review-history" data-testid="review-history">
        {items.map((review) => (
          <li key={review.id} data-status={review.status}>
            <strong>{t(`status.statusName.${review.status}`)}</strong>
            {' · '}
            {at(review.submittedAt, language)}
            {' · r'}
            {review.draftRevision}
            {review.reviewer ? ` · ${review.reviewer}` : ''}
            {review.publishedVersion ? ` · v${review.publishedVersion}` : ''}
            {review.comments ? (
              <span className="review-history__comments"> — {review.comments}</span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
