import { z } from 'zod';
import { CampaignMode, FlowDocument } from '../document/flow.schema.ts';
import { PolicyReason } from '../policy/send-policy.ts';
import { CampaignStatus } from './campaign.api.ts';
import { NodeRunStats, TransitionRunStats } from './run.api.ts';

/**
 * HTTP shapes of the run monitor (DESIGN §7, issue 7): a running campaign's canvas with live
 * counts per version (`/monitor`, `/stats/stream` over server-sent events), a node's leads, a
 * lead's journey ("¿Por qué está aquí?"), and the alerts an operator must see.
 */

const Instant = z.iso.datetime({ offset: true });

export const MonitorQuery = z.object({
  /** The version whose canvas to show; absent = the newest version that has leads. */
  version: z.coerce.number().int().min(1).optional(),
});
export type MonitorQuery = z.infer<typeof MonitorQuery>;

export const MonitorVersion = z.object({
  version: z.number().int(),
  publishedAt: Instant,
  /** Leads that entered this version (Σ waiting + Σ ended of its counters). */
  enrolled: z.number().int(),
});
export type MonitorVersion = z.infer<typeof MonitorVersion>;

export const MonitorOverview = z
  .object({
    campaignId: z.uuid(),
    code: z.string(),
    name: z.string(),
    status: CampaignStatus,
    mode: CampaignMode,
    publishedVersion: z.number().int().nullable(),
    /** Every published version, newest first. */
    versions: z.array(MonitorVersion),
    /** The version shown and its frozen document; null before the first publish. */
    version: z.number().int().nullable(),
    document: FlowDocument.nullable(),
  })
  .meta({ id: 'MonitorOverview' });
export type MonitorOverview = z.infer<typeof MonitorOverview>;

export const VersionCounts = z.object({
  version: z.number().int(),
  nodes: z.array(NodeRunStats),
  transitions: z.array(TransitionRunStats),
});
export type VersionCounts = z.infer<typeof VersionCounts>;

/** One event of `GET /campaigns/:id/stats/stream` (`event: counts`): the counters per version. */
export const MonitorCounts = z
  .object({
    campaignId: z.uuid(),
    status: CampaignStatus,
    versions: z.array(VersionCounts),
    /** PostgreSQL's clock when the counters were read. */
    at: Instant,
  })
  .meta({ id: 'MonitorCounts' });
export type MonitorCounts = z.infer<typeof MonitorCounts>;

/** Which of a node's leads to list: in the flow there now, ended there, or failed there. */
export const NODE_LEAD_STATES = ['live', 'ended', 'failed'] as const;
export const NodeLeadState = z.enum(NODE_LEAD_STATES);
export type NodeLeadState = z.infer<typeof NodeLeadState>;

