import type { Localised } from '@rumbo/flow';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from './language.ts';

/** The active interface language, for `Intl` formatters and `@rumbo/flow` labels. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'en';
}

/**
 * Picks the active language from a `Localised` text of `@rumbo/flow` (node type labels,
 * template names, issue messages), so those labels follow the language switch too.
 */
export function useLocalised(): (text: Localised) => string {
  const language = useLanguage();
  return useCallback((text: Localised) => text[language], [language]);
}
