import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../app/page-header.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t('notFound.title')} />
      <section className="empty-state">
        <p className="empty-state__lead">{t('notFound.body')}</p>
        <Link className="button button--primary" to="/campaigns">
          {t('notFound.back')}
        </Link>
      </section>
    </div>
  );
}
