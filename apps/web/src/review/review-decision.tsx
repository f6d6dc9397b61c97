import type { FlowDocument, LiveLeads, Review } from '@rumbo/flow';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import { useApproveReview, useReturnReview } from './review.queries.ts';
import { approvalLeads, type LeadsChoice, NO_CHOICE, ReviewLeads } from './review-leads.tsx';

const REVIEWER_KEY = 'rumbo.reviewer';

function rememberedReviewer(): string {
  try {
    return globalThis.localStorage?.getItem(REVIEWER_KEY) ?? '';
  } catch {
    return '';
  }
}

function remember(name: string) {
  try {
    globalThis.localStorage?.setItem(REVIEWER_KEY, name);
  } catch {
    // Private mode: the name is simply asked again next time.
  }
}

/** The server's located issues under its message (a 422 when the server's validator refused). */
function ErrorDetail({ error }: { error: Error }) {
  const { t } = useTranslation('review');
  const issues = error instanceof ApiError ? (error.problem?.issues ?? []) : [];
  return (
    <div className="sim-notice sim-notice--error" role="alert" data-testid="decision-error">
      <p>{t('decision.failed', { message: error.message })}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path.join('/')}-${issue.code}`}>{issue.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The reviewer's decision on a waiting review: approve (publishes through the server's publish
 * path) or send back with comments. Approval is offered only while the draft has no errors and
 * the review is not stale; the server checks both again.
 */
export function ReviewDecision({
  campaignId,
  review,
  errorCount,
  draft,
  published,
  liveLeads,
}: {
  campaignId: string;
  review: Review;
  errorCount: number;
  draft: FlowDocument;
  published: { version: number; document: FlowDocument } | null;
  liveLeads: readonly LiveLeads[];
}) {
  const { t } = useTranslation('review');
  const [reviewer, setReviewer] = useState(rememberedReviewer);
  const [comments, setComments] = useState('');
  const [missing, setMissing] = useState<'reviewer' | 'comments' | null>(null);
  const [leads, setLeads] = useState<LeadsChoice>(NO_CHOICE);
  const approve = useApproveReview(campaignId, review.id);
  const sendBack = useReturnReview(campaignId, review.id);
  const busy = approve.isPending || sendBack.isPending;
  const blocked = errorCount > 0 || review.stale;

  const decide = (kind: 'approve' | 'return') => {
    const name = reviewer.trim();
    if (name === '') return setMissing('reviewer');
    if (kind === 'return' && comments.trim() === '') return setMissing('comments');
    setMissing(null);
    remember(name);
    if (kind === 'approve') approve.mutate({ reviewer: name, comments, ...approvalLeads(leads) });
    else sendBack.mutate({ reviewer: name, comments });
  };

  return (
    <section className="review-section review-decision" aria-labelledby="review-decision-title">
      <h2 id="review-decision-title">{t('decision.title')}</h2>
      {errorCount > 0 && (
        <p className="sim-notice sim-notice--error" role="alert" data-testid="approve-blocked">
          {t('decision.blocked', { count: errorCount })}
        </p>
      )}
      {review.stale && (
        <p className="sim-notice sim-notice--warning">{t('decision.staleBlocked')}</p>
      )}
      <form className="review-form" onSubmit={(e) => e.preventDefault()}>
        <div className="sim-field">
          <label htmlFor="reviewer-name">{t('decision.reviewer')}</label>
          <input
            id="reviewer-name"
            className="sim-input"
            value={reviewer}
            maxLength={120}
            autoComplete="name"
            aria-invalid={missing === 'reviewer'}
            aria-describedby="reviewer-help"
            onChange={(e) => setReviewer(e.target.value)}
          />
          <span id="reviewer-help" className="sim-field__help">
            {t('decision.reviewerHelp')}
          </span>
          {missing === 'reviewer' && (
            <span className="sim-field__error" role="alert">
              {t('decision.needReviewer')}
            </span>
          )}
        </div>
        <div className="sim-field">
          <label htmlFor="review-comments">{t('decision.comments')}</label>
          <textarea
            id="review-comments"
            className="sim-input"
            rows={3}
            maxLength={5000}
            value={comments}
            aria-invalid={missing === 'comments'}
            aria-describedby="comments-help"
            onChange={(e) => setComments(e.target.value)}
          />
          <span id="comments-help" className="sim-field__help">
            {t('decision.commentsHelp')}
          </span>
          {missing === 'comments' && (
            <span className="sim-field__error" role="alert">
              {t('decision.needComments')}
            </span>
          )}
        </div>
        <ReviewLeads
          liveLeads={liveLeads}
          draft={draft}
          published={published}
          choice={leads}
          onChange={setLeads}
        />
        <div className="review-actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy || blocked}
            onClick={() => decide('approve')}
          >
            {approve.isPending ? t('decision.working') : t('decision.approve')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => decide('return')}>
            {sendBack.isPending ? t('decision.working') : t('decision.return')}
          </button>
        </div>
      </form>
      {approve.isError && <ErrorDetail error={approve.error} />}
      {sendBack.isError && <ErrorDetail error={sendBack.error} />}
    </section>
  );
}
