import { type CallLeadEvent, type CallTaskDetail, type JsonValue, STAGE_NAMES } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format/format-time.ts';
import { useLanguage } from '../i18n/use-language.ts';

const text = (value: JsonValue | undefined): string | null =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : null;

function money(value: JsonValue | undefined, currency: JsonValue | undefined, language: string) {
  if (typeof value !== 'number') return null;
  const code = typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : null;
  return code === null
    ? new Intl.NumberFormat(language).format(value)
    : new Intl.NumberFormat(language, { style: 'currency', currency: code }).format(value);
}

/** Contact data, loyalty (plan, orders, value) and the rest of what the agent needs on the call. */
export function CallCardDetails({ detail }: { detail: CallTaskDetail }) {
  const { t } = useTranslation('calls');
  const language = useLanguage();
  const { lead } = detail;
  const a = lead.attributes;
  const place = [text(a.city), text(a.state), text(a.countryName) ?? text(a.country)]
    .filter(Boolean)
    .join(', ');
  const loyalty = text(a.loyalty) ?? text(a.loyaltyStatus);
  const facts: [string, string | null][] = [
    [t('card.key'), lead.key],
    [t('card.phone'), lead.phone],
    [t('card.email'), lead.email ?? t('noEmail')],
    [t('card.stage'), STAGE_NAMES[lead.stage][language]],
    [t('card.loyalty'), loyalty],
    [t('card.plan'), text(a.plan)],
    [t('card.orders'), text(a.orders)],
    [t('card.lifetimeValue'), money(a.lifetimeValue, a.currency, language)],
    [t('card.location'), place === '' ? null : place],
  ];
  return (
    <>
      <section className="call-card__section" aria-labelledby="call-card-script">
        <h3 id="call-card-script">{t('card.script')}</h3>
        {detail.script.trim() === '' ? (
          <p className="cell-note">{t('card.noScript')}</p>
        ) : (
          <blockquote className="call-script">{detail.script}</blockquote>
        )}
      </section>
      <section className="call-card__section" aria-labelledby="call-card-contact">
        <h3 id="call-card-contact">{t('card.contact')}</h3>
        <dl className="call-facts">
          {facts
            .filter((fact): fact is [string, string] => fact[1] !== null)
            .map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
        <p className="cell-note">
          {t('card.journey', {
            node: detail.enrollment.nodeName,
            status: t(`enrollmentStatus.${detail.enrollment.status}`, {
              defaultValue: detail.enrollment.status,
            }),
          })}
        </p>
      </section>
      <section className="call-card__section" aria-labelledby="call-card-purchases">
        <h3 id="call-card-purchases">{t('card.purchases')}</h3>
        {detail.purchases.length === 0 ? (
          <p className="cell-note">{t('card.noPurchases')}</p>
        ) : (
          <ul className="call-events">
            {detail.purchases.map((p) => (
              <li key={p.id}>
                <time dateTime={p.occurredAt}>{formatDateTime(p.occurredAt, language)}</time>{' '}
                <span>
                  {[
                    text(p.properties.family),
                    money(p.properties.amount, p.properties.currency, language),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="call-card__section" aria-labelledby="call-card-history">
        <h3 id="call-card-history">{t('card.history')}</h3>
        {detail.history.length === 0 ? (
          <p className="cell-note">{t('card.noHistory')}</p>
        ) : (
          <ul className="call-events" data-testid="call-history">
            {detail.history.map((event) => (
              <HistoryItem key={event.id} event={event} detail={detail} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** One call event as a line: when, what kind, and the note, outcome or new remind date. */
export function HistoryItem({ event, detail }: { event: CallLeadEvent; detail: CallTaskDetail }) {
  const { t } = useTranslation('calls');
  const language = useLanguage();
  return (
    <li>
      <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt, language)}</time>{' '}
      <strong>{t(`report.names.${event.name}`, { defaultValue: event.name })}</strong>{' '}
      <span>{describeEvent(event, detail, language)}</span>
    </li>
  );
}

export function describeEvent(
  event: CallLeadEvent,
  detail: Pick<CallTaskDetail, 'outcomes'> | null,
  language: 'es' | 'en',
): string {
  const p = event.properties;
  const outcomeId = text(p.outcome);
  const outcome =
    outcomeId === null
      ? null
      : (detail?.outcomes.find((o) => o.id === outcomeId)?.label[language] ?? outcomeId);
  const remindAt = text(p.remindAt);
  return [
    outcome,
    remindAt === null ? null : formatDateTime(remindAt, language),
    text(p.note),
    text(p.comment),
  ]
    .filter(Boolean)
    .join(' · ');
}
