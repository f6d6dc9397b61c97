import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The way into a campaign's run monitor, for the campaign list and the designer's toolbar. */
export function MonitorLink({ campaignId, className }: { campaignId: string; className: string }) {
  const { t } = useTranslation('monitor');
  return (
    // Above the campaign row's whole-row link (`.row-link::after`), or a click would open the designer.
    <Link
      className={className}
      style={{ position: 'relative', zIndex: 1 }}
      to={`/campaigns/${campaignId}/monitor`}
    >
      {t('link')}
    </Link>
  );
}
