import { z } from 'zod';
import { Duration } from '../segment/rule.schema.ts';
import { CampaignStatus, FlowIssue } from './campaign.api.ts';

/**
 * Operations on a campaign's run (`/api/v1/campaigns/:id/{publish,launch,pause,resume,stop}`)
 * and its live counts (`/stats`). Counts come from the runner's counter tables, which it
 * updates in the same transaction as every move, so they never drift from the enrollments.
 */

export const RUN_COMMANDS = ['pause', 'resume', 'stop'] as const;
export const RunCommand = z.enum(RUN_COMMANDS);
export type RunCommand = z.infer<typeof RunCommand>;

/**
 * A campaign's run lifecycle, once for the runner (which enforces it) and the monitor's run
 * bar (which offers only what it allows): the statuses each command may start from and the
 * status it leads to. Launching also needs a published version.
 */
export const CAMPAIGN_LIFECYCLE = {
  launch: { from: ['draft', 'stopped'], to: 'active' },
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  stop: { from: ['active', 'paused'], to: 'stopped' },
} as const satisfies Record<string, { from: readonly CampaignStatus[]; to: CampaignStatus }>;
export type LifecycleCommand = keyof typeof CAMPAIGN_LIFECYCLE;

/** Whether `command` may run on a campaign in `status` (launch: only once published). */
export function lifecycleAllows(
  command: LifecycleCommand,
  status: CampaignStatus,
  publishedVersion: number | null,
): boolean {
  const from: readonly CampaignStatus[] = CAMPAIGN_LIFECYCLE[command].from;
  return from.includes(status) && (command !== 'launch' || publishedVersion !== null);
}

export const PublishBody = z
  .object({
    notes: z.string().max(2000).optional(),
    /**
     * Leads already in the campaign: `migrate` (default) moves those at nodes the new version
     * keeps (same id) onto it; `stay` leaves every one on its version until its journey ends.
     */
    leads: z.enum(['migrate', 'stay']).optional(),
    /** With `migrate`: a node the new version deletes → the node of the new version its leads go to. */
    nodeMap: z.record(z.string().min(1), z.string().min(1)).optional(),
    /** With `migrate`: nodes whose live leads on older versions leave the campaign (`removed`). */
    exit: z.array(z.string().min(1).max(64)).max(5000).optional(),
  })
  .meta({ id: 'PublishBody' });
export type PublishBody = z.infer<typeof PublishBody>;

export const PublishResult = z
  .object({
    campaignId: z.uuid(),
    version: z.number().int().min(1),
    /** Live leads moved onto this version by the publish (0 for the first version). */
    migrated: z.number().int().min(0).optional(),
    /** Live leads taken out of the campaign at the `exit` nodes. */
    removed: z.number().int().min(0).optional(),
    /** Live leads left on older versions (at nodes this version deletes, or `leads: 'stay'`). */
    stayed: z.number().int().min(0).optional(),
    /** Warnings the validator still reports; errors refuse the publish with 422. */
    warnings: z.array(FlowIssue),
  })
  .meta({ id: 'PublishResult' });
export type PublishResult = z.infer<typeof PublishResult>;

export const RunStatusResult = z
  .object({ status: CampaignStatus, version: z.number().int().nullable() })
  .meta({ id: 'RunStatusResult' });
export type RunStatusResult = z.infer<typeof RunStatusResult>;

/** Why nobody entered at launch: today is outside the campaign's validity period. */
export const LaunchRefusal = z
  .object({
    code: z.enum(['before_validity_period', 'after_validity_period']),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    today: z.string(),
  })
  .meta({ id: 'LaunchRefusal' });
export type LaunchRefusal = z.infer<typeof LaunchRefusal>;

export const LaunchResult = RunStatusResult.extend({
  /** Leads enrolled from the entry segments now (control leads not included). */
  enrolled: z.number().int().min(0),
  control: z.number().int().min(0),
  /** Entry segments that no longer exist; nobody was enrolled from them. */
  missingSegments: z.array(z.string()),
  /**
   * Set when the campaign's validity period (settings `validFrom`/`validTo`, inclusive UTC
   * days) kept everyone out at launch: the period and the day it was judged on.
   */
  refused: LaunchRefusal.optional(),
}).meta({ id: 'LaunchResult' });
export type LaunchResult = z.infer<typeof LaunchResult>;

