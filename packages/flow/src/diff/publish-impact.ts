import type { LiveLeads } from '../api/review.api.ts';
import { findNodeModule } from '../catalogue/registry.ts';
import type { FlowDocument, FlowNode } from '../document/flow.schema.ts';
import type { NodeId } from '../ids.ts';
import { type NodeRoutes, nodeRoutes } from '../runtime/node-routes.ts';

/**
 * What publishing does to the leads already in a campaign (DESIGN §5): a lead at a node the new
 * version keeps (same id) continues there; a lead at a node it deletes goes where the reviewer
 * maps it, or finishes its journey on its own version. The runner's migration asks
 * `migrationTarget`, the review screen shows `publishImpact`: one rule for both.
 */

/** Where a lead at `nodeId` continues in the new version, or null: it stays on its version. */
export function migrationTarget(
  nodeId: string,
  next: FlowDocument,
  nodeMap: Readonly<Record<string, string>>,
): string | null {
  const mapped = nodeMap[nodeId];
  if (mapped !== undefined) return mapped;
  return next.nodes.some((n) => n.id === nodeId) ? nodeId : null;
}

/**
 * Whether every kind of wait a lead can have at `before` exists at `after`: signals, a delay,
 * a timeout. A waiting lead keeps its wait when it moves only where the new node has the same
 * kind of transition; otherwise it stays on its version (the runner's migration, `waitMap`).
 */
export function waitsKept(before: NodeRoutes | null, after: NodeRoutes | null): boolean {
  if (before === null) return true;
  if (after === null) return false;
  if (before.signals.length > 0 && after.signals.length === 0) return false;
  if (before.timed !== null && after.timed === null) return false;
  return before.timeout === null || after.timeout !== null;
}

export interface ImpactRow {
  nodeId: NodeId;
  /** The node's name in the draft, else in the published version, else its id. */
  name: string;
  type: string | null;
  /** Live leads at the node, over every version. */
  count: number;
  /** The versions those leads are on, ascending. */
  versions: number[];
  /** The draft keeps the node: its leads continue there when they move to the new version. */
  kept: boolean;
  /**
   * A kept node keeps every kind of wait the published one had (`waitsKept`); when false, the
   * leads waiting for what the draft took away finish on their version.
   */
  waitsKept: boolean;
}

/** The campaign's live leads per node, in the draft's node order, then the deleted nodes. */
export function publishImpact(
  live: readonly LiveLeads[],
  draft: FlowDocument,
  published: FlowDocument | null,
): ImpactRow[] {
  const rows = new Map<NodeId, ImpactRow>();
  for (const { nodeId, version, count } of live) {
    const node =
      draft.nodes.find((n) => n.id === nodeId) ?? published?.nodes.find((n) => n.id === nodeId);
    const row = rows.get(nodeId) ?? {
      nodeId,
      name: node?.name || nodeId,
      type: node?.type ?? null,
      count: 0,
      versions: [],
      kept: migrationTarget(nodeId, draft, {}) !== null,
      waitsKept: waitsKept(
        published ? nodeRoutes(published, nodeId) : null,
        nodeRoutes(draft, nodeId),
      ),
    };
    row.count += count;
    if (!row.versions.includes(version)) row.versions.push(version);
    row.versions.sort((a, b) => a - b);
    rows.set(nodeId, row);
  }
  const order = (id: string) => {
    const at = draft.nodes.findIndex((n) => n.id === id);
    if (at >= 0) return at;
    const before = published?.nodes.findIndex((n) => n.id === id) ?? -1;
    return draft.nodes.length + (before >= 0 ? before : Number.MAX_SAFE_INTEGER);
  };
  return [...rows.values()].sort((a, b) => order(a.nodeId) - order(b.nodeId));
}

/** The node actions leads wait at (a message's signals, a call's outcomes, a wait's date). */
const WAITING_ACTIONS: readonly string[] = ['send', 'task', 'hold', 'http'];

/**
 * Nodes of the new version a deleted node's leads may be sent to: those leads wait at. A lead
 * waiting at the old node keeps its wait only where the new node has the same kind of
 * transition (the runner leaves it on its version otherwise), which a branch or an end never has.
 */
export function mapTargets(draft: FlowDocument): FlowNode[] {
  return draft.nodes.filter((n) => WAITING_ACTIONS.includes(findNodeModule(n.type)?.action ?? ''));
}
