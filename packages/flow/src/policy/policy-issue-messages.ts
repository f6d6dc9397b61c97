import type { Locale, Localised } from '../validate/issue.ts';
import type { PolicyIssue, PolicyIssueCode } from './policy-check.ts';

/** One sentence per issue code, shown next to the field it names; `{x}` are the issue's params. */
const POLICY_ISSUE_MESSAGES: Record<PolicyIssueCode, Localised> = {
  required: { es: 'Falta este dato.', en: 'This value is missing.' },
  invalid_type: { es: 'Este valor no es válido.', en: 'This value is not valid.' },
  not_integer: { es: 'Escribe un número entero.', en: 'Enter a whole number.' },
  invalid_clock: {
    es: 'Escribe una hora como 21:00 (formato de 24 horas).',
    en: 'Enter a time such as 21:00 (24-hour clock).',
  },
  invalid_choice: {
    es: 'Valor no admitido; elige uno de: {allowed}.',
    en: 'Not an allowed value; choose one of: {allowed}.',
  },
  no_channel: { es: 'Elige al menos un canal.', en: 'Choose at least one channel.' },
  too_small: { es: 'Debe ser como mínimo {minimum}.', en: 'Must be at least {minimum}.' },
  too_big: { es: 'Debe ser como máximo {maximum}.', en: 'Must be at most {maximum}.' },
  too_many: { es: 'Como máximo {maximum} reglas.', en: 'At most {maximum} rules.' },
  unknown_field: {
    es: 'Campo desconocido: no se guardaría.',
    en: 'Unknown field: it would not be saved.',
  },
  empty_window: {
    es: 'El inicio y el fin son la misma hora ({at}): la franja no cubriría nada.',
    en: 'Start and end are the same time ({at}): the window would cover nothing.',
  },
  duplicate_channel: {
    es: 'El canal {channel} aparece dos veces.',
    en: 'The channel {channel} appears twice.',
  },
  zero_period: {
    es: 'El periodo debe durar al menos 1 unidad.',
    en: 'The period must last at least 1 unit.',
  },
};

export function policyIssueMessage(issue: PolicyIssue, locale: Locale): string {
  return POLICY_ISSUE_MESSAGES[issue.code][locale].replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = issue.params[key];
    return value === undefined ? whole : String(value);
  });
}
