import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../app/page-header.tsx';

/**
 * `/campaigns/new`: the designer work brings creation (blank, from a template, clone);
 * until then this page says so instead of offering a form that cannot save.
 */
export function NewCampaignPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t('newCampaign.title')} />
      <section className="empty-state empty-state--soon">
        <p className="badge badge--soon">{t('placeholder.soon')}</p>
        <p className="empty-state__lead">{t('newCampaign.body')}</p>
        <p className="empty-state__note">{t('newCampaign.soon')}</p>
        <Link className="button button--secondary" to="/campaigns">
          {t('placeholder.back')}
        </Link>
      </section>
    </div>
  );
}
