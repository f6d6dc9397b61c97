import { z } from 'zod';
import { CampaignStatus } from './campaign.api.ts';

/**
 * The outbox viewer (`/api/v1/campaigns/:id/outbox`, `/api/v1/outbox/:messageId`): what a
 * campaign sent or, in test mode, would have sent, with the step that wrote it so a tester
 * can fire the signals the message could cause.
 */

export const OUTBOX_CHANNELS = ['email', 'sms', 'webhook'] as const;
export const OutboxChannel = z.enum(OUTBOX_CHANNELS);
export type OutboxChannel = z.infer<typeof OutboxChannel>;

export const OUTBOX_STATUSES = [
  'pending',
  'sending',
  'sent',
  'failed',
  'indeterminate',
  'captured',
  'suppressed',
] as const;
export const OutboxStatus = z.enum(OUTBOX_STATUSES);
export type OutboxStatus = z.infer<typeof OutboxStatus>;

export const OutboxListQuery = z.object({
  channel: OutboxChannel.optional(),
  status: OutboxStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type OutboxListQuery = z.infer<typeof OutboxListQuery>;

export const OutboxMessageIdParams = z.object({ messageId: z.uuid() });

export const OutboxMessageRow = z.object({
  id: z.uuid(),
  campaignId: z.uuid().nullable(),
  channel: OutboxChannel,
  status: OutboxStatus,
  recipient: z.string(),
  leadKey: z.string().nullable(),
  leadName: z.string().nullable(),
  subject: z.string().nullable(),
  /** The first characters of the text, tags removed. */
  preview: z.string(),
  nodeId: z.string().nullable(),
  stepId: z.number().int().nullable(),
  /** The campaign's mode when the message was written: `test` messages never left. */
  mode: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxMessageRow = z.infer<typeof OutboxMessageRow>;

export const OutboxList = z
  .object({
    campaign: z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      status: CampaignStatus,
    }),
    items: z.array(OutboxMessageRow),
    /** Messages of the campaign matching the filters (the list shows at most `limit`). */
    total: z.number().int(),
  })
  .meta({ id: 'OutboxList' });
export type OutboxList = z.infer<typeof OutboxList>;

export const OutboxMessageDetail = OutboxMessageRow.extend({
  /** Rendered HTML of an email; null for other channels. */
  html: z.string().nullable(),
  /** Plain text of an SMS (or the email's preheader). */
  text: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  /** The provider's id (SMTP Message-ID, the SMS gateway's id). */
  providerId: z.string().nullable().optional(),
  /** A webhook's request as rendered and the target's last answer; null for other channels. */
  webhook: z
    .object({
      method: z.string(),
      url: z.string(),
      headers: z.record(z.string(), z.string()),
      body: z.string(),
      /** HTTP status of the last answer; null when none came (timeout, refused, not sent yet). */
      responseStatus: z.number().int().nullable(),
    })
    .nullable()
    .optional(),
}).meta({ id: 'OutboxMessageDetail' });
export type OutboxMessageDetail = z.infer<typeof OutboxMessageDetail>;

/** The signals a tester can fire from a message of each channel (test mode). */
export const OUTBOX_TEST_SIGNALS: Record<OutboxChannel, readonly string[]> = {
  email: ['opened', 'clicked', 'replied', 'bounced'],
  sms: ['delivered', 'clicked', 'replied'],
  webhook: ['success', 'failure'],
};
