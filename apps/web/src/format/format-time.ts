import type { Language } from '../i18n/language.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "Last change" as a marketer reads it: relative while recent ("hace 5 minutos",
 * "ayer"), a plain date after a week, when relative wording stops being useful.
 * `now` is passed in so the same input always gives the same text.
 */
export function formatRelativeTime(iso: string, now: number, language: Language): string {
  const then = Date.parse(iso);
  const elapsed = now - then;
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  if (elapsed < MINUTE) return relative.format(0, 'second');
  if (elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 7 * DAY) return relative.format(-Math.floor(elapsed / DAY), 'day');
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(then);
}

/** The exact instant, for tooltips and screen readers. */
export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(
    Date.parse(iso),
  );
}

export function formatCount(value: number, language: Language): string {
  return new Intl.NumberFormat(language).format(value);
}
