import { useTranslation } from 'react-i18next';
import { rememberLanguage } from '../i18n/i18n.ts';
import { LANGUAGES, type Language } from '../i18n/language.ts';

/**
 * ES | EN toggle. Each button names its language in that language (`lang` set), so a
 * screen reader pronounces "Español" and "English" correctly whichever is active.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const choose = (language: Language) => {
    rememberLanguage(language);
    void i18n.changeLanguage(language);
  };
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('language.label')}</legend>
      {LANGUAGES.map((language) => {
        const active = i18n.language === language;
        return (
          <button
            key={language}
            type="button"
            lang={language}
            aria-pressed={active}
            aria-label={t(`language.${language}`)}
            title={t(`language.${language}`)}
            className="language-switch__option"
            onClick={() => choose(language)}
          >
            {t(`language.short.${language}`)}
          </button>
        );
      })}
    </fieldset>
  );
}
