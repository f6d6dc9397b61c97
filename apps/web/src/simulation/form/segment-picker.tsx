import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language.ts';
import { useSegments } from '../../segments/segments.api.ts';
import { formatInteger } from '../format/numbers.ts';
import { FieldErrorText } from './field-error.tsx';
import type { FieldError } from './form-values.ts';

/** The workspace's segments with their live counts, to sample real leads from. */
export function SegmentPicker(props: {
  value: string;
  error: FieldError | undefined;
  onChange: (segmentId: string) => void;
}) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  const segments = useSegments();
  return (
    <div className="sim-field">
      <label htmlFor="sim-segment">{t('form.segment')}</label>
      <select
        id="sim-segment"
        className="sim-input"
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={`sim-segment-help${props.error ? ' sim-segment-error' : ''}`}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">{t('form.segmentChoose')}</option>
        {(segments.data?.items ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} ({formatInteger(s.count, language)})
          </option>
        ))}
      </select>
      <span id="sim-segment-help" className="sim-field__help">
        {t('form.segmentHelp')}
      </span>
      <FieldErrorText id="sim-segment-error" error={props.error} />
    </div>
  );
}
