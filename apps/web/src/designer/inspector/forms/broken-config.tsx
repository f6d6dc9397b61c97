import { useDesignerT } from '../../editor/editor-context.tsx';

/** Said when a stored config does not match its type: the form shows defaults, nothing is lost until edited. */
export function BrokenConfig() {
  const { t } = useDesignerT();
  return (
    <p className="notice notice--warning" role="status">
      {t('inspector.brokenConfig')}
    </p>
  );
}
