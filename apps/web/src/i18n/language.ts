/** The languages the interface ships in. The first users are Spanish-speaking teams. */
export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where the user's explicit choice is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = 'rumbo.language';

export function isLanguage(value: unknown): value is Language {
  return value === 'es' || value === 'en';
}

/**
 * The language to show: the user's remembered choice when there is one; otherwise the first
 * of the browser's preferred languages that we ship (so `es-MX` gives Spanish and
 * `['fr', 'es']` too); English when the browser prefers none of ours.
 */
export function pickLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}
