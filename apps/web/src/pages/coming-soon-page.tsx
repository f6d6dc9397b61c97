import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NavIcon } from '../app/nav-icon.tsx';
import { PageHeader } from '../app/page-header.tsx';

export type ComingSoonSection = 'segments' | 'leads' | 'calls' | 'analytics' | 'settings';

/**
 * An honest page for a section that is not built yet: it says what will be here, shows no
 * made-up data, and offers the way back.
 */
export function ComingSoonPage({ section }: { section: ComingSoonSection }) {
  const { t } = useTranslation();
  const points = t(`placeholder.${section}.points`, { returnObjects: true });
  return (
    <div className="page">
      <PageHeader title={t(`placeholder.${section}.title`)} />
      <section className="empty-state empty-state--soon" aria-labelledby="soon-heading">
        <div className="empty-state__icon">
          <NavIcon name={section} />
        </div>
        <p className="badge badge--soon">{t('placeholder.soon')}</p>
        <h2 id="soon-heading" className="empty-state__title">
          {t(`placeholder.${section}.body`)}
        </h2>
        <p className="empty-state__lead">{t('placeholder.whatYouWillFind')}</p>
        <ul className="empty-state__points">
          {Array.isArray(points)
            ? points.map((point) => <li key={String(point)}>{String(point)}</li>)
            : null}
        </ul>
        <Link className="button button--secondary" to="/campaigns">
          {t('placeholder.back')}
        </Link>
      </section>
    </div>
  );
}
