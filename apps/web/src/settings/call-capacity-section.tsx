import { CallCapacity } from '@rumbo/flow';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { callKeys, useCallCampaigns } from '../calls/calls.api.ts';
import { CapacityControl } from '../calls/calls-toolbar.tsx';

/** One campaign's calls per day, edited with the call list's own control (same request). */
function CampaignCapacity({ id, code, name }: { id: string; code: string; name: string }) {
  const api = useApi();
  const capacity = useQuery({
    // Under the call list's keys, so a change made here or there refreshes both.
    queryKey: [...callKeys.all, 'capacity', id],
    queryFn: ({ signal }) =>
      api.get(`/api/v1/call-tasks/capacity?campaignId=${id}`, CallCapacity, { signal }),
  });
  const headingId = `capacity-${id}`;
  return (
    <li>
      <section className="policy-capacity" aria-labelledby={headingId}>
        <p id={headingId} className="policy-capacity__name">
          <strong>{code}</strong> {name}
        </p>
        {capacity.data ? (
          <CapacityControl
            key={capacity.data.perDay ?? 'none'}
            campaignId={id}
            capacity={capacity.data}
          />
        ) : null}
      </section>
    </li>
  );
}

/**
 * DESIGN §5 channel capacity: calls per day, kept per campaign (a call centre's pace for that
 * campaign's list); listed here for every campaign that has a call list.
 */
export function CallCapacitySection() {
  const { t } = useTranslation('settings');
  const campaigns = useCallCampaigns();
  const items = campaigns.data?.items ?? [];
  return (
    <section className="policy-section" aria-labelledby="capacity-title">
      <h3 id="capacity-title">{t('policies.capacity.title')}</h3>
      <p className="policy-section__help">
        {t('policies.capacity.body')} <Link to="/calls">{t('policies.capacity.link')}</Link>
      </p>
      {campaigns.isSuccess && items.length === 0 ? (
        <p className="policy-section__empty">{t('policies.capacity.none')}</p>
      ) : null}
      {items.length > 0 ? (
        <ul className="policy-capacities">
          {items.map((c) => (
            <CampaignCapacity key={c.id} id={c.id} code={c.code} name={c.name} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