export const NodeRunStats = z.object({
  nodeId: z.string(),
  /** Live leads at the node now. */
  waiting: z.number().int(),
  entered: z.number().int(),
  acted: z.number().int(),
  failed: z.number().int(),
  converted: z.number().int(),
  /** Journeys that ended here (goal, exit, failed). */
  ended: z.number().int(),
});
export type NodeRunStats = z.infer<typeof NodeRunStats>;

export const TransitionRunStats = z.object({
  transitionId: z.string(),
  nodeId: z.string(),
  passed: z.number().int(),
});
export type TransitionRunStats = z.infer<typeof TransitionRunStats>;

export const CampaignStats = z
  .object({
    campaignId: z.uuid(),
    status: CampaignStatus,
    publishedVersion: z.number().int().nullable(),
    /** Summed over every version the campaign ran. */
    nodes: z.array(NodeRunStats),
    transitions: z.array(TransitionRunStats),
    /** `enrolled` = Σ waiting + Σ ended: every enrolled (non-control) lead is in exactly one. */
    totals: z.object({
      enrolled: z.number().int(),
      waiting: z.number().int(),
      ended: z.number().int(),
    }),
  })
  .meta({ id: 'CampaignStats' });
export type CampaignStats = z.infer<typeof CampaignStats>;

/** `DELETE /campaigns/:id/leads/:leadKey`: takes the lead's live journey out of the campaign. */
export const CampaignLeadParams = z.object({
  id: z.uuid(),
  leadKey: z.string().min(1).max(200),
});
export type CampaignLeadParams = z.infer<typeof CampaignLeadParams>;

export const RemovedLead = z
  .object({ leadKey: z.string(), enrollmentId: z.uuid(), nodeId: z.string() })
  .meta({ id: 'RemovedLead' });
export type RemovedLead = z.infer<typeof RemovedLead>;

/** `POST /campaigns/:id/retry`: failed journeys (of one node, or all) go back in the flow. */
export const RetryBody = z
  .object({ nodeId: z.string().min(1).optional() })
  .meta({ id: 'RetryBody' });
export type RetryBody = z.infer<typeof RetryBody>;

export const RetryResult = z.object({ retried: z.number().int() }).meta({ id: 'RetryResult' });
export type RetryResult = z.infer<typeof RetryResult>;

/**
 * `POST /campaigns/:id/advance` (manual mode): releases leads parked for an operator's go. No
 * field: every parked lead of the campaign; `nodeId`: those at that node; `leadKey`: that lead
 * (409 `lead_not_held` if it is not parked). Any other mode: 409 `wrong_campaign_mode`.
 */
export const AdvanceBody = z
  .object({
    nodeId: z.string().min(1).max(200).optional(),
    leadKey: z.string().min(1).max(200).optional(),
  })
  .meta({ id: 'AdvanceBody' });
export type AdvanceBody = z.infer<typeof AdvanceBody>;

export const AdvanceResult = z
  .object({
    /** Leads released: each takes its step at the next runner pass. */
    released: z.number().int().min(0),
    nodes: z.array(z.object({ nodeId: z.string(), released: z.number().int().min(1) })),
  })
  .meta({ id: 'AdvanceResult' });
export type AdvanceResult = z.infer<typeof AdvanceResult>;

/**
 * `POST /campaigns/:id/fast-forward` (test mode): the pending delays, timeouts and wait-until
 * dates of live leads fall due now, or `by` earlier (never before now). `nodeId` narrows it to
 * one node. Any other mode: 409 `wrong_campaign_mode`.
 */
export const FastForwardBody = z
  .object({
    by: Duration.optional(),
    nodeId: z.string().min(1).max(200).optional(),
  })
  .meta({ id: 'FastForwardBody' });
export type FastForwardBody = z.infer<typeof FastForwardBody>;

export const FastForwardResult = z
  .object({
    /** Leads whose due time moved. */
    shifted: z.number().int().min(0),
    /** Of those, the ones due now. */
    dueNow: z.number().int().min(0),
  })
  .meta({ id: 'FastForwardResult' });
export type FastForwardResult = z.infer<typeof FastForwardResult>;
