import { z } from 'zod';

/** `POST /api/v1/campaigns/:id/enrollments`: add one lead by hand or from another system. */
export const EnrollLeadBody = z
  .strictObject({
    leadKey: z.string().min(1).max(200),
    /** The entry node to start at; default: the version's first entry node. */
    nodeId: z.string().min(1).max(64).optional(),
  })
  .meta({ id: 'EnrollLeadBody' });
export type EnrollLeadBody = z.infer<typeof EnrollLeadBody>;

export const EnrollLeadResult = z
  .object({
    campaignId: z.string(),
    version: z.number().int(),
    leadKey: z.string(),
    nodeId: z.string(),
    /** 1 when the lead started a journey, 0 when the re-entry rule kept it out. */
    enrolled: z.number().int(),
    /** 1 when it entered as part of the control group (tracked, receives nothing). */
    control: z.number().int(),
  })
  .meta({ id: 'EnrollLeadResult' });
export type EnrollLeadResult = z.infer<typeof EnrollLeadResult>;
