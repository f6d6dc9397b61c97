import type { z } from 'zod';
import type { FlowNode, Transition, TriggerKind } from '../document/flow.schema.ts';
import type { LeadSnapshot } from '../lead/lead.schema.ts';
import type { Issue, Localised } from '../validate/issue.ts';

export const NODE_TYPES = [
  'entry',
  'email',
  'sms',
  'call',
  'wait',
  'branch',
  'split',
  'update',
  'webhook',
  'goal',
  'exit',
  'note',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** Outbound channels; contact pressure, consent and engagement-signal lint are per channel. */
export type Channel = 'email' | 'sms' | 'call' | 'webhook';

/** Palette groups, in palette order. */
export type NodeCategory = 'start' | 'message' | 'timing' | 'logic' | 'data' | 'end' | 'annotation';

/**
 * What a node does when a lead reaches it, for the simulator and the runner alike:
 * - `enter`: entry point, nothing to do;
 * - `send`: produce a message on `channel` (email, sms) and wait for its signals;
 * - `task`: create a call task and wait for its outcomes;
 * - `hold`: wait until `waitUntil` (wait node);
 * - `route`: choose a transition now (branch conditions, split weights);
 * - `update`: change the lead (`applyUpdate`);
 * - `http`: call a webhook and wait for success/failure;
 * - `goal` / `exit`: end the journey (goal counts a conversion worth `goalValue`);
 * - `none`: never executed (note).
 */
export type NodeAction =
  | 'enter'
  | 'send'
  | 'task'
  | 'hold'
  | 'route'
  | 'update'
  | 'http'
  | 'goal'
  | 'exit'
  | 'none';

/** What node-specific validation may look at besides the node's own config. */
export interface NodeValidationContext {
  node: FlowNode;
  outgoing: readonly Transition[];
  /** Lead fields and attribute names known to the workspace, for merge-field checks; absent = skip. */
  knownFields?: readonly string[];
  /** Ids of segments that exist; absent = skip reference checks. */
  knownSegments?: readonly string[];
}

/**
 * One node type: everything the validator, the canvas palette and inspector, the simulator
 * and the runner need to know about it. Adding a node type is one module and one line in
 * the registry.
 */
export interface NodeModule<C = unknown> {
  type: NodeType;
  label: Localised;
  description: Localised;
  /** Icon name the canvas maps to a glyph. */
  icon: string;
  category: NodeCategory;
  configSchema: z.ZodType<C>;
  defaults(): C;
  action: NodeAction;
  channel: Channel | null;
  /** Default variable cost per lead that acts here, in the campaign currency. */
  defaultCost: number;
  /** Trigger kinds its outgoing transitions may use. Terminal nodes and notes allow none. */
  allowedTriggers: readonly TriggerKind[];
  /** Signal names a lead waiting here can receive (email: opened, clicked, …; call: its outcomes). */
  signals(config: C): readonly string[];
  /** Node-specific checks beyond the config schema (merge fields, URLs, outcomes). */
  validate(config: C, context: NodeValidationContext): Issue[];
  /** `hold` nodes: epoch ms at which the lead leaves, or null if it cannot be computed (missing birthday). */
  waitUntil?(config: C, lead: LeadSnapshot, enteredAt: number): number | null;
  /** `update` nodes: the lead after the change. */
  applyUpdate?(config: C, lead: LeadSnapshot): LeadSnapshot;
  /** `goal` nodes: the conversion value. */
  goalValue?(config: C): number;
}
