import { z } from 'zod';
import { LocalisedText } from '../catalogue/config-fields.ts';
import { Stage } from '../lead/lead.schema.ts';
import { SegmentRule, ValueType } from '../segment/rule.schema.ts';

/**
 * HTTP shapes of `/api/v1/segments`, shared by the server (route schemas, OpenAPI) and the
 * web app (typed fetch). Rules travel as the one `SegmentRule` model of packages/flow.
 */

export const SEGMENT_KIND_VALUES = ['filter', 'static'] as const;
export const SegmentKindName = z.enum(SEGMENT_KIND_VALUES);
export type SegmentKindName = z.infer<typeof SegmentKindName>;

export const SegmentSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    kind: SegmentKindName,
    /** Leads selected right now (filters: counted live; static lists: members). */
    count: z.number().int().min(0),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'SegmentSummary' });
export type SegmentSummary = z.infer<typeof SegmentSummary>;

export const SegmentList = z.object({ items: z.array(SegmentSummary) }).meta({ id: 'SegmentList' });
export type SegmentList = z.infer<typeof SegmentList>;

export const SegmentDetail = SegmentSummary.extend({
  /** The filter rule; null for static lists. */
  rule: SegmentRule.nullable(),
}).meta({ id: 'SegmentDetail' });
export type SegmentDetail = z.infer<typeof SegmentDetail>;

export const SegmentIdParams = z.object({ id: z.uuid() });
export type SegmentIdParams = z.infer<typeof SegmentIdParams>;

const SegmentName = z.string().trim().min(1).max(200);
const SegmentDescription = z.string().max(2000).default('');

/**
 * Lead keys as pasted or read from a file: one per line, or a CSV whose header names a key
 * column (`clave`, `codigo`, `key`, `external_key`, `cliente`, `email`; else the first column).
 */
export const StaticListSource = z.object({
  text: z.string().max(5_000_000),
  /** The uploaded file's name, for the report only. */
  fileName: z.string().max(255).optional(),
});
export type StaticListSource = z.infer<typeof StaticListSource>;

/**
 * A rule arrives as raw JSON and is checked by `checkSegmentRule`, so a wrong rule is answered
 * with issues located inside it (`['rule', 'rules', 2, 'path']`) rather than a schema dump.
 */
export const SegmentCreate = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('filter'),
      name: SegmentName,
      description: SegmentDescription,
      rule: z.unknown(),
    }),
    z.object({
      kind: z.literal('static'),
      name: SegmentName,
      description: SegmentDescription,
      source: StaticListSource,
    }),
  ])
  .meta({ id: 'SegmentCreate' });
export type SegmentCreate = z.infer<typeof SegmentCreate>;

/** Partial update; `rule` only for filters, `source` (replaces the members) only for lists. */
export const SegmentUpdate = z
  .object({
    name: SegmentName.optional(),
    description: z.string().max(2000).optional(),
    rule: z.unknown().optional(),
    source: StaticListSource.optional(),
  })
  .meta({ id: 'SegmentUpdate' });
export type SegmentUpdate = z.infer<typeof SegmentUpdate>;

/** What an import of lead keys found: matched, unknown (first 50 listed), duplicates ignored. */
export const StaticListReport = z
  .object({
    /** Distinct keys read from the text. */
    keys: z.number().int().min(0),
    matched: z.number().int().min(0),
    unknown: z.number().int().min(0),
    /** The first 50 unknown keys, in the order they appeared. */
    unknownKeys: z.array(z.string()),
    /** Repeated keys, counted once and otherwise ignored. */
    duplicates: z.number().int().min(0),
    /** `lines` or `csv` (with the column used). */
    format: z.enum(['lines', 'csv']),
    column: z.string().nullable(),
  })
  .meta({ id: 'StaticListReport' });
export type StaticListReport = z.infer<typeof StaticListReport>;

export const SegmentSaved = z
  .object({ segment: SegmentDetail, report: StaticListReport.nullable() })
  .meta({ id: 'SegmentSaved' });
export type SegmentSaved = z.infer<typeof SegmentSaved>;

export const SegmentPreviewRequest = z
  .object({ rule: z.unknown() })
  .meta({ id: 'SegmentPreviewRequest' });
export type SegmentPreviewRequest = z.infer<typeof SegmentPreviewRequest>;

/** One matching lead as the sample table shows it. */
export const LeadSample = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  stage: Stage,
  city: z.string().nullable(),
  country: z.string().nullable(),
});
export type LeadSample = z.infer<typeof LeadSample>;

export const SegmentPreview = z
  .object({
    count: z.number().int().min(0),
    /** The first 20 matching leads by key. */
    sample: z.array(LeadSample),
    /** Warnings of `checkSegmentRule` (errors are a 400 instead). */
    warnings: z.array(
      z.object({
        code: z.string(),
        path: z.array(z.union([z.string(), z.number()])),
        message: z.string(),
      }),
    ),
  })
  .meta({ id: 'SegmentPreview' });
export type SegmentPreview = z.infer<typeof SegmentPreview>;

export const SegmentFieldInfo = z.object({
  id: z.string(),
  kind: z.enum(['field', 'attribute', 'stage', 'consent', 'tag', 'list', 'event']),
  label: LocalisedText,
  type: ValueType.nullable(),
  operators: z.array(z.string()),
  field: z.string().optional(),
  path: z.string().optional(),
});
export type SegmentFieldInfo = z.infer<typeof SegmentFieldInfo>;

export const SegmentFields = z
  .object({
    fields: z.array(SegmentFieldInfo),
    /** Attributes found in a sample of the workspace's leads. */
    attributes: z.array(
      z.object({
        path: z.string(),
        type: ValueType,
        count: z.number(),
        mixed: z.boolean(),
        /** Text values seen in the sample, most frequent first, when there are few (≤ 30). */
        values: z.array(z.string()).optional(),
      }),
    ),
    /** Event names in the data, with the property keys and types found on them. */
    events: z.array(
      z.object({
        name: z.string(),
        count: z.number().int().min(0),
        properties: z.array(
          z.object({ path: z.string(), type: ValueType, values: z.array(z.string()).optional() }),
        ),
      }),
    ),
    tags: z.array(z.string()),
    lists: z.array(z.object({ id: z.uuid(), name: z.string() })),
  })
  .meta({ id: 'SegmentFields' });
export type SegmentFields = z.infer<typeof SegmentFields>;
