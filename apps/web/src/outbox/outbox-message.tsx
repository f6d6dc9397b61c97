import { OUTBOX_TEST_SIGNALS, type OutboxMessageDetail } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { useFireSignal, useOutboxMessage } from './outbox.api.ts';

/** The rendered message and, for a test-mode message, the responses a tester can fire. */
export function OutboxMessagePanel({
  campaignId,
  messageId,
}: {
  campaignId: string;
  messageId: string | null;
}) {
  const { t } = useTranslation('outbox');
  const message = useOutboxMessage(messageId);
  if (messageId === null) {
    return <p className="outbox-detail__none">{t('detail.none')}</p>;
  }
  if (message.isPending) return <p>{t('loading')}</p>;
  if (message.isError) return <p role="alert">{message.error.message}</p>;
  return <MessageView campaignId={campaignId} message={message.data} />;
}

function MessageView({
  campaignId,
  message,
}: {
  campaignId: string;
  message: OutboxMessageDetail;
}) {
  const { t } = useTranslation('outbox');
  const fire = useFireSignal(campaignId);
  const testMode = message.mode === 'test';
  const outcome = fire.data;
  const fired = fire.variables?.name ?? '';
  const firedLabel = fired === '' ? '' : t(`signals.${fired}`, { defaultValue: fired });
  return (
    <article className="outbox-detail" aria-label={t('detail.title')}>
      <dl className="outbox-detail__facts">
        <dt>{t('detail.to')}</dt>
        <dd>
          {message.leadName ?? message.leadKey} &lt;{message.recipient}&gt;
        </dd>
        {message.webhook ? (
          <>
            <dt>{t('detail.request')}</dt>
            <dd className="outbox-detail__subject">
              {message.webhook.method} {message.webhook.url}
            </dd>
            <dt>{t('detail.response')}</dt>
            <dd>
              {message.webhook.responseStatus === null
                ? t('detail.noResponse')
                : `HTTP ${message.webhook.responseStatus}`}
            </dd>
          </>
        ) : (
          <>
            <dt>{t('detail.subject')}</dt>
            <dd className="outbox-detail__subject">{message.subject ?? t('detail.noSubject')}</dd>
          </>
        )}
        <dt>{t('columns.status')}</dt>
        <dd>{t(`statuses.${message.status}`)}</dd>
        <dt>{t('detail.attempts')}</dt>
        <dd>{message.attempts}</dd>
        {message.providerId ? (
          <>
            <dt>{t('detail.providerId')}</dt>
            <dd className="outbox-detail__provider">{message.providerId}</dd>
          </>
        ) : null}
        {message.error ? (
          <>
            <dt>{t('detail.error')}</dt>
            <dd>{message.error}</dd>
          </>
        ) : null}
      </dl>
      {message.html !== null ? (
        // Sandboxed with no permissions: the rendered HTML can neither run script nor navigate.
        <iframe
          className="outbox-detail__frame"
          title={t('detail.preview')}
          sandbox=""
          srcDoc={message.html}
        />
      ) : message.webhook ? (
        <WebhookRequest webhook={message.webhook} />
      ) : (
        <pre className="outbox-detail__text">{message.text ?? message.preview}</pre>
      )}
      <section className="outbox-test" aria-label={t('test.title')}>
        <h3 className="outbox-test__title">{t('test.title')}</h3>
        <p className="outbox-test__hint">{testMode ? t('test.hint') : t('test.liveHint')}</p>
        {testMode && message.leadKey !== null ? (
          <div className="outbox-test__buttons">
            {OUTBOX_TEST_SIGNALS[message.channel].map((name) => (
              <button
                key={name}
                type="button"
                className="button"
                disabled={fire.isPending}
                onClick={() =>
                  fire.mutate({
                    messageId: message.id,
                    leadKey: message.leadKey ?? '',
                    stepId: message.stepId,
                    name,
                  })
                }
              >
                {t(`signals.${name}`)}
              </button>
            ))}
          </div>
        ) : null}
        <p className="outbox-test__result" role="status">
          {fire.isError
            ? t('test.failed')
            : outcome === undefined
              ? ''
              : outcome.replayed
                ? t('test.replayed')
                : outcome.moved > 0
                  ? t('test.moved', { count: outcome.moved, signal: firedLabel })
                  : t('test.nobody', { signal: firedLabel })}
        </p>
      </section>
    </article>
  );
}

/** A webhook as the runner rendered it: headers, then the body (pretty-printed when it is JSON). */
function WebhookRequest({ webhook }: { webhook: NonNullable<OutboxMessageDetail['webhook']> }) {
  const { t } = useTranslation('outbox');
  const headers = Object.entries(webhook.headers);
  return (
    <div className="outbox-detail__webhook">
      {headers.length > 0 ? (
        <dl className="outbox-detail__headers" aria-label={t('detail.headers')}>
          {headers.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <p className="outbox-detail__label">{t('detail.body')}</p>
      <pre className="outbox-detail__text">{prettyBody(webhook.body)}</pre>
    </div>
  );
}

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
