import type { FlowDocument } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { useCampaignStats } from './outbox.api.ts';

/** Leads per node, read from the runner's counters: the tester sees a fired signal move a lead. */
export function OutboxStats({
  campaignId,
  document,
}: {
  campaignId: string;
  document: FlowDocument | null;
}) {
  const { t } = useTranslation('outbox');
  const stats = useCampaignStats(campaignId);
  if (!stats.data) return null;
  const nameOf = (nodeId: string) =>
    document?.nodes.find((node) => node.id === nodeId)?.name ?? nodeId;
  const { totals } = stats.data;
  return (
    <section className="outbox-stats" aria-label={t('stats.title')}>
      <h2 className="outbox-stats__title">{t('stats.title')}</h2>
      <p className="outbox-stats__totals">{t('stats.totals', totals)}</p>
      <table className="outbox-stats__table">
        <thead>
          <tr>
            <th scope="col">{t('stats.node')}</th>
            <th scope="col">{t('stats.entered')}</th>
            <th scope="col">{t('stats.waiting')}</th>
            <th scope="col">{t('stats.ended')}</th>
            <th scope="col">{t('stats.failed')}</th>
          </tr>
        </thead>
        <tbody>
          {stats.data.nodes.map((node) => (
            <tr key={node.nodeId} data-node={node.nodeId}>
              <th scope="row">{nameOf(node.nodeId)}</th>
              <td>{node.entered}</td>
              <td data-stat="waiting">{node.waiting}</td>
              <td data-stat="ended">{node.ended}</td>
              <td>{node.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
