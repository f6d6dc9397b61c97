import { TIME_UNITS, type TimeUnit } from '@rumbo/flow';
import { CONTACT_CHANNELS, type ContactChannel } from '@rumbo/flow/policy';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/use-language.ts';
import { type CapRow, fieldId, type QuietRow } from './policies-form-state.ts';

/** One row of the form: its values, its errors by field key, and how to change or remove it. */
interface RowProps<Row> {
  row: Row;
  index: number;
  errors: Map<string, string>;
  onChange: (row: Row) => void;
  onRemove: () => void;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <p className="policy-error" id={`${id}-error`}>
      {message}
    </p>
  );
}

/** Props that tie an input to its error: marked invalid and described by the message. */
function errorProps(id: string, message: string | undefined) {
  return message === undefined
    ? { id }
    : { id, 'aria-invalid': true as const, 'aria-describedby': `${id}-error` };
}

function ChannelChoice({
  idBase,
  value,
  error,
  onChange,
}: {
  idBase: string;
  value: readonly ContactChannel[];
  error: string | undefined;
  onChange: (channels: ContactChannel[]) => void;
}) {
  const { t } = useTranslation('settings');
  const toggle = (channel: ContactChannel, on: boolean) =>
    onChange(CONTACT_CHANNELS.filter((c) => (c === channel ? on : value.includes(c))));
  return (
    <fieldset
      className="policy-channels"
      id={idBase}
      aria-describedby={error === undefined ? undefined : `${idBase}-error`}
    >
      <legend className="field__label">{t('policies.channelsLabel')}</legend>
      {CONTACT_CHANNELS.map((channel) => (
        <label key={channel} className="policy-check">
          <input
            type="checkbox"
            checked={value.includes(channel)}
            onChange={(e) => toggle(channel, e.target.checked)}
          />
          {t(`policies.channels.${channel}`)}
        </label>
      ))}
      <FieldError id={idBase} message={error} />
    </fieldset>
  );
}

/** "email o SMS" / "email or SMS" in the page language. */
export function useChannelList() {
  const { t } = useTranslation('settings');
  const language = useLanguage();
  const list = new Intl.ListFormat(language, { type: 'disjunction' });
  return (channels: readonly ContactChannel[]) =>
    list.format(channels.map((c) => t(`policies.channels.${c}`)));
}

/**
 * Clock fields are text, not `type="time"`: Chromium shows a time input in the browser's own
 * locale (10:00 PM in an English browser), while the policy, its sentence and the runner speak
 * 24-hour HH:MM; the check reports anything else next to the field.
 */
const CLOCK_INPUT = {
  type: 'text',
  inputMode: 'numeric',
  placeholder: 'HH:MM',
  maxLength: 5,
  autoComplete: 'off',
  className: 'policy-clock',
} as const;

export function QuietHoursRow({ row, index, errors, onChange, onRemove }: RowProps<QuietRow>) {
  const { t } = useTranslation('settings');
  const channelList = useChannelList();
  const number = index + 1;
  const key = `quietHours.${index}`;
  const startId = fieldId(`${key}.start`);
  const endId = fieldId(`${key}.end`);
  const startError = errors.get(`${key}.start`);
  const endError = errors.get(`${key}.end`);
  const complete = /^\d\d:\d\d$/.test(row.start) && /^\d\d:\d\d$/.test(row.end);
  return (
    <fieldset className="policy-row" data-testid="quiet-row">
      <legend className="policy-row__legend">{t('policies.quiet.legend', { number })}</legend>
      <div className="policy-row__fields">
        <label className="field policy-field">
          <span className="field__label">{t('policies.quiet.start')}</span>
          <input
            {...CLOCK_INPUT}
            value={row.start}
            onChange={(e) => onChange({ ...row, start: e.target.value })}
            {...errorProps(startId, startError)}
          />
        </label>
        <label className="field policy-field">
          <span className="field__label">{t('policies.quiet.end')}</span>
          <input
            {...CLOCK_INPUT}
            value={row.end}
            onChange={(e) => onChange({ ...row, end: e.target.value })}
            {...errorProps(endId, endError)}
          />
        </label>
        <ChannelChoice
          idBase={fieldId(`${key}.channels`)}
          value={row.channels}
          error={errors.get(`${key}.channels`)}
          onChange={(channels) => onChange({ ...row, channels })}
        />
        <button type="button" className="button button--secondary" onClick={onRemove}>
          {t('policies.quiet.remove', { number })}
        </button>
      </div>
      <FieldError id={startId} message={startError} />
      <FieldError id={endId} message={endError} />
      {complete && row.channels.length > 0 && row.start !== row.end ? (
        <p className="policy-row__summary">
          {t('policies.quiet.summary', {
            channels: channelList(row.channels),
            start: row.start,
            end: row.end,
            nextDay: row.end < row.start ? t('policies.quiet.nextDay') : '',
          })}
        </p>
      ) : null}
    </fieldset>
  );
}

