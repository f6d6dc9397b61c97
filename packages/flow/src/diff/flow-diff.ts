import type {
  CampaignSettings,
  FlowDocument,
  FlowNode,
  Transition,
} from '../document/flow.schema.ts';
import type { NodeId, TransitionId } from '../ids.ts';
import { jsonEqual } from './deep-equal.ts';

/**
 * What a draft changes against the published version, by id: ids are stable across versions
 * (DESIGN §8), so a renamed node is "changed", not "removed + added". Layout is ignored —
 * moving a node never changes what the flow does.
 */

export const NODE_DIFF_FIELDS = ['type', 'name', 'config', 'cost', 'stalePolicy'] as const;
export type NodeDiffField = (typeof NODE_DIFF_FIELDS)[number];

export const TRANSITION_DIFF_FIELDS = [
  'source',
  'target',
  'sourceHandle',
  'targetHandle',
  'trigger',
  'label',
] as const;
export type TransitionDiffField = (typeof TRANSITION_DIFF_FIELDS)[number];

export interface ChangedNode {
  nodeId: NodeId;
  fields: NodeDiffField[];
}

export interface ChangedTransition {
  transitionId: TransitionId;
  fields: TransitionDiffField[];
}

export interface FlowDiff {
  /** In the order of the document that has them (draft for added, published for removed). */
  nodes: { added: NodeId[]; removed: NodeId[]; changed: ChangedNode[] };
  transitions: { added: TransitionId[]; removed: TransitionId[]; changed: ChangedTransition[] };
  /** Campaign settings whose value differs (`fixedCost`, `controlShare`, …). */
  settings: (keyof CampaignSettings)[];
  /** True when the two documents mean the same flow (at most the layout differs). */
  empty: boolean;
}

function changedFields<T, F extends keyof T>(before: T, after: T, fields: readonly F[]): F[] {
  return fields.filter((field) => !jsonEqual(before[field], after[field]));
}

function diffById<T extends { id: string }, F extends keyof T>(
  before: readonly T[],
  after: readonly T[],
  fields: readonly F[],
) {
  const old = new Map(before.map((item) => [item.id, item]));
  const now = new Set(after.map((item) => item.id));
  const added: T[] = [];
  const changed: { item: T; fields: F[] }[] = [];
  for (const item of after) {
    const previous = old.get(item.id);
    if (!previous) {
      added.push(item);
      continue;
    }
    const differing = changedFields(previous, item, fields);
    if (differing.length > 0) changed.push({ item, fields: differing });
  }
  const removed = before.filter((item) => !now.has(item.id));
  return { added, removed, changed };
}

function settingsDiff(before: CampaignSettings, after: CampaignSettings) {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const settings: (keyof CampaignSettings)[] = [];
  for (const key of keys) {
    if (!isSettingsKey(key, after, before)) continue;
    if (!jsonEqual(before[key], after[key])) settings.push(key);
  }
  return settings;
}

function isSettingsKey(
  key: string,
  a: CampaignSettings,
  b: CampaignSettings,
): key is keyof CampaignSettings {
  return Object.hasOwn(a, key) || Object.hasOwn(b, key);
}

/**
 * The diff of `after` (the draft) against `before` (the published version); with no
 * published version every node and transition of the draft is "added".
 */
export function diffFlows(before: FlowDocument | null, after: FlowDocument): FlowDiff {
  const nodes = diffById<FlowNode, NodeDiffField>(
    before?.nodes ?? [],
    after.nodes,
    NODE_DIFF_FIELDS,
  );
  const transitions = diffById<Transition, TransitionDiffField>(
    before?.transitions ?? [],
    after.transitions,
    TRANSITION_DIFF_FIELDS,
  );
  const settings = before ? settingsDiff(before.settings, after.settings) : [];
  const empty =
    nodes.added.length + nodes.removed.length + nodes.changed.length === 0 &&
    transitions.added.length + transitions.removed.length + transitions.changed.length === 0 &&
    settings.length === 0;
  return {
    nodes: {
      added: nodes.added.map((n) => n.id),
      removed: nodes.removed.map((n) => n.id),
      changed: nodes.changed.map((c) => ({ nodeId: c.item.id, fields: c.fields })),
    },
    transitions: {
      added: transitions.added.map((t) => t.id),
      removed: transitions.removed.map((t) => t.id),
      changed: transitions.changed.map((c) => ({ transitionId: c.item.id, fields: c.fields })),
    },
    settings,
    empty,
  };
}

/** How each id fares in the diff, for highlighting a canvas that shows both versions' elements. */
export type DiffMark = 'added' | 'removed' | 'changed';

export function diffMarks(diff: FlowDiff): {
  nodes: Record<string, DiffMark>;
  transitions: Record<string, DiffMark>;
} {
  const nodes: Record<string, DiffMark> = {};
  const transitions: Record<string, DiffMark> = {};
  for (const id of diff.nodes.added) nodes[id] = 'added';
  for (const id of diff.nodes.removed) nodes[id] = 'removed';
  for (const c of diff.nodes.changed) nodes[c.nodeId] = 'changed';
  for (const id of diff.transitions.added) transitions[id] = 'added';
  for (const id of diff.transitions.removed) transitions[id] = 'removed';
  for (const c of diff.transitions.changed) transitions[c.transitionId] = 'changed';
  return { nodes, transitions };
}
