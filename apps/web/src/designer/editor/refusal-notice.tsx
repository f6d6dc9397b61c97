import { useDesignerT, useEditor } from './editor-context.tsx';

/** Says, in words, why the last connection was not drawn. */
export function RefusalNotice() {
  const { t } = useDesignerT();
  const refusal = useEditor((s) => s.refusal);
  return (
    <div className="refusal" role="status" aria-live="polite">
      {refusal && <p className="notice notice--warning">{t(`refusal.${refusal}`)}</p>}
    </div>
  );
}
