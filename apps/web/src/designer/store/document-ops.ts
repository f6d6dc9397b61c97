import type {
  FlowDocument,
  FlowNode,
  NodeId,
  NodeModule,
  StalePolicy,
  Transition,
  TransitionId,
  Trigger,
} from '@rumbo/flow';
import { defaultTrigger } from './default-trigger.ts';

/**
 * Pure, immutable edits of a flow document. Each returns a new document (sharing what did
 * not change), so the editor's history can keep every version by reference.
 */

export interface Point {
  x: number;
  y: number;
}

export type ModuleLookup = (type: string) => NodeModule | undefined;

export function addNode(doc: FlowDocument, node: FlowNode, position: Point): FlowDocument {
  return {
    ...doc,
    nodes: [...doc.nodes, node],
    layout: { ...doc.layout, nodes: { ...doc.layout.nodes, [node.id]: position } },
  };
}

export function moveNodes(doc: FlowDocument, positions: Record<string, Point>): FlowDocument {
  return { ...doc, layout: { ...doc.layout, nodes: { ...doc.layout.nodes, ...positions } } };
}

export interface ConnectRequest {
  id: TransitionId;
  source: NodeId;
  target: NodeId;
  sourceHandle?: string | null;
  targetHandle?: string | null;
  trigger?: Trigger;
}

/** Why a connection cannot be drawn; the canvas explains it in words. */
export type ConnectRefusal = 'unknown-node' | 'source-ends-journey' | 'note' | 'self';

export type ConnectResult =
  | { ok: true; document: FlowDocument; transition: Transition }
  | { ok: false; reason: ConnectRefusal };

/** Draws a transition with the first trigger valid for its source (email → `opened`). */
export function connect(
  doc: FlowDocument,
  request: ConnectRequest,
  moduleFor: ModuleLookup,
): ConnectResult {
  const source = doc.nodes.find((n) => n.id === request.source);
  const target = doc.nodes.find((n) => n.id === request.target);
  if (!source || !target) return { ok: false, reason: 'unknown-node' };
  if (source.id === target.id) return { ok: false, reason: 'self' };
  if (source.type === 'note' || target.type === 'note') return { ok: false, reason: 'note' };
  const module = moduleFor(source.type);
  const outgoing = doc.transitions.filter((t) => t.source === source.id);
  const trigger = request.trigger ?? (module ? defaultTrigger(module, source, outgoing) : null);
  if (!trigger) return { ok: false, reason: 'source-ends-journey' };
  const transition: Transition = {
    id: request.id,
    source: source.id,
    target: target.id,
    ...(request.sourceHandle != null ? { sourceHandle: request.sourceHandle } : {}),
    ...(request.targetHandle != null ? { targetHandle: request.targetHandle } : {}),
    trigger,
  };
  return {
    ok: true,
    document: { ...doc, transitions: [...doc.transitions, transition] },
    transition,
  };
}

/**
 * Puts a new node in the middle of an existing transition: the old transition keeps its
 * trigger and now ends at the new node; a new transition leaves the new node for the old
 * target with the new node's first valid trigger. Terminal nodes cannot be inserted.
 */
export function insertOnTransition(
  doc: FlowDocument,
  args: { transitionId: TransitionId; node: FlowNode; outgoingId: TransitionId },
  moduleFor: ModuleLookup,
): ConnectResult {
  const old = doc.transitions.find((t) => t.id === args.transitionId);
  if (!old) return { ok: false, reason: 'unknown-node' };
  const from = doc.layout.nodes[old.source] ?? { x: 0, y: 0 };
  const to = doc.layout.nodes[old.target] ?? { x: 0, y: 0 };
  const middle = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  const withNode = addNode(doc, args.node, middle);
  const rerouted: FlowDocument = {
    ...withNode,
    transitions: withNode.transitions.map((t) => {
      if (t.id !== old.id) return t;
      const { targetHandle: _handle, ...rest } = t;
      return { ...rest, target: args.node.id };
    }),
  };
  return connect(
    rerouted,
    { id: args.outgoingId, source: args.node.id, target: old.target },
    moduleFor,
  );
}

export interface NodePatch {
  name?: string;
  config?: Record<string, unknown>;
  /** null = back to the type's default cost. */
  cost?: number | null;
  /** null = back to the campaign's stale policy. */
  stalePolicy?: StalePolicy | null;
}

/** `value` under `key`, or no such key when it is null or undefined. */
const optional = <K extends string, V>(key: K, value: V | null | undefined) =>
  value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);

export function updateNode(doc: FlowDocument, id: NodeId, patch: NodePatch): FlowDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      if (n.id !== id) return n;
      const { cost: _cost, stalePolicy: _stale, ...rest } = n;
      return {
        ...rest,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.config !== undefined ? { config: patch.config } : {}),
        ...optional('cost', patch.cost === undefined ? n.cost : patch.cost),
        ...optional(
          'stalePolicy',
          patch.stalePolicy === undefined ? n.stalePolicy : patch.stalePolicy,
        ),
      } satisfies FlowNode;
    }),
  };
}

export function updateTransition(
  doc: FlowDocument,
  id: TransitionId,
  patch: { trigger?: Trigger; label?: string | null },
): FlowDocument {
  return {
    ...doc,
    transitions: doc.transitions.map((t) => {
      if (t.id !== id) return t;
      const { label: _old, ...rest } = t;
      const next: Transition = { ...rest, ...(patch.trigger ? { trigger: patch.trigger } : {}) };
      const label = patch.label === undefined ? t.label : patch.label;
      return label === null || label === undefined || label === '' ? next : { ...next, label };
    }),
  };
}

/** Deletes nodes with every transition touching them, plus the given transitions. */
export function deleteElements(
  doc: FlowDocument,
  nodeIds: readonly NodeId[],
  transitionIds: readonly TransitionId[],
): FlowDocument {
  const nodes = new Set<string>(nodeIds);
  const transitions = new Set<string>(transitionIds);
  const layoutNodes = Object.fromEntries(
    Object.entries(doc.layout.nodes).filter(([id]) => !nodes.has(id)),
  );
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    transitions: doc.transitions.filter(
      (t) => !transitions.has(t.id) && !nodes.has(t.source) && !nodes.has(t.target),
    ),
    layout: { ...doc.layout, nodes: layoutNodes },
  };
}
