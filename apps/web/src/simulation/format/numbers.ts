import type { Language } from '../../i18n/language.ts';

/** Money in the campaign currency, in the reader's language (1.234,50 € / €1,234.50). */
export function formatMoney(value: number, currency: string, language: Language): string {
  return new Intl.NumberFormat(language === 'es' ? 'es-ES' : 'en-GB', {
    style: 'currency',
    currency,
    // es-ES leaves four-digit amounts ungrouped by default ("1235 €"); reviewers read "1.235 €".
    useGrouping: 'always',
    maximumFractionDigits: Math.abs(value) >= 1000 ? 0 : 2,
  }).format(value);
}

/** A 0–1 ratio as a percentage with one decimal. */
export function formatPercent(ratio: number, language: Language): string {
  return new Intl.NumberFormat(language === 'es' ? 'es-ES' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(ratio);
}

export function formatInteger(value: number, language: Language): string {
  // Same reason: "1.000 leads", not "1000 leads".
  return new Intl.NumberFormat(language === 'es' ? 'es-ES' : 'en-GB', {
    useGrouping: 'always',
    maximumFractionDigits: 0,
  }).format(value);
}

/** Epoch ms as a short date and time in the reader's language, in UTC like the simulator. */
export function formatInstant(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(language === 'es' ? 'es-ES' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(ms);
}
