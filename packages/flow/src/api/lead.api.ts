import { z } from 'zod';
import { Consent, JsonValue, Stage } from '../lead/lead.schema.ts';

/** HTTP shapes of `/api/v1/leads`: a keyset-paged list and one lead's detail. */

export const LeadListQuery = z.object({
  /** Searches name, email, key and phone; case- and accent-insensitive. */
  q: z.string().max(200).optional(),
  /** Only leads the segment selects now. */
  segmentId: z.uuid().optional(),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type LeadListQuery = z.infer<typeof LeadListQuery>;

export const LeadRow = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  stage: Stage,
  city: z.string().nullable(),
  country: z.string().nullable(),
  tags: z.array(z.string()),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type LeadRow = z.infer<typeof LeadRow>;

export const LeadPage = z
  .object({ items: z.array(LeadRow), nextCursor: z.string().nullable() })
  .meta({ id: 'LeadPage' });
export type LeadPage = z.infer<typeof LeadPage>;

export const LeadIdParams = z.object({ id: z.uuid() });

export const LeadDetail = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    locale: z.string(),
    timeZone: z.string(),
    stage: Stage,
    consent: Consent,
    attributes: z.record(z.string(), JsonValue),
    tags: z.array(z.string()),
    /** Static lists the lead belongs to. */
    lists: z.array(z.object({ id: z.uuid(), name: z.string() })),
    /** The 50 most recent events, newest first. */
    events: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        occurredAt: z.iso.datetime({ offset: true }),
        properties: z.record(z.string(), JsonValue),
      }),
    ),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'LeadDetail' });
export type LeadDetail = z.infer<typeof LeadDetail>;
