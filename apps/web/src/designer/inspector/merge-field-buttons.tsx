import type { RefObject } from 'react';
import { useDesignerT } from '../editor/editor-context.tsx';

const MERGE_FIELDS = ['name', 'email', 'phone', 'key'] as const;

/**
 * Buttons that insert `{{ lead.name }}`-style merge fields at the cursor of a text area, so a
 * marketer never has to type the braces (or get them wrong).
 */
export function MergeFieldButtons({
  target,
  value,
  onInsert,
}: {
  target: RefObject<HTMLTextAreaElement | HTMLInputElement | null>;
  value: string;
  onInsert: (next: string) => void;
}) {
  const { t } = useDesignerT();
  const insert = (field: string) => {
    const tag = `{{ lead.${field} }}`;
    const element = target.current;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    onInsert(value.slice(0, start) + tag + value.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + tag.length, start + tag.length);
    });
  };
  return (
    <fieldset className="merge-fields">
      <legend className="merge-fields__title">{t('mergeFields.label')}</legend>
      {MERGE_FIELDS.map((field) => (
        <button key={field} type="button" className="chip" onClick={() => insert(field)}>
          {t(`mergeFields.${field}`)}
        </button>
      ))}
    </fieldset>
  );
}
