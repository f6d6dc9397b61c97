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
        <dt>{t('detail.subject')}</dt>
        <dd className="outbox-detail__subject">{message.subject ?? t('detail.noSubject')}</dd>
        <dt>{t('columns.status')}</dt>
        <dd>{t(`statuses.${message.status}`)}</dd>
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
