import type { ContactChannel, QuietHours } from '@rumbo/flow/policy';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/use-language.ts';
import { previewQuietHours, untilParts } from './quiet-preview.ts';

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
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
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
      <label className="field">
        <span className="field__label">{t('policies.preview.zone')}</span>
        <input
          id={`${id}-zone`}
          list={`${id}-zones`}
          value={zone}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setZone(e.target.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-result`}
        />
      </label>
      <datalist id={`${id}-zones`}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
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
