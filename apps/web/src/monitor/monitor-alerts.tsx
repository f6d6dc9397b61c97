import type { FlowDocument, MonitorAlerts } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';

/** The runner's checker found live leads nothing can move; also today's call capacity. */
export function MonitorAlertsBanner(props: {
  alerts: MonitorAlerts;
  document: FlowDocument | null;
}) {
  const { t } = useTranslation('monitor');
  const { alerts } = props;
  const nodeName = (id: string) => props.document?.nodes.find((n) => n.id === id)?.name ?? id;
  return (
    <>
      {alerts.stuckCount > 0 ? (
        <div className="monitor-alert" role="alert" data-testid="stuck-alert">
          <p>{t('alerts.stuck', { count: alerts.stuckCount })}</p>
          <ul>
            {alerts.stuck.slice(0, 5).map((s) => (
              <li key={s.enrollmentId}>
                {t('alerts.stuckAt', { lead: s.leadKey, node: nodeName(s.nodeId) })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {alerts.capacityPerDay !== null ? (
        <p className="monitor-capacity">
          {t('alerts.capacity', {
            perDay: alerts.capacityPerDay,
            remaining: alerts.remainingToday ?? 0,
          })}
        </p>
      ) : null}
    </>
  );
}
