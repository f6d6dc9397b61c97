import { z } from 'zod';
import { NodeId, TransitionId } from '../ids.ts';
import { Duration, SegmentRule, TimeUnit } from '../segment/rule.schema.ts';

/**
 * The stored flow document: `{schemaVersion, settings, nodes, transitions, layout}`.
 * Ids are opaque and stable across versions; names are labels only. Node `config` is kept
 * generic here and checked by the node type's module in the catalogue, so a document with
 * an unknown node type still parses and the validator can locate the problem.
 * Layout (positions, viewport) is kept apart from meaning: moving a node never changes
 * what the flow does, and a diff of two versions can ignore it.
 */

export const CURRENT_SCHEMA_VERSION = 1;

/** A node type name; the catalogue says which ones exist. */
export const NodeTypeName = z.string().min(1).max(40);

/**
 * What the runner does with a sending step that fell due more than `after` ago (the runner was
 * down, the campaign paused): `send` it late, or `skip` the send and log why, instead of
 * flooding leads with stale messages. Set on the campaign (every sending node) and, to differ,
 * on one node. Absent on both: send late after one day, logged (`stalePolicyFor`).
 */
export const StalePolicy = z.object({
  action: z.enum(['send', 'skip']),
  after: Duration,
});
export type StalePolicy = z.infer<typeof StalePolicy>;

export const FlowNode = z.object({
  id: NodeId,
  type: NodeTypeName,
  /** What the marketer calls it on the canvas ("Recordatorio"). */
  name: z.string().max(120),
  /** Type-specific settings, validated by the node type's config schema. */
  config: z.record(z.string(), z.unknown()).default({}),
  /** Variable cost per lead that acts here, in the campaign currency; absent = the type's default. */
  cost: z.number().optional(),
  /** Email, SMS, call and webhook nodes: this node's stale policy; absent = the campaign's. */
  stalePolicy: StalePolicy.optional(),
});
export type FlowNode = z.infer<typeof FlowNode>;

/** Where an early signal may come from: since the causing step, since enrollment, or a fixed window. */
export const Lookback = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('step') }),
  z.object({ kind: z.literal('enrollment') }),
  z.object({ kind: z.literal('window'), duration: Duration }),
]);
export type Lookback = z.infer<typeof Lookback>;

export const Trigger = z.discriminatedUnion('kind', [
  /** As soon as the source's action is done. */
  z.object({ kind: z.literal('auto') }),
  /** That long after the action. */
  z.object({
    kind: z.literal('delay'),
    amount: z.number().int().min(0).max(100_000),
    unit: TimeUnit,
  }),
  /** When the signal arrives for this lead while it waits at the source. */
  z.object({
    kind: z.literal('signal'),
    signal: z.string().min(1).max(100),
    /** For `clicked`: one link (its URL or id) instead of any link. */
    link: z.string().max(2000).optional(),
    /** Default: since the step that caused it (email sent); `enrollment` for global signals like `purchased`. */
    lookback: Lookback.optional(),
    /** Count signals flagged as machine-made (link scanners, privacy proxies). Default false. */
    includeMachine: z.boolean().optional(),
  }),
  /** That long after the action if no signal transition fired first. */
  z.object({
    kind: z.literal('timeout'),
    amount: z.number().int().min(0).max(100_000),
    unit: TimeUnit,
  }),
  /** Branch nodes: tried in ascending `order`, right after the action. */
  z.object({ kind: z.literal('condition'), order: z.number().int().min(0), rule: SegmentRule }),
  /** Branch nodes: taken when no condition holds. */
  z.object({ kind: z.literal('else') }),
  /** Split nodes: weight in percent; chosen by a deterministic hash of (lead, node, campaign seed). */
  z.object({ kind: z.literal('split'), weight: z.number().min(0).max(100) }),
]);
export type Trigger = z.infer<typeof Trigger>;
export type TriggerKind = Trigger['kind'];
export const TRIGGER_KINDS = [
  'auto',
  'delay',
  'signal',
  'timeout',
  'condition',
  'else',
  'split',
] as const satisfies readonly TriggerKind[];

/** Mirrors React Flow's edge (source/sourceHandle/target/targetHandle) so the canvas maps one to one. */
export const Transition = z.object({
  id: TransitionId,
  source: NodeId,
  target: NodeId,
  sourceHandle: z.string().max(64).nullish(),
  targetHandle: z.string().max(64).nullish(),
  trigger: Trigger,
  /** Optional label the marketer typed; absent = generated from the trigger ("Abrió el email"). */
  label: z.string().max(120).optional(),
});
export type Transition = z.infer<typeof Transition>;

export const CAMPAIGN_MODES = ['test', 'manual', 'live'] as const;
export const CampaignMode = z.enum(CAMPAIGN_MODES);
export type CampaignMode = z.infer<typeof CampaignMode>;

/** Whether and when a lead may enter the campaign again (dedup by lead key, as OpenERP's unique field). */
export const ReentryRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('never') }),
  z.object({ kind: z.literal('afterExit') }),
  z.object({ kind: z.literal('afterCooldown'), duration: Duration }),
]);
export type ReentryRule = z.infer<typeof ReentryRule>;

export const CampaignSettings = z.object({
  /** Short code the team uses, e.g. `RET045`. */
  code: z.string().min(1).max(20),
  name: z.string().min(1).max(200),
  description: z.string().max(5000).default(''),
  /** Validity period (ISO dates); leads enter only inside it. */
  validFrom: z.iso.date().nullable().default(null),
  validTo: z.iso.date().nullable().default(null),
  /** ISO-4217 code. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('EUR'),
  fixedCost: z.number().min(0).default(0),
  /** The runner stops acting when the spend reaches it; null = no cap. */
  budgetCap: z.number().min(0).nullable().default(null),
  /** A conversion is this signal within the window after entry. */
  conversionGoal: z
    .object({
      signal: z.string().min(1).max(100),
      window: Duration,
      value: z.number().min(0).default(0),
    })
    .nullable()
    .default(null),
  /** Percent of entering leads held out as a control group (receive nothing). */
  controlShare: z.number().min(0).max(50).default(0),
  reentry: ReentryRule.default({ kind: 'never' }),
  mode: CampaignMode.default('test'),
  /** Optional so documents written before it parse unchanged; the runner's default applies. */
  stalePolicy: StalePolicy.optional(),
  /** Seed for split and control-group hashing; fixed per campaign so every version agrees. */
  seed: z.string().min(1).max(64).default('rumbo'),
});
export type CampaignSettings = z.infer<typeof CampaignSettings>;

export const Layout = z.object({
  nodes: z.record(z.string(), z.object({ x: z.number(), y: z.number() })).default({}),
  viewport: z.object({ x: z.number(), y: z.number(), zoom: z.number() }).optional(),
});
export type Layout = z.infer<typeof Layout>;

export const FlowDocument = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  settings: CampaignSettings,
  nodes: z.array(FlowNode).max(5_000),
  transitions: z.array(Transition).max(20_000),
  layout: Layout.default({ nodes: {} }),
});
export type FlowDocument = z.infer<typeof FlowDocument>;
