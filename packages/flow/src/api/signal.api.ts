import { z } from 'zod';
import { JsonValue } from '../lead/lead.schema.ts';

/**
 * `POST /api/v1/signals` and `POST /api/v1/events`: what other systems tell Rumbo about a
 * lead. A signal may move leads waiting for it; an event is stored on the lead's timeline and
 * routed as a signal too (a later wait's look-back needs it).
 */

export const SignalItem = z.strictObject({
  leadKey: z.string().min(1).max(200),
  name: z.string().min(1).max(100),
  occurredAt: z.iso.datetime({ offset: true }),
  properties: z.record(z.string(), JsonValue).default({}),
  /** The step that caused it (the email that was opened); absent for lead-global signals. */
  stepId: z.number().int().positive().optional(),
  /** Made by a machine (link scanner, privacy proxy). */
  machine: z.boolean().default(false),
  machineReason: z.string().max(200).optional(),
});
export type SignalItem = z.input<typeof SignalItem>;

export const SignalBatch = z
  .strictObject({ signals: z.array(SignalItem).min(1).max(1000) })
  .meta({ id: 'SignalBatch' });
export type SignalBatch = z.input<typeof SignalBatch>;

export const RejectedItem = z.object({
  index: z.number().int().min(0),
  code: z.enum(['invalid_signal', 'lead_not_found']),
});

export const SignalBatchResult = z
  .object({
    /** Signals stored by this request (not counting duplicates of earlier ones). */
    stored: z.number().int(),
    duplicates: z.number().int(),
    /** Enrollments the signals moved. */
    moved: z.number().int(),
    /** Items refused (unknown lead); the others were stored. */
    rejected: z.array(RejectedItem),
    /** True when this answer is the recorded one of an earlier request with the same key. */
    replayed: z.boolean(),
  })
  .meta({ id: 'SignalBatchResult' });
export type SignalBatchResult = z.infer<typeof SignalBatchResult>;

export const EventItem = z.strictObject({
  leadKey: z.string().min(1).max(200),
  name: z.string().min(1).max(100),
  occurredAt: z.iso.datetime({ offset: true }),
  properties: z.record(z.string(), JsonValue).default({}),
  /** The sender's id for the event; a second delivery with the same id is stored once. */
  id: z.string().min(1).max(200).optional(),
});
export type EventItem = z.input<typeof EventItem>;

export const EventBatch = z
  .strictObject({ events: z.array(EventItem).min(1).max(1000) })
  .meta({ id: 'EventBatch' });
export type EventBatch = z.input<typeof EventBatch>;

export const EventBatchResult = z
  .object({
    /** Events stored on the leads' timelines (repeats of a known `id` are not). */
    stored: z.number().int(),
    duplicates: z.number().int(),
    moved: z.number().int(),
    /** Journeys the events started (campaigns with an event entry for them, per re-entry rule). */
    enrolled: z.number().int().default(0),
    rejected: z.array(RejectedItem),
  })
  .meta({ id: 'EventBatchResult' });
export type EventBatchResult = z.infer<typeof EventBatchResult>;
