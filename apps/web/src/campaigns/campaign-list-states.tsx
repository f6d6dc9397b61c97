import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, describeApiError } from '../api/api-error.ts';
import { useCan } from '../session/session.api.ts';

const SKELETON_ROWS = ['a', 'b', 'c', 'd'];

/** Grey bars in the table's shape while the list loads, so the page does not jump. */
export function CampaignListSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="table-card" aria-busy="true">
      <p className="visually-hidden" role="status">
        {t('campaigns.loading')}
      </p>
      <div className="skeleton-table" aria-hidden="true">
        {SKELETON_ROWS.map((row) => (
          <div key={row} className="skeleton-row">
            <span className="skeleton skeleton--short" />
            <span className="skeleton skeleton--long" />
            <span className="skeleton skeleton--medium" />
            <span className="skeleton skeleton--short" />
            <span className="skeleton skeleton--medium" />
          </div>
        ))}
      </div>
    </div>
  );
}

/** Says in words what went wrong (translated from the error code) and offers a retry. */
export function CampaignListError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  // Re-translated on every render, so switching language also switches the message.
  const message =
    error instanceof ApiError
      ? describeApiError(error, (key, params) => t(key, params ?? {}))
      : t('errors.unexpected');
  return (
    <section className="empty-state empty-state--error" role="alert">
      <h2 className="empty-state__title">{t('campaigns.error.title')}</h2>
      <p className="empty-state__lead">{message}</p>
      <button type="button" className="button button--primary" onClick={onRetry}>
        {t('campaigns.error.retry')}
      </button>
    </section>
  );
}

/** No campaigns yet: what a campaign is for, and the way to create one. */
export function CampaignListEmpty() {
  const { t } = useTranslation();
  const canEdit = useCan('edit');
  return (
    <section className="empty-state" aria-labelledby="campaigns-empty-title">
      <h2 id="campaigns-empty-title" className="empty-state__title">
        {t('campaigns.empty.title')}
      </h2>
      <p className="empty-state__lead">{t('campaigns.empty.body')}</p>
      {canEdit ? (
        <Link className="button button--primary" to="/campaigns/new">
          {t('campaigns.new')}
        </Link>
      ) : null}
    </section>
  );
}

/** The filter hides every campaign: say so, and offer to clear it. */
export function CampaignListNoMatch({ onClear }: { onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="empty-state" aria-labelledby="campaigns-no-match-title">
      <h2 id="campaigns-no-match-title" className="empty-state__title">
        {t('campaigns.noMatch.title')}
      </h2>
      <p className="empty-state__lead">{t('campaigns.noMatch.body')}</p>
      <button type="button" className="button button--secondary" onClick={onClear}>
        {t('campaigns.noMatch.clear')}
      </button>
    </section>
  );
}
