import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "Campañas · Rumbo": the tab and the history list say which screen this is, in the active language. */
export function useDocumentTitle(page: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.documentTitle', { page });
  }, [page, t]);
}
