import './review.css';
import { type CampaignDetail, type ReviewList, validateFlow } from '@rumbo/flow';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCampaign } from '../api/campaigns.queries.ts';
import { PageHeader } from '../app/page-header.tsx';
import { ValidationState } from '../simulation/validation-state.tsx';
import { openReview, useReviews } from './review.queries.ts';
import { ReviewDecision } from './review-decision.tsx';
import { ReviewDiff } from './review-diff.tsx';
import { ReviewHistory, ReviewStatus } from './review-status.tsx';
import { ReviewSimulation } from './review-summary.tsx';

function ReviewWorkspace({ campaign, list }: { campaign: CampaignDetail; list: ReviewList }) {
  const open = openReview(list);
  const errorCount = useMemo(
    () => validateFlow(campaign.draft).issues.filter((i) => i.severity === 'error').length,
    [campaign.draft],
  );
  // The last simulation the reviewer can read: the open review's, else the latest decided one.
  const withSimulation = open ?? list.items.find((r) => r.simulation !== null) ?? null;
  return (
    <>
      <ReviewStatus campaign={campaign} list={list} />
      <ValidationState document={campaign.draft} campaignId={campaign.id} />
      {/* What changed first, then the projection, then the decision that rests on both. */}
      <ReviewDiff
        draft={campaign.draft}
        revision={campaign.draftRevision}
        published={list.published}
        simulation={withSimulation?.simulation ?? null}
      />
      <div className="review-columns">
        <ReviewSimulation
          review={withSimulation}
          campaignId={campaign.id}
          currency={campaign.draft.settings.currency}
          draftRevision={campaign.draftRevision}
        />
        {open && (
          <ReviewDecision
            campaignId={campaign.id}
            review={open}
            errorCount={errorCount}
            draft={campaign.draft}
            published={list.published}
            liveLeads={list.liveLeads}
          />
        )}
      </div>
      <ReviewHistory items={list.items} />
    </>
  );
}

/** `/campaigns/:campaignId/review`: submit a draft for review, and the reviewer's screen. */
export function ReviewPage() {
  const { campaignId = '' } = useParams();
  const { t } = useTranslation('review');
  const campaign = useCampaign(campaignId);
  const reviews = useReviews(campaignId);
  const failed = campaign.error ?? reviews.error;
  // From a waiting review, "Simular" stores its run on that review.
  const open = openReview(reviews.data);
  const simulateTo = `/campaigns/${campaignId}/simulate${open ? `?review=${open.id}` : ''}`;
  return (
    <div className="page review-page">
      <PageHeader
        title={campaign.data ? t('page.title', { name: campaign.data.name }) : t('page.loading')}
        subtitle={t('page.intro')}
        actions={
          <>
            <Link to={simulateTo} className="button button--secondary">
              {t('page.simulate')}
            </Link>
            <Link to={`/campaigns/${campaignId}`} className="button button--secondary">
              {t('page.designer')}
            </Link>
          </>
        }
      />
      {failed && (
        <p className="sim-notice sim-notice--warning" role="alert">
          {t('page.loadFailed', { message: failed.message })}
        </p>
      )}
      {(campaign.isPending || reviews.isPending) && !failed && (
        <p role="status">{t('page.loading')}</p>
      )}
      {campaign.data && reviews.data && (
        <ReviewWorkspace campaign={campaign.data} list={reviews.data} />
      )}
    </div>
  );
}
