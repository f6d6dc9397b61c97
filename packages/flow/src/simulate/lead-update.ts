import { UpdateConfig } from '../catalogue/nodes/update.node.ts';
import type { LeadSnapshot } from '../lead/lead.schema.ts';

/**
 * The update node's `applyUpdate` for the simulator's hot loop: the same lead values, but
 * copy-on-write. The module builds three Sets, five arrays and two objects per visit; here a
 * tag or list array is shared when the update leaves it as it was, and a visit that changes
 * nothing (the lead is already at that stage, already tagged) returns the lead itself. Leads
 * are never mutated, so sharing is safe. Updates that set or unset attributes keep using the
 * module (returns null: the caller falls back), since those copy the attributes anyway.
 */

/** Beyond this many names, the Set-based merge of the module is the faster one. */
const SMALL = 32;

function hasDuplicates(names: readonly string[]): boolean {
  for (let i = 1; i < names.length; i++) {
    if (names.lastIndexOf(names[i] ?? '', i - 1) >= 0) return true;
  }
  return false;
}

/** `[...new Set([...current, ...add])].filter((n) => !remove.includes(n))`, sharing `current` when equal. */
function mergeNames(
  current: string[],
  add: readonly string[],
  remove: readonly string[],
): string[] {
  if (current.length > SMALL || add.length > SMALL) {
    const removed = new Set(remove);
    return [...new Set([...current, ...add])].filter((name) => !removed.has(name));
  }
  if (!hasDuplicates(current)) {
    let unchanged = true;
    for (const name of add) if (!current.includes(name)) unchanged = false;
    for (const name of remove) if (current.includes(name)) unchanged = false;
    if (unchanged) return current;
  }
  // Few names: first occurrences in order, removed ones dropped, without the Sets and spreads.
  const merged: string[] = [];
  for (const name of current) keep(merged, name, remove);
  for (const name of add) keep(merged, name, remove);
  return merged;
}

function keep(merged: string[], name: string, remove: readonly string[]): void {
  if (!merged.includes(name) && !remove.includes(name)) merged.push(name);
}

export type LeadUpdate = (lead: LeadSnapshot) => LeadSnapshot;

/** The copy-on-write form of `applyUpdate(config, ·)`, or null when the module must do it. */
export function compileLeadUpdate(type: string, raw: unknown): LeadUpdate | null {
  if (type !== 'update') return null;
  const parsed = UpdateConfig.safeParse(raw);
  if (!parsed.success) return null;
  const config = parsed.data;
  if (Object.keys(config.setAttributes).length > 0 || config.unsetAttributes.length > 0) {
    return null;
  }
  const { stage, addTags, removeTags, addToLists, removeFromLists } = config;
  return (lead) => {
    const tags = mergeNames(lead.tags, addTags, removeTags);
    const lists = mergeNames(lead.lists, addToLists, removeFromLists);
    const nextStage = stage ?? lead.stage;
    if (tags === lead.tags && lists === lead.lists && nextStage === lead.stage) return lead;
    // Same keys in the same order as the module's result; `attributes` is left as it was.
    return { ...lead, stage: nextStage, attributes: lead.attributes, tags, lists };
  };
}
