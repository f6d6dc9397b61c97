import type { TimeUnit } from '../segment/rule.schema.ts';
import { assertNever } from '../util/assert-never.ts';
import type { Locale } from '../validate/issue.ts';

const UNIT_WORDS: Record<TimeUnit, Record<Locale, [string, string]>> = {
  minutes: { es: ['minuto', 'minutos'], en: ['minute', 'minutes'] },
  hours: { es: ['hora', 'horas'], en: ['hour', 'hours'] },
  days: { es: ['día', 'días'], en: ['day', 'days'] },
  weeks: { es: ['semana', 'semanas'], en: ['week', 'weeks'] },
  months: { es: ['mes', 'meses'], en: ['month', 'months'] },
};

/** "5 días" / "5 days", "1 hora" / "1 hour". */
export function formatDuration(amount: number, unit: TimeUnit, locale: Locale): string {
  const words = UNIT_WORDS[unit][locale];
  return `${amount} ${amount === 1 ? words[0] : words[1]}`;
}

/** Milliseconds of a fixed-length unit; months count as 30 days where a fixed length is needed. */
export function unitMs(unit: TimeUnit): number {
  switch (unit) {
    case 'minutes':
      return 60_000;
    case 'hours':
      return 3_600_000;
    case 'days':
      return 86_400_000;
    case 'weeks':
      return 7 * 86_400_000;
    case 'months':
      return 30 * 86_400_000;
    default:
      return assertNever(unit, 'time unit');
  }
}

/** "50 %" in Spanish (with a space, as the RAE writes it), "50%" in English. */
export function formatPercent(value: number, locale: Locale): string {
  const rounded = Math.round(value * 100) / 100;
  return locale === 'es' ? `${String(rounded).replace('.', ',')} %` : `${rounded}%`;
}
