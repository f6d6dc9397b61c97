import { type FlowDocument, templates } from '@rumbo/flow';
import { useModalDialog } from '../../app/use-modal-dialog.ts';
import { useDesignerT } from '../editor/editor-context.tsx';

/**
 * Start a draft from a ready-made campaign (the seed campaigns, welcome series, cart
 * abandonment, birthday, win-back, NPS follow-up), in the active language. Replacing the
 * canvas is one undoable step, so picking the wrong one costs a Ctrl+Z.
 */
export function TemplatesGallery({
  open,
  onClose,
  onPick,
}: {
  open: boolean;
  onClose: () => void;
  onPick: (document: FlowDocument) => void;
}) {
  const { t, locale } = useDesignerT();
  const dialog = useModalDialog(open);
  return (
    <dialog ref={dialog} className="templates" aria-labelledby="templates-title" onClose={onClose}>
      <h2 id="templates-title">{t('templates.title')}</h2>
      <p className="field__hint">{t('templates.hint')}</p>
      <ul className="templates__grid">
        {templates.map((template) => (
          <li key={template.id} className="templates__card">
            <h3>{template.name[locale]}</h3>
            <p>{template.description[locale]}</p>
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                onPick(template.build(locale));
                onClose();
              }}
              aria-label={t('templates.use', { name: template.name[locale] })}
            >
              {t('templates.useShort')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button button--secondary" onClick={onClose}>
        {t('actions.close')}
      </button>
    </dialog>
  );
}
