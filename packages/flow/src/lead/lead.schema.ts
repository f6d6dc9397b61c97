import { z } from 'zod';

export const STAGES = ['prospect', 'lead', 'opportunity', 'customer', 'inactive'] as const;
/** Lifecycle stage: prospect → lead → opportunity → customer, plus inactive. */
export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

export const CONSENT_CHANNELS = ['email', 'sms', 'call'] as const;
/** Channels that need the lead's consent before anything is sent. */
export const ConsentChannel = z.enum(CONSENT_CHANNELS);
export type ConsentChannel = z.infer<typeof ConsentChannel>;

export const Consent = z.object({ email: z.boolean(), sms: z.boolean(), call: z.boolean() });
export type Consent = z.infer<typeof Consent>;

/** A JSON value as stored in the attributes jsonb column. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };
export const JsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JsonValue),
    z.record(z.string(), JsonValue),
  ]),
);

/** Something the lead did, with a time and properties (`purchased {amount, family}`). */
export const LeadEvent = z.object({
  name: z.string().min(1).max(100),
  /** ISO-8601 instant, UTC. */
  occurredAt: z.iso.datetime({ offset: true }),
  properties: z.record(z.string(), JsonValue).default({}),
});
export type LeadEvent = z.infer<typeof LeadEvent>;

/**
 * A lead as the engine sees it: what segment predicates, branch conditions, merge fields
 * and the simulator read. The database row maps onto this one to one.
 */
export const LeadSnapshot = z.object({
  /** Stable external key, unique per workspace (CRM code or email). */
  key: z.string().min(1).max(200),
  name: z.string().max(200),
  email: z.string().max(320).nullable(),
  phone: z.string().max(50).nullable(),
  /** BCP-47 language tag, e.g. `es-MX`. */
  locale: z.string().max(35),
  /** IANA time zone, e.g. `America/Mexico_City`. */
  timeZone: z.string().max(64),
  stage: Stage,
  consent: Consent,
  attributes: z.record(z.string(), JsonValue),
  tags: z.array(z.string()),
  /** Ids of the static lists the lead belongs to. */
  lists: z.array(z.string()),
  /** ISO-8601 instants. */
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  /** Event history, oldest first; may be a window of recent events. */
  events: z.array(LeadEvent),
});
export type LeadSnapshot = z.infer<typeof LeadSnapshot>;