export const NodeLeadsParams = z.object({ id: z.uuid(), nodeId: z.string().min(1).max(200) });
export const NodeLeadsQuery = z.object({
  state: NodeLeadState.default('live'),
  version: z.coerce.number().int().min(1).optional(),
  /** Part of the lead's key, name or email (case-insensitive). */
  q: z.string().trim().max(200).optional(),
  /** Opaque, from the previous page's `nextCursor`. */
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type NodeLeadsQuery = z.infer<typeof NodeLeadsQuery>;

export const ENROLLMENT_STATES = [
  'active',
  'waiting',
  'completed',
  'converted',
  'exited',
  'failed',
  'removed',
] as const;
export const EnrollmentState = z.enum(ENROLLMENT_STATES);
export type EnrollmentState = z.infer<typeof EnrollmentState>;

export const NodeLeadRow = z.object({
  enrollmentId: z.uuid(),
  leadId: z.uuid(),
  leadKey: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  version: z.number().int(),
  status: EnrollmentState,
  enteredNodeAt: Instant,
  /** When the runner looks at it next (delay, timeout, retry); null = waits for a signal only. */
  dueAt: Instant.nullable(),
  /** Signals that can move it from here. */
  waitingFor: z.array(z.string()),
  endedAt: Instant.nullable(),
  error: z.string().nullable(),
  /** Manual mode: parked until an operator's go (`POST /campaigns/:id/advance`). */
  held: z.boolean().default(false),
});
export type NodeLeadRow = z.infer<typeof NodeLeadRow>;

export const NodeLeadPage = z
  .object({ items: z.array(NodeLeadRow), nextCursor: z.string().nullable() })
  .meta({ id: 'NodeLeadPage' });
export type NodeLeadPage = z.infer<typeof NodeLeadPage>;

/**
 * Why a step moved or acted as it did, read from the runner's `steps.reason`: the move (signal,
 * condition, delay…) and the send eligibility (consent, suppression, control group).
 */
export const MOVE_KINDS = [
  'auto',
  'delay',
  'timeout',
  'waited',
  'waitUnresolved',
  'condition',
  'else',
  'split',
  'signal',
  'goal',
  'exit',
] as const;
export const MoveKind = z.enum(MOVE_KINDS);
export type MoveKind = z.infer<typeof MoveKind>;

export const StepMove = z.object({
  kind: MoveKind,
  signal: z.string().nullable(),
  /** Branch condition (0-based) that held. */
  conditionIndex: z.number().int().nullable(),
  /** The signal had arrived before the lead reached the node (look-back). */
  early: z.boolean(),
});
export type StepMove = z.infer<typeof StepMove>;

export const ELIGIBILITIES = [
  'eligible',
  'no_consent',
  'no_address',
  'suppressed',
  'control',
] as const;
export const StepEligibility = z.enum(ELIGIBILITIES);
export type StepEligibility = z.infer<typeof StepEligibility>;

export const JourneyStep = z.object({
  id: z.number().int(),
  version: z.number().int(),
  nodeId: z.string(),
  enteredAt: Instant,
  actedAt: Instant.nullable(),
  leftAt: Instant.nullable(),
  transitionId: z.string().nullable(),
  /** `sent`, `skipped`, `updated`, `converted`, `exited`, `failed`, `removed`… (the runner's words). */
  outcome: z.string().nullable(),
  move: StepMove.nullable(),
  eligibility: StepEligibility.nullable(),
  /** A send policy (quiet hours, pressure cap, budget) deferred or skipped the action. */
  policy: PolicyReason.nullable().default(null),
  /** The step ran late (after an outage): sent anyway or skipped by the campaign's stale policy. */
  stale: z
    .object({ action: z.enum(['send', 'skip']), overdueMs: z.number() })
    .nullable()
    .default(null),
  cost: z.number(),
});
export type JourneyStep = z.infer<typeof JourneyStep>;

export const JourneySignal = z.object({
  name: z.string(),
  occurredAt: Instant,
  receivedAt: Instant,
  stepId: z.number().int().nullable(),
  machine: z.boolean(),
});
export type JourneySignal = z.infer<typeof JourneySignal>;

export const JourneyParams = z.object({ id: z.uuid(), enrollmentId: z.uuid() });

export const LeadJourneyDetail = z
  .object({
    enrollment: NodeLeadRow.extend({ nodeId: z.string(), entryNumber: z.number().int() }),
    steps: z.array(JourneyStep),
    /** Signals of the lead since it entered, moving or not (a click that nobody waited for). */
    signals: z.array(JourneySignal),
  })
  .meta({ id: 'LeadJourneyDetail' });
export type LeadJourneyDetail = z.infer<typeof LeadJourneyDetail>;

export const RetryLeadBody = z.object({ enrollmentId: z.uuid() }).strict();

export const StuckLead = z.object({
  enrollmentId: z.uuid(),
  leadKey: z.string(),
  nodeId: z.string(),
  status: z.string(),
});

/** Call tasks of one call node: open now, snoozed, and beyond today's capacity. */
export const CallNodeQueue = z.object({
  nodeId: z.string(),
  open: z.number().int(),
  snoozed: z.number().int(),
  /** Callable now but beyond the campaign's remaining capacity today: wait for the next day. */
  queuedForTomorrow: z.number().int(),
});
export type CallNodeQueue = z.infer<typeof CallNodeQueue>;

export const MonitorAlerts = z
  .object({
    /** Live leads nothing can move (the runner's checker); at most 100 listed. */
    stuck: z.array(StuckLead),
    stuckCount: z.number().int(),
    calls: z.array(CallNodeQueue),
    capacityPerDay: z.number().int().nullable(),
    remainingToday: z.number().int().nullable(),
  })
  .meta({ id: 'MonitorAlerts' });
export type MonitorAlerts = z.infer<typeof MonitorAlerts>;
