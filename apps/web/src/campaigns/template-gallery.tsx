import { templates } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/use-language.ts';

/** The ready-made campaigns of `@rumbo/flow`, with their names and descriptions in the UI language. */
export function TemplateGallery({
  selected,
  onSelect,
}: {
  selected: string;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <fieldset className="template-gallery">
      <legend className="form-field__label">{t('campaigns.create.template')}</legend>
      <div className="template-gallery__grid">
        {templates.map((template) => {
          const steps = template.build(language).nodes.filter((node) => node.type !== 'note');
          return (
            <label key={template.id} className="template-card">
              <input
                type="radio"
                name="template"
                value={template.id}
                checked={selected === template.id}
                onChange={() => onSelect(template.id)}
              />
              <span className="template-card__name">{template.name[language]}</span>
              <span className="template-card__description">{template.description[language]}</span>
              <span className="template-card__meta">
                {t('campaigns.create.steps', { count: steps.length })}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
