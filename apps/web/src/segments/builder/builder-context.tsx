import { createContext, useContext } from 'react';
import type { BuilderCatalog } from './builder-catalog.ts';

export interface BuilderState {
  catalog: BuilderCatalog;
  /** Translated issue messages by builder path (`'1.0'`), shown next to the rule. */
  issues: ReadonlyMap<string, readonly string[]>;
}

export const BuilderContext = createContext<BuilderState | null>(null);

export function useBuilder(): BuilderState {
  const state = useContext(BuilderContext);
  if (state === null) throw new Error('useBuilder needs a <BuilderContext.Provider> above it');
  return state;
}
