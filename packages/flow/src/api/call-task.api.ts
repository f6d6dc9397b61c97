import { z } from 'zod';
import { CALL_PRIORITIES, CallOutcome } from '../catalogue/nodes/call.node.ts';
import { JsonValue, Stage } from '../lead/lead.schema.ts';

/**
 * HTTP shapes of `/api/v1/call-tasks`: the agents' call list (DESIGN §1, §10 item 2; seed 002).
 * A task is open until an outcome closes it; its remind time (snooze) orders the list.
 */

export const CALL_TASK_FILTERS = ['open', 'closed'] as const;
export const CallTaskFilter = z.enum(CALL_TASK_FILTERS);
export type CallTaskFilter = z.infer<typeof CallTaskFilter>;

export const CallPriority = z.enum(CALL_PRIORITIES);
export type CallPriority = z.infer<typeof CallPriority>;

export const CallTaskListQuery = z.object({
  /** Only this campaign's tasks; absent = every campaign of the workspace. */
  campaignId: z.uuid().optional(),
  status: CallTaskFilter.default('open'),
  /** The list is read whole and virtualised by the client; 10,000 open tasks still answer fast. */
  limit: z.coerce.number().int().min(1).max(20_000).default(2_000),
});
export type CallTaskListQuery = z.infer<typeof CallTaskListQuery>;

export const CallTaskRow = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  campaignCode: z.string(),
  nodeId: z.string(),
  leadId: z.uuid(),
  leadKey: z.string(),
  leadName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  status: CallTaskFilter,
  priority: CallPriority,
  /** Snoozed until; null = callable now. */
  remindAt: z.iso.datetime({ offset: true }).nullable(),
  /** Order the lead reached the call node (Proscai's "orden de contacto"). */
  contactOrder: z.number().int(),
  /** Calls made without reaching the lead ("no contesta"). */
  attempts: z.number().int(),
  outcome: z.string().nullable(),
  note: z.string().nullable(),
  closedAt: z.iso.datetime({ offset: true }).nullable(),
  /**
   * Set when the campaign's daily capacity is used up and this call waits for the next day
   * (in priority order, DESIGN §5): the instant it becomes callable.
   */
  queuedUntil: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type CallTaskRow = z.infer<typeof CallTaskRow>;

/** Proscai's header: how many customers, how many with an email and how many without. */
export const CallTaskTotals = z.object({
  total: z.number().int(),
  withEmail: z.number().int(),
  withoutEmail: z.number().int(),
});
export type CallTaskTotals = z.infer<typeof CallTaskTotals>;

/** A campaign's daily call capacity and how much of today's is left (UTC days). */
export const CallCapacity = z
  .object({
    campaignId: z.uuid(),
    /** Calls per day; null = no limit. */
    perDay: z.number().int().min(1).max(1_000_000).nullable(),
    /** Outcomes recorded today for the campaign. */
    usedToday: z.number().int(),
    remainingToday: z.number().int().nullable(),
    /** The call centre's IANA time zone: "today" starts at 00:00 there (`UTC` until set). */
    timeZone: z.string(),
  })
  .meta({ id: 'CallCapacity' });
export type CallCapacity = z.infer<typeof CallCapacity>;

export const CallCapacityQuery = z.object({ campaignId: z.uuid() });
export const CallCapacityBody = z
  .object({ campaignId: z.uuid(), perDay: z.number().int().min(1).max(1_000_000).nullable() })
  .strict();
export type CallCapacityBody = z.infer<typeof CallCapacityBody>;

/**
 * The call centre's day (`GET`/`PUT /api/v1/call-tasks/day`): the IANA time zone whose midnight
 * starts a new day of call capacity for every campaign of the workspace, e.g. `Europe/Madrid`.
 */
export const CallDay = z
  .object({ timeZone: z.string().trim().min(1).max(64) })
  .strict()
  .meta({ id: 'CallDay' });
export type CallDay = z.infer<typeof CallDay>;

export const CallTaskList = z
  .object({
    items: z.array(CallTaskRow),
    totals: CallTaskTotals,
    /** The campaign's capacity when one campaign is listed and it has one. */
    capacity: CallCapacity.nullable().default(null),
    /** PostgreSQL's clock when the list was read: a remind time before it is due. */
    now: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'CallTaskList' });
