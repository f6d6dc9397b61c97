import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The way into a campaign's run monitor, for the campaign list and the designer's toolbar. */
export function MonitorLink({ campaignId, className }: { campaignId: string; className: string }) {
  const { t } = useTranslation('monitor');
  return (
    <Link className={className} to={`/campaigns/${campaignId}/monitor`}>
      {t('link')}
    </Link>
  );
}
