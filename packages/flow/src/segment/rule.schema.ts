import { z } from 'zod';
import { ConsentChannel, JsonValue, Stage } from '../lead/lead.schema.ts';

/**
 * The one segment-rule model. Segments, branch conditions and the builder UI all use it;
 * it compiles to parameterised SQL (the database decides membership at scale) and to an
 * in-memory predicate (simulation, previews). Users never type SQL.
 *
 * Relative dates ("in the last 30 days") are resolved against a `now` the caller passes to
 * both compilers, never the database's or the process's clock, so the two agree.
 */

export const TIME_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months'] as const;
export const TimeUnit = z.enum(TIME_UNITS);
export type TimeUnit = z.infer<typeof TimeUnit>;
export const Duration = z.object({ amount: z.number().int().min(0).max(100_000), unit: TimeUnit });
export type Duration = z.infer<typeof Duration>;

/** Built-in lead columns a rule may test (an allow-list: the SQL compiler maps each to a column). */
export const LEAD_FIELDS = [
  'key',
  'name',
  'email',
  'phone',
  'locale',
  'timeZone',
  'createdAt',
  'updatedAt',
] as const;
export const LeadField = z.enum(LEAD_FIELDS);
export type LeadField = z.infer<typeof LeadField>;

export const VALUE_TYPES = ['string', 'number', 'boolean', 'date'] as const;
export const ValueType = z.enum(VALUE_TYPES);
export type ValueType = z.infer<typeof ValueType>;

/** A comparison on one typed value (a lead field, an attribute, an event property). */
export const Comparison = z.discriminatedUnion('op', [
  z.object({ op: z.enum(['isSet', 'isNotSet']) }),
  z.object({ op: z.enum(['eq', 'neq']), value: z.union([z.string(), z.number(), z.boolean()]) }),
  z.object({
    op: z.enum(['contains', 'notContains', 'startsWith', 'endsWith']),
    value: z.string().max(500),
  }),
  z.object({
    op: z.enum(['in', 'notIn']),
    values: z.array(z.union([z.string(), z.number()])).max(10_000),
  }),
  z.object({ op: z.enum(['lt', 'lte', 'gt', 'gte']), value: z.union([z.number(), z.string()]) }),
  z.object({
    op: z.literal('between'),
    from: z.union([z.number(), z.string()]),
    to: z.union([z.number(), z.string()]),
  }),
  /** Dates: within the last / next duration from `now`, or not within the last. */
  z.object({ op: z.enum(['inLast', 'notInLast', 'inNext']), duration: Duration }),
  /** Dates: the day and month fall within the next `days` days (birthdays, renewals); 0 = today. */
  z.object({ op: z.literal('anniversaryWithin'), days: z.number().int().min(0).max(366) }),
]);
export type Comparison = z.infer<typeof Comparison>;
export type ComparisonOp = Comparison['op'];

export const FieldRule = z.object({ kind: z.literal('field'), field: LeadField, test: Comparison });
/** A rule on a free JSON attribute, read as the given type (`lifetimeValue` as number). */
export const AttributeRule = z.object({
  kind: z.literal('attribute'),
  /** Attribute name; dots address nested objects (`address.city`). */
  path: z.string().min(1).max(200),
  type: ValueType,
  test: Comparison,
});
export const StageRule = z.object({ kind: z.literal('stage'), in: z.array(Stage).min(1) });
export const ConsentRule = z.object({
  kind: z.literal('consent'),
  channel: ConsentChannel,
  granted: z.boolean(),
});
export const TagRule = z.object({
  kind: z.literal('tag'),
  tag: z.string().min(1).max(100),
  has: z.boolean(),
});
export const ListRule = z.object({
  kind: z.literal('list'),
  listId: z.string().min(1),
  member: z.boolean(),
});
/** "Has event X with properties … between dates / in the last N days / at least k times". */
export const EventRule = z.object({
  kind: z.literal('event'),
  name: z.string().min(1).max(100),
  /** Every property filter must hold for an event to count. */
  where: z
    .array(z.object({ property: z.string().min(1).max(200), type: ValueType, test: Comparison }))
    .max(20)
    .default([]),
  /** When the event happened; absent = any time. */
  when: z
    .discriminatedUnion('op', [
      z.object({
        op: z.literal('between'),
        from: z.iso.datetime({ offset: true }),
        to: z.iso.datetime({ offset: true }),
      }),
      z.object({ op: z.literal('inLast'), duration: Duration }),
    ])
    .optional(),
  /** How many matching events; absent = at least one. `atMost 0` means "never did". */
  count: z
    .object({
      op: z.enum(['atLeast', 'atMost', 'exactly']),
      n: z.number().int().min(0).max(1_000_000),
    })
    .optional(),
});

export type SegmentCondition =
  | z.infer<typeof FieldRule>
  | z.infer<typeof AttributeRule>
  | z.infer<typeof StageRule>
  | z.infer<typeof ConsentRule>
  | z.infer<typeof TagRule>
  | z.infer<typeof ListRule>
  | z.infer<typeof EventRule>;

export interface SegmentGroup {
  kind: 'group';
  combinator: 'and' | 'or';
  /** NOT of the whole group. */
  not: boolean;
  rules: SegmentRule[];
}
export type SegmentRule = SegmentGroup | SegmentCondition;

export const SegmentGroup: z.ZodType<SegmentGroup> = z.lazy(() =>
  z.object({
    kind: z.literal('group'),
    combinator: z.enum(['and', 'or']),
    not: z.boolean().default(false),
    rules: z.array(SegmentRule).max(200),
  }),
);

export const SegmentRule: z.ZodType<SegmentRule> = z.lazy(() =>
  z.union([
    SegmentGroup,
    FieldRule,
    AttributeRule,
    StageRule,
    ConsentRule,
    TagRule,
    ListRule,
    EventRule,
  ]),
);

/** The rule that matches every lead: an empty AND group. */
export const matchAll = (): SegmentGroup => ({
  kind: 'group',
  combinator: 'and',
  not: false,
  rules: [],
});

export { JsonValue };
