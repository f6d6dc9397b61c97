import { createInstance, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
import en from './en.json';
import es from './es.json';
import { isLanguage, LANGUAGE_STORAGE_KEY, type Language, pickLanguage } from './language.ts';

/**
 * Feature folders (designer, monitor, call list…) bring their own strings in
 * `src/<feature>/i18n/es.json` and `en.json`; each pair becomes the namespace `<feature>`
 * (`useTranslation('designer')`), so a feature never edits the shell's files.
 * `i18n-keys.test.ts` checks every pair has the same keys.
 */
const featureFiles = import.meta.glob<unknown>('../*/i18n/*.json', {
  eager: true,
  import: 'default',
});

const Messages = z.record(z.string(), z.unknown());

function featureBundles(): { language: Language; namespace: string; messages: object }[] {
  const bundles = [];
  for (const [path, content] of Object.entries(featureFiles)) {
    const match = /^\.\.\/([^/]+)\/i18n\/([a-z]+)\.json$/.exec(path);
    const messages = Messages.safeParse(content);
    if (!match?.[1] || !isLanguage(match[2]) || !messages.success) continue;
    bundles.push({ language: match[2], namespace: match[1], messages: messages.data });
  }
  return bundles;
}

/** A configured i18next instance showing `language`; React reads it through `I18nextProvider`. */
export function createI18n(language: Language): i18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['es', 'en'],
    resources: { es: { translation: es }, en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    initAsync: false,
  });
  for (const bundle of featureBundles()) {
    instance.addResourceBundle(bundle.language, bundle.namespace, bundle.messages);
  }
  return instance;
}

function readStoredLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // storage blocked (private mode, policy): fall back to the browser's preference
  }
}

/** The language for this visit: the remembered choice, else the browser's preference. */
export function initialLanguage(): Language {
  return pickLanguage(readStoredLanguage(), navigator.languages ?? [navigator.language]);
}

/** Remembers an explicit choice, and keeps `<html lang>` in step so screen readers switch voice. */
export function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // storage blocked: the choice lasts for this visit only
  }
}

export function syncDocumentLanguage(instance: i18n): void {
  const apply = (language: string) => {
    document.documentElement.lang = isLanguage(language) ? language : 'en';
  };
  apply(instance.language);
  instance.on('languageChanged', apply);
}
