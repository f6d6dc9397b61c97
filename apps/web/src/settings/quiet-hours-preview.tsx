import type { ContactChannel, QuietHours } from '@rumbo/flow/policy';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/use-language.ts';
import { previewQuietHours, untilParts } from './quiet-preview.ts';
import { TimeZoneField } from './time-zone-field.tsx';

function browserZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Madrid';
}

/**
 * "What would happen right now to a lead in this zone?" under the windows on screen (saved or
 * not), computed by the runner's own `quietHoursUntil`.
 */
export function QuietHoursPreview({ windows }: { windows: readonly QuietHours[] }) {
  const { t } = useTranslation('settings');
  const language = useLanguage();
  const [zone, setZone] = useState(browserZone);
  const id = useId();
  const nowMs = Date.now();
  const preview = previewQuietHours(windows, zone.trim(), nowMs);
  const invalid = preview.kind === 'invalid_zone';
  const waitText = (channel: ContactChannel, untilMs: number) => {
    const { clock, weekday } = untilParts(untilMs, nowMs, zone.trim(), language);
    const name = t(`policies.channels.${channel}`);
    return weekday === null
      ? t('policies.preview.waits', { channel: name, clock })
      : t('policies.preview.waitsDay', { channel: name, clock, weekday });
  };
  return (
    <div className="policy-preview" data-testid="quiet-preview">
      <TimeZoneField
        label={t('policies.preview.zone')}
        value={zone}
        onChange={setZone}
        invalid={invalid}
        describedBy={`${id}-result`}
      />
      <div id={`${id}-result`} aria-live="polite">
        {preview.kind === 'invalid_zone' ? (
          <p className="policy-error">{t('policies.preview.invalidZone')}</p>
        ) : (
          <>
            <p className="policy-preview__now">
              {t('policies.preview.now', { clock: preview.localNow, zone: zone.trim() })}
            </p>
            <ul className="policy-preview__list">
              {preview.channels.map(({ channel, untilMs }) => (
                <li key={channel}>
                  {untilMs === null
                    ? t('policies.preview.sendsNow', {
                        channel: t(`policies.channels.${channel}`),
                      })
                    : waitText(channel, untilMs)}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
