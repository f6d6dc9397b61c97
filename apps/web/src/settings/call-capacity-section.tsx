import { CallCapacity } from '@rumbo/flow';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/api-error.ts';
import { callKeys, useCallCampaigns, useCallDay, useSetCallDay } from '../calls/calls.api.ts';
import { CapacityControl } from '../calls/calls-toolbar.tsx';
import { useLanguage } from '../i18n/use-language.ts';
import { isTimeZone } from './quiet-preview.ts';
import { TimeZoneField } from './time-zone-field.tsx';

/**
 * The call centre's time zone: when "today" of every campaign's capacity starts. Checked in the
 * browser as typed, and by the server (PostgreSQL computes the day) on save.
 */
function CallDayControl() {
  const { t } = useTranslation('settings');
  const language = useLanguage();
  const day = useCallDay();
  const save = useSetCallDay();
  const saved = day.data?.timeZone ?? null;
  const [typed, setTyped] = useState<string | null>(null);
  const value = typed ?? saved ?? '';
  const zone = value.trim();
  const invalid = typed !== null && !isTimeZone(zone);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid || zone === '') return;
    save.mutate({ timeZone: zone }, { onSuccess: () => setTyped(null) });
  };
  const refused =
    save.error instanceof ApiError &&
    save.error.problem?.issues?.some((i) => i.code === 'unknown_time_zone') === true;
  const clock = (at: string) =>
    new Intl.DateTimeFormat(language, { timeZone: at, hour: '2-digit', minute: '2-digit' }).format(
      Date.now(),
    );
  let message: string | null = null;
  if (invalid) message = t('policies.callDay.invalid');
  else if (refused) message = t('policies.callDay.unknown', { zone });
  else if (save.error !== null) message = t('policies.saveError', { message: save.error.message });
  return (
    <form className="policy-call-day" onSubmit={submit} data-testid="call-day">
      <TimeZoneField
        label={t('policies.callDay.label')}
        value={value}
        onChange={setTyped}
        invalid={invalid || refused}
        describedBy={`${id}-status`}
      />
      <button
        type="submit"
        className="button button--secondary"
        disabled={save.isPending || invalid || zone === '' || zone === saved}
      >
        {t('policies.callDay.save')}
      </button>
      <p id={`${id}-status`} className="policy-section__help" aria-live="polite">
        {message !== null ? (
          <span className="policy-error" role="alert">
            {message}
          </span>
        ) : saved !== null ? (
          t('policies.callDay.current', { zone: saved, clock: clock(saved) })
        ) : null}
      </p>
    </form>
  );
}

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
      <CallDayControl />
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
