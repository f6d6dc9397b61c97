import type { Locale } from '@rumbo/flow';
import type { TFunction } from 'i18next';
import { createContext, type ReactNode, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useLanguage } from '../../i18n/use-language.ts';
import type { EditorStore, EditorStoreApi } from '../store/editor.store.ts';

const EditorContext = createContext<EditorStoreApi | null>(null);

/** One editor store per open campaign, shared by canvas, palette, inspector and panels. */
export function EditorProvider({
  store,
  children,
}: {
  store: EditorStoreApi;
  children: ReactNode;
}) {
  return <EditorContext.Provider value={store}>{children}</EditorContext.Provider>;
}

export function useEditorStore(): EditorStoreApi {
  const store = useContext(EditorContext);
  if (!store) throw new Error('useEditorStore needs an <EditorProvider> above it');
  return store;
}

/** Subscribes to a slice of the editor state; return stable references (or use useShallow). */
export function useEditor<T>(selector: (state: EditorStore) => T): T {
  return useStore(useEditorStore(), selector);
}

/** The designer's translation function and the active language as a catalogue locale. */
export function useDesignerT(): { t: TFunction<'designer'>; locale: Locale } {
  const { t } = useTranslation('designer');
  return { t, locale: useLanguage() };
}
