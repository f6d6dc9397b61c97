import {
  findNodeModule,
  type Locale,
  type NodeCategory,
  type NodeModule,
  nodeModules,
} from '@rumbo/flow';

/** The designer's view of the shared catalogue: lookups by type name and palette groups. */

export function moduleFor(type: string): NodeModule | undefined {
  return findNodeModule(type);
}

export const CATEGORY_ORDER: readonly NodeCategory[] = [
  'start',
  'message',
  'timing',
  'logic',
  'data',
  'end',
  'annotation',
];

export interface PaletteGroup {
  category: NodeCategory;
  modules: NodeModule[];
}

/** Every node type, grouped by category in palette order; categories without types are left out. */
export function paletteGroups(): PaletteGroup[] {
  return CATEGORY_ORDER.map((category) => ({
    category,
    modules: nodeModules.filter((m) => m.category === category),
  })).filter((group) => group.modules.length > 0);
}

/** The type's name in the given language, or the raw type for an unknown one. */
export function typeLabel(type: string, locale: Locale): string {
  return moduleFor(type)?.label[locale] ?? type;
}

/** Terminal nodes and notes take no outgoing transition, so they show no source handle. */
export function hasOutgoing(type: string): boolean {
  return (moduleFor(type)?.allowedTriggers.length ?? 0) > 0;
}

/** Entries start journeys and notes are never executed: neither takes incoming transitions. */
export function hasIncoming(type: string): boolean {
  return type !== 'entry' && type !== 'note';
}