export function PressureCapRow({ row, index, errors, onChange, onRemove }: RowProps<CapRow>) {
  const { t } = useTranslation('settings');
  const channelList = useChannelList();
  const number = index + 1;
  const key = `pressure.${index}`;
  const ids = { max: fieldId(`${key}.max`), amount: fieldId(`${key}.amount`) };
  const maxError = errors.get(`${key}.max`);
  const amountError = errors.get(`${key}.amount`);
  const whole = (text: string) => /^\d+$/.test(text.trim()) && Number(text) > 0;
  return (
    <fieldset className="policy-row" data-testid="pressure-row">
      <legend className="policy-row__legend">{t('policies.pressure.legend', { number })}</legend>
      <div className="policy-row__fields">
        <label className="field policy-field">
          <span className="field__label">{t('policies.pressure.max')}</span>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            className="policy-number"
            value={row.max}
            onChange={(e) => onChange({ ...row, max: e.target.value })}
            {...errorProps(ids.max, maxError)}
          />
        </label>
        <span className="field__label">{t('policies.pressure.contacts')}</span>
        <label className="field policy-field">
          <span className="visually-hidden">{t('policies.pressure.amount')}</span>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            className="policy-number"
            value={row.amount}
            onChange={(e) => onChange({ ...row, amount: e.target.value })}
            {...errorProps(ids.amount, amountError)}
          />
        </label>
        <label className="field policy-field">
          <span className="visually-hidden">{t('policies.pressure.unit')}</span>
          <select
            value={row.unit}
            onChange={(e) => {
              const unit = TIME_UNITS.find((u) => u === e.target.value);
              if (unit) onChange({ ...row, unit });
            }}
          >
            {TIME_UNITS.map((unit: TimeUnit) => (
              <option key={unit} value={unit}>
                {t(`policies.pressure.units.${unit}`)}
              </option>
            ))}
          </select>
        </label>
        <ChannelChoice
          idBase={fieldId(`${key}.channels`)}
          value={row.channels}
          error={errors.get(`${key}.channels`)}
          onChange={(channels) => onChange({ ...row, channels })}
        />
        <label className="field policy-field">
          <span className="field__label">{t('policies.pressure.onLimit')}</span>
          <select
            value={row.onLimit}
            onChange={(e) =>
              onChange({ ...row, onLimit: e.target.value === 'skip' ? 'skip' : 'defer' })
            }
          >
            <option value="defer">{t('policies.pressure.defer')}</option>
            <option value="skip">{t('policies.pressure.skip')}</option>
          </select>
        </label>
        <button type="button" className="button button--secondary" onClick={onRemove}>
          {t('policies.pressure.remove', { number })}
        </button>
      </div>
      <FieldError id={ids.max} message={maxError} />
      <FieldError id={ids.amount} message={amountError} />
      {whole(row.max) && whole(row.amount) && row.channels.length > 0 ? (
        <p className="policy-row__summary">
          {t('policies.pressure.summary', {
            max: row.max.trim(),
            channels: channelList(row.channels),
            amount: row.amount.trim(),
            unit: t(`policies.pressure.units.${row.unit}`),
            atLimit: t(
              row.onLimit === 'skip' ? 'policies.pressure.thenSkip' : 'policies.pressure.thenDefer',
            ),
          })}
        </p>
      ) : null}
    </fieldset>
  );
}
