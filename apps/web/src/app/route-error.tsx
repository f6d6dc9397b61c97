import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from '../pages/not-found-page.tsx';

/** Shown when a screen throws while rendering: says so plainly and offers a reload. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <div className="page">
      <section className="empty-state" role="alert">
        <h1 className="empty-state__title">{t('crash.title')}</h1>
        <p className="empty-state__lead">{t('crash.body')}</p>
        <pre className="crash-detail">{detail}</pre>
        <button
          type="button"
          className="button button--primary"
          onClick={() => window.location.reload()}
        >
          {t('crash.reload')}
        </button>
      </section>
    </div>
  );
}
