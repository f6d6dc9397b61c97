import type { z } from 'zod';
import type { FlowNode } from '../document/flow.schema.ts';
import { NODE_TYPES, type NodeModule, type NodeType } from './node-module.ts';
import { branchNode } from './nodes/branch.node.ts';
import { callNode } from './nodes/call.node.ts';
import { emailNode } from './nodes/email.node.ts';
import { entryNode } from './nodes/entry.node.ts';
import { exitNode } from './nodes/exit.node.ts';
import { goalNode } from './nodes/goal.node.ts';
import { noteNode } from './nodes/note.node.ts';
import { smsNode } from './nodes/sms.node.ts';
import { splitNode } from './nodes/split.node.ts';
import { updateNode } from './nodes/update.node.ts';
import { waitNode } from './nodes/wait.node.ts';
import { webhookNode } from './nodes/webhook.node.ts';

/**
 * The node catalogue: one module per type. Adding a type is one module, one line here and
 * its name in `NODE_TYPES`; the `satisfies` clause fails to compile until all three agree.
 */
export const nodeModuleByType = {
  entry: entryNode,
  email: emailNode,
  sms: smsNode,
  call: callNode,
  wait: waitNode,
  branch: branchNode,
  split: splitNode,
  update: updateNode,
  webhook: webhookNode,
  goal: goalNode,
  exit: exitNode,
  note: noteNode,
} satisfies { [T in NodeType]: NodeModule & { type: T } };

export type NodeModuleByType = typeof nodeModuleByType;
/** Parsed config (defaults filled in) per node type: `NodeConfigByType['email'].subject`. */
export type NodeConfigByType = {
  [T in NodeType]: z.output<NodeModuleByType[T]['configSchema']>;
};

/** All modules in palette order. */
export const nodeModules: readonly NodeModule[] = NODE_TYPES.map((type) => nodeModuleByType[type]);

export function isNodeType(value: string): value is NodeType {
  return Object.hasOwn(nodeModuleByType, value);
}

/** The module of a type; typed precisely when the type is a literal (`getNodeModule('wait')`). */
export function getNodeModule<T extends NodeType>(type: T): NodeModuleByType[T] {
  return nodeModuleByType[type];
}

/** The module for a stored node, or undefined for a type this version does not know. */
export function findNodeModule(type: string): NodeModule | undefined {
  return isNodeType(type) ? nodeModuleByType[type] : undefined;
}

/** Whether leads end at nodes of this type (no outgoing transitions allowed). */
export function isTerminal(module: NodeModule): boolean {
  return module.action === 'goal' || module.action === 'exit';
}

/** The cost per lead that acts at a node: its own, else its type's default. */
export function effectiveCost(node: FlowNode): number {
  if (node.cost !== undefined) return node.cost;
  return findNodeModule(node.type)?.defaultCost ?? 0;
}

/**
 * A stored node's config with its type's defaults filled in, or null when the type is unknown
 * or the config does not match its schema (the validator reports where).
 */
export function parseNodeConfig(node: FlowNode): unknown {
  const module = findNodeModule(node.type);
  if (!module) return null;
  const parsed = module.configSchema.safeParse(node.config);
  return parsed.success ? parsed.data : null;
}
