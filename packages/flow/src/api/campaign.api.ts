import { z } from 'zod';
import { CampaignMode, CampaignSettings, FlowDocument } from '../document/flow.schema.ts';
import { Problem } from './problem.api.ts';

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
    /** When it was archived; archived campaigns are hidden from the default list. */
    archivedAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .meta({ id: 'CampaignSummary' });
export type CampaignSummary = z.infer<typeof CampaignSummary>;

export const CampaignList = z
  .object({ items: z.array(CampaignSummary) })
  .meta({ id: 'CampaignList' });
export type CampaignList = z.infer<typeof CampaignList>;

/** One campaign with its editable draft, for the designer. */
export const CampaignDetail = CampaignSummary.extend({
  /** Bumped on every save; send it back as `revision` with the next save (`DraftSave`), so a stale edit gets 409 instead of overwriting. */
  draftRevision: z.number().int().min(1),
  draft: FlowDocument,
}).meta({ id: 'CampaignDetail' });
export type CampaignDetail = z.infer<typeof CampaignDetail>;

export const CampaignIdParams = z.object({ id: z.uuid() });
export type CampaignIdParams = z.infer<typeof CampaignIdParams>;

/** `?archived=`: archived campaigns are hidden unless asked for. */
export const CampaignListQuery = z.object({
  archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
});
export type CampaignListQuery = z.infer<typeof CampaignListQuery>;

const CampaignCode = CampaignSettings.shape.code;
const CampaignName = CampaignSettings.shape.name;
const ApiLocale = z.enum(['es', 'en']);

/**
 * How a new campaign starts: an empty flow (entry → exit), one of the `templates`, or a copy
 * of another campaign. Template and clone may omit the code: the server picks a free one.
 */
export const CampaignCreate = z
  .discriminatedUnion('from', [
    z.object({
      from: z.literal('blank'),
      code: CampaignCode,
      name: CampaignName,
      description: z.string().max(5000).optional(),
      /** Language of the names the server writes into the flow (entry, exit). */
      locale: ApiLocale.default('es'),
    }),
    z.object({
      from: z.literal('template'),
      templateId: z.string().min(1).max(100),
      locale: ApiLocale.default('es'),
      code: CampaignCode.optional(),
      name: CampaignName.optional(),
    }),
    z.object({
      from: z.literal('clone'),
      campaignId: z.uuid(),
      /** Language of the default name ("Copia de …"). */
      locale: ApiLocale.default('es'),
      code: CampaignCode.optional(),
      name: CampaignName.optional(),
    }),
  ])
  .meta({ id: 'CampaignCreate' });
export type CampaignCreate = z.infer<typeof CampaignCreate>;

/** One validator finding as the designer shows it (see `Issue` and `issueMessage`). */
export const FlowIssue = z
  .object({
    code: z.string(),
    severity: z.enum(['error', 'warning', 'info']),
    nodeId: z.string().optional(),
    transitionId: z.string().optional(),
    path: z.array(z.union([z.string(), z.number()])).optional(),
    params: z.record(
      z.string(),
      z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]),
    ),
  })
  .meta({ id: 'FlowIssue' });
export type FlowIssue = z.infer<typeof FlowIssue>;

/**
 * `PUT /campaigns/:id/draft`. `document` is checked by `validateFlow`, not by this schema, so
 * a broken document is answered with issues located inside it.
 */
export const DraftSave = z
  .object({
    document: z.unknown(),
    /** The `draftRevision` the editor started from; a stale one is refused with 409. */
    revision: z.number().int().min(1),
  })
  .meta({ id: 'DraftSave' });
export type DraftSave = z.infer<typeof DraftSave>;

export const DraftSaved = z
  .object({
    revision: z.number().int().min(1),
    updatedAt: z.iso.datetime({ offset: true }),
    /** Everything the validator found; saving is allowed with errors, publishing is not. */
    issues: z.array(FlowIssue),
  })
  .meta({ id: 'DraftSaved' });
export type DraftSaved = z.infer<typeof DraftSaved>;

/**
 * A 409 about a campaign. `draft_conflict` (a stale save) says which revision is current and
 * who saved it when; `campaign_code_taken` suggests a code that is free right now.
 */
export const CampaignConflict = Problem.extend({
  currentRevision: z.number().int().min(1).optional(),
  savedAt: z.iso.datetime({ offset: true }).optional(),
  /** `user:<id>`, `api-key:<id>` or `anonymous` until sign-in exists. */
  savedBy: z.string().optional(),
  suggestedCode: z.string().optional(),
}).meta({ id: 'CampaignConflict' });
export type CampaignConflict = z.infer<typeof CampaignConflict>;

/**
 * `PATCH /campaigns/:id/settings`: any subset of `CampaignSettings`; the merged result is
 * checked by that schema, unknown keys refused.
 */
export const CampaignSettingsPatch = z
  .record(z.string(), z.unknown())
  .meta({ id: 'CampaignSettingsPatch' });
export type CampaignSettingsPatch = z.infer<typeof CampaignSettingsPatch>;

export const CAMPAIGN_EXPORT_FORMAT = 'rumbo.campaign';
export const CAMPAIGN_EXPORT_VERSION = 1;

/** The file `GET /campaigns/:id/export` downloads and `POST /campaigns/import` takes back. */
export const CampaignExport = z
  .object({
    format: z.literal(CAMPAIGN_EXPORT_FORMAT),
    formatVersion: z.literal(CAMPAIGN_EXPORT_VERSION),
    exportedAt: z.iso.datetime({ offset: true }),
    settings: CampaignSettings,
    document: FlowDocument,
  })
  .meta({ id: 'CampaignExport' });
export type CampaignExport = z.infer<typeof CampaignExport>;

/** `POST /campaigns/import?code=`: import under another code (e.g. the suggested one). */
export const CampaignImportQuery = z.object({ code: CampaignCode.optional() });
/** The 400 of an import whose file is not JSON: where the first mistake is. */
export const InvalidJsonProblem = Problem.extend({
  line: z.number().int().min(1).optional(),
  column: z.number().int().min(1).optional(),
}).meta({ id: 'InvalidJsonProblem' });
export type InvalidJsonProblem = z.infer<typeof InvalidJsonProblem>;

export type CampaignImportQuery = z.infer<typeof CampaignImportQuery>;

export const CampaignImported = z
  .object({ campaign: CampaignDetail, issues: z.array(FlowIssue) })
  .meta({ id: 'CampaignImported' });
export type CampaignImported = z.infer<typeof CampaignImported>;