export type CallTaskList = z.infer<typeof CallTaskList>;

export const CallTaskIdParams = z.object({ id: z.uuid() });

export const CallLeadEvent = z.object({
  id: z.string(),
  name: z.string(),
  occurredAt: z.iso.datetime({ offset: true }),
  properties: z.record(z.string(), JsonValue),
});
export type CallLeadEvent = z.infer<typeof CallLeadEvent>;

export const CallTaskDetail = z
  .object({
    task: CallTaskRow,
    campaign: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
    lead: z.object({
      id: z.uuid(),
      key: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      stage: Stage,
      attributes: z.record(z.string(), JsonValue),
      tags: z.array(z.string()),
    }),
    /** Where the lead's journey in this campaign is now (node name from its version). */
    enrollment: z.object({ nodeId: z.string(), nodeName: z.string(), status: z.string() }),
    /** The script rendered for this lead when the task was created. */
    script: z.string(),
    /** The outcomes the call node offers; each is a flow signal. */
    outcomes: z.array(CallOutcome),
    /** The ten most recent `purchased` events, newest first. */
    purchases: z.array(CallLeadEvent),
    /** This campaign's call events for the lead (notes, snoozes, outcomes), newest first. */
    history: z.array(CallLeadEvent),
  })
  .meta({ id: 'CallTaskDetail' });
export type CallTaskDetail = z.infer<typeof CallTaskDetail>;

export const SNOOZE_STEPS = ['2h', '1d', '1w', '1m'] as const;
export const SnoozeStep = z.enum(SNOOZE_STEPS);
export type SnoozeStep = z.infer<typeof SnoozeStep>;

const Note = z.string().trim().max(2_000);

/** `+2 h / +1 día / +1 semana / +1 mes` from now, or a date (Proscai's "Fecha"), with a reason. */
export const SnoozeBody = z.union([
  z.object({ by: SnoozeStep, note: Note.optional() }).strict(),
  z.object({ until: z.iso.datetime({ offset: true }), note: Note.optional() }).strict(),
]);
export type SnoozeBody = z.infer<typeof SnoozeBody>;

/** Proscai's "Evento": what was said on the call. */
export const CallEventBody = z.object({ note: Note.min(1) }).strict();
export type CallEventBody = z.infer<typeof CallEventBody>;

export const CallOutcomeBody = z
  .object({ outcome: z.string().min(1).max(64), comment: Note.optional() })
  .strict();
export type CallOutcomeBody = z.infer<typeof CallOutcomeBody>;

export const CallOutcomeResult = z
  .object({
    task: CallTaskRow,
    /** Whether the outcome moved the lead on in the flow. */
    moved: z.boolean(),
    enrollment: z.object({ nodeId: z.string(), status: z.string() }),
  })
  .meta({ id: 'CallOutcomeResult' });
export type CallOutcomeResult = z.infer<typeof CallOutcomeResult>;

/** Proscai's "Nuevo": put a lead who is not on the list onto a campaign's call list. */
export const AddCallTaskBody = z
  .object({
    campaignId: z.uuid(),
    leadKey: z.string().trim().min(1).max(200),
    /** The call node; absent = the campaign's first call node. */
    nodeId: z.string().min(1).max(100).optional(),
  })
  .strict();
export type AddCallTaskBody = z.infer<typeof AddCallTaskBody>;

export const CallCampaigns = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid(),
        code: z.string(),
        name: z.string(),
        open: z.number().int(),
        closed: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'CallCampaigns' });
export type CallCampaigns = z.infer<typeof CallCampaigns>;

export const CallReportQuery = z.object({ campaignId: z.uuid() });

/** Proscai's events report by project: every call event of a campaign, and counts per kind. */
export const CallReport = z
  .object({
    campaign: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
    counts: z.array(
      z.object({ name: z.string(), outcome: z.string().nullable(), count: z.number().int() }),
    ),
    events: z.array(CallLeadEvent.extend({ leadKey: z.string(), leadName: z.string() })),
  })
  .meta({ id: 'CallReport' });
export type CallReport = z.infer<typeof CallReport>;
