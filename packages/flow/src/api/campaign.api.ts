import { z } from 'zod';
import { CampaignMode, FlowDocument } from '../document/flow.schema.ts';

/**
 * HTTP shapes shared by the server (route schemas, OpenAPI) and the web app (typed fetch).
 * One schema per concept: the server validates its replies with these, the client parses them.
 */

export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'stopped', 'archived'] as const;
export const CampaignStatus = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

export const CampaignSummary = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    status: CampaignStatus,
    mode: CampaignMode,
    /** Number of acting nodes in the draft (notes excluded). */
    nodeCount: z.number().int().min(0),
    /** Latest published version number, or null if never published. */
    publishedVersion: z.number().int().min(1).nullable(),
    /** Leads currently enrolled (all versions). */
    activeLeads: z.number().int().min(0),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'CampaignSummary' });
export type CampaignSummary = z.infer<typeof CampaignSummary>;

export const CampaignList = z
  .object({ items: z.array(CampaignSummary) })
  .meta({ id: 'CampaignList' });
export type CampaignList = z.infer<typeof CampaignList>;

/** One campaign with its editable draft, for the designer. */
export const CampaignDetail = CampaignSummary.extend({
  /** Bumped on every save; send it back as `If-Match` to avoid overwriting someone else's edit. */
  draftRevision: z.number().int().min(1),
  draft: FlowDocument,
}).meta({ id: 'CampaignDetail' });
export type CampaignDetail = z.infer<typeof CampaignDetail>;

export const CampaignIdParams = z.object({ id: z.uuid() });
export type CampaignIdParams = z.infer<typeof CampaignIdParams>;
