import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language.ts';
import { formatInteger } from '../format/numbers.ts';
import type { FieldError } from './form-values.ts';

/** The error under a field, linked to it with `aria-describedby` by the caller. */
export function FieldErrorText({ id, error }: { id: string; error: FieldError | undefined }) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  if (!error) return null;
  const params = Object.fromEntries(
    Object.entries(error.params ?? {}).map(([k, v]) => [k, formatInteger(v, language)]),
  );
  return (
    <span id={id} className="sim-field__error" role="alert">
      {t(`errors.${error.code}`, params)}
    </span>
  );
}
