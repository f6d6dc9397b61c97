import type { NodeId, TransitionId } from '../ids.ts';

/** Localised text; every user-visible string exists in Spanish and English. */
export interface Localised {
  es: string;
  en: string;
}
export type Locale = keyof Localised;

export type Severity = 'error' | 'warning' | 'info';

/**
 * One finding of the validator: never prose, always a stable code plus the place and the
 * parameters the translated message needs. Errors block publishing; warnings do not.
 */
export interface Issue {
  code: string;
  severity: Severity;
  nodeId?: NodeId;
  transitionId?: TransitionId;
  /** Path inside the document or the node config, e.g. `['config', 'subject']`. */
  path?: (string | number)[];
  params: Record<string, string | number | boolean | string[]>;
}
