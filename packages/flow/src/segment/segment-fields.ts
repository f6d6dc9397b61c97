import type { Localised } from '../validate/issue.ts';
import { LEAD_FIELD_TYPES } from './condition-plan.ts';
import {
  type ComparisonOp,
  LEAD_FIELDS,
  type LeadField,
  type SegmentCondition,
  type ValueType,
} from './rule.schema.ts';
import { parseDate } from './segment-time.ts';

/**
 * What the segment builder offers: the built-in fields with their labels, types and operators,
 * and the attributes found in sample data. The builder renders from this list; the compilers
 * accept exactly these combinations (anything else compiles to "matches no lead" and
 * `checkSegmentRule` reports it).
 */

/** Operators that make sense for each value type, in the order the builder lists them. */
export const OPERATORS_BY_TYPE: Readonly<Record<ValueType, readonly ComparisonOp[]>> = {
  string: [
    'eq',
    'neq',
    'contains',
    'notContains',
    'startsWith',
    'endsWith',
    'in',
    'notIn',
    'isSet',
    'isNotSet',
  ],
  number: ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'between', 'in', 'notIn', 'isSet', 'isNotSet'],
  boolean: ['eq', 'neq', 'isSet', 'isNotSet'],
  date: [
    'eq',
    'neq',
    'lt',
    'lte',
    'gt',
    'gte',
    'between',
    'inLast',
    'notInLast',
    'inNext',
    'anniversaryWithin',
    'in',
    'notIn',
    'isSet',
    'isNotSet',
  ],
};

const OPERATOR_LABELS: Readonly<Record<ComparisonOp, Localised>> = {
  isSet: { es: 'tiene valor', en: 'is set' },
  isNotSet: { es: 'no tiene valor', en: 'is not set' },
  eq: { es: 'es igual a', en: 'equals' },
  neq: { es: 'no es igual a', en: 'does not equal' },
  contains: { es: 'contiene', en: 'contains' },
  notContains: { es: 'no contiene', en: 'does not contain' },
  startsWith: { es: 'empieza por', en: 'starts with' },
  endsWith: { es: 'termina en', en: 'ends with' },
  in: { es: 'es uno de', en: 'is one of' },
  notIn: { es: 'no es ninguno de', en: 'is none of' },
  lt: { es: 'menor que', en: 'less than' },
  lte: { es: 'menor o igual que', en: 'at most' },
  gt: { es: 'mayor que', en: 'greater than' },
  gte: { es: 'mayor o igual que', en: 'at least' },
  between: { es: 'entre', en: 'between' },
  inLast: { es: 'en los últimos', en: 'in the last' },
  notInLast: { es: 'no en los últimos', en: 'not in the last' },
  inNext: { es: 'en los próximos', en: 'in the next' },
  anniversaryWithin: { es: 'aniversario en los próximos (días)', en: 'anniversary within (days)' },
};
const DATE_OPERATOR_LABELS: Partial<Record<ComparisonOp, Localised>> = {
  eq: { es: 'es el día', en: 'is on' },
  neq: { es: 'no es el día', en: 'is not on' },
  lt: { es: 'antes de', en: 'before' },
  lte: { es: 'hasta', en: 'on or before' },
  gt: { es: 'después de', en: 'after' },
  gte: { es: 'desde', en: 'on or after' },
};

/** The label of an operator as the builder shows it for a value type ("antes de" for dates). */
export function operatorLabel(op: ComparisonOp, type: ValueType): Localised {
  return (type === 'date' ? DATE_OPERATOR_LABELS[op] : undefined) ?? OPERATOR_LABELS[op];
}

const FIELD_LABELS: Readonly<Record<LeadField, Localised>> = {
  key: { es: 'Clave', en: 'Key' },
  name: { es: 'Nombre', en: 'Name' },
  email: { es: 'Correo electrónico', en: 'Email' },
  phone: { es: 'Teléfono', en: 'Phone' },
  locale: { es: 'Idioma', en: 'Language' },
  timeZone: { es: 'Zona horaria', en: 'Time zone' },
  createdAt: { es: 'Fecha de alta', en: 'Created' },
  updatedAt: { es: 'Última actualización', en: 'Last updated' },
};

/** One entry of the builder's field picker. */
export interface SegmentFieldOption {
  /** Stable id for the picker: `field:email`, `attribute:address.city`, `stage`, `event`, … */
  id: string;
  kind: SegmentCondition['kind'];
  label: Localised;
  /** The tested value type for field and attribute rules; `null` for the other kinds. */
  type: ValueType | null;
  operators: readonly ComparisonOp[];
  field?: LeadField;
  path?: string;
}

const OTHER_KINDS: readonly SegmentFieldOption[] = [
  { id: 'stage', kind: 'stage', label: { es: 'Etapa', en: 'Stage' }, type: null, operators: [] },
  {
    id: 'consent',
    kind: 'consent',
    label: { es: 'Consentimiento', en: 'Consent' },
    type: null,
    operators: [],
  },
  { id: 'tag', kind: 'tag', label: { es: 'Etiqueta', en: 'Tag' }, type: null, operators: [] },
  {
    id: 'list',
    kind: 'list',
    label: { es: 'Lista estática', en: 'Static list' },
    type: null,
    operators: [],
  },
  { id: 'event', kind: 'event', label: { es: 'Evento', en: 'Event' }, type: null, operators: [] },
];

/** The built-in fields (lead columns, stage, consent, tags, lists, events). */
export const BUILT_IN_SEGMENT_FIELDS: readonly SegmentFieldOption[] = [
  ...LEAD_FIELDS.map((field) => ({
    id: `field:${field}`,
    kind: 'field' as const,
    label: FIELD_LABELS[field],
    type: LEAD_FIELD_TYPES[field],
    operators: OPERATORS_BY_TYPE[LEAD_FIELD_TYPES[field]],
    field,
  })),
  ...OTHER_KINDS,
];

/** The builder's full picker: built-ins, then the workspace's attributes (labelled by path). */
export function segmentFieldOptions(
  attributes: readonly { path: string; type: ValueType }[],
): SegmentFieldOption[] {
  return [
    ...BUILT_IN_SEGMENT_FIELDS,
    ...attributes.map(({ path, type }) => ({
      id: `attribute:${path}`,
      kind: 'attribute' as const,
      label: { es: path, en: path },
      type,
      operators: OPERATORS_BY_TYPE[type],
      path,
    })),
  ];
}

export interface InferredAttribute {
  path: string;
  type: ValueType;
  /** In how many samples the path held a typed (non-null) value. */
  count: number;
  /** True when some samples held another type (the builder can warn: those leads never match). */
  mixed: boolean;
}

const MAX_INFER_DEPTH = 5;
const MAX_INFER_PATHS = 500;

/**
 * Infers attribute paths and types from sample attribute objects: nested objects become dotted
 * paths, strings in the date grammar count as dates, and each path takes its most frequent type
 * (ties go to string, then number, boolean, date). Null values and arrays carry no type and
 * are skipped; at most 500 paths, 5 levels deep.
 */
export function inferAttributeFields(
  samples: readonly Record<string, unknown>[],
): InferredAttribute[] {
  const counts = new Map<string, Record<ValueType, number>>();
  const visit = (value: unknown, path: string, depth: number): void => {
    const type = valueTypeOf(value);
    if (type !== null) {
      let entry = counts.get(path);
      if (entry === undefined) {
        if (counts.size >= MAX_INFER_PATHS) return;
        entry = { string: 0, number: 0, boolean: 0, date: 0 };
        counts.set(path, entry);
      }
      entry[type] += 1;
    } else if (isPlainObject(value) && depth < MAX_INFER_DEPTH) {
      for (const [key, child] of Object.entries(value)) visit(child, `${path}.${key}`, depth + 1);
    }
  };
  for (const sample of samples) {
    for (const [key, value] of Object.entries(sample)) visit(value, key, 1);
  }
  return [...counts]
    .map(([path, byType]) => {
      const ranked = VALUE_TYPE_ORDER.filter((t) => byType[t] > 0).sort(
        (a, b) => byType[b] - byType[a],
      );
      const type = ranked[0] ?? 'string';
      const count = VALUE_TYPE_ORDER.reduce((sum, t) => sum + byType[t], 0);
      return { path, type, count, mixed: ranked.length > 1 };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const VALUE_TYPE_ORDER: readonly ValueType[] = ['string', 'number', 'boolean', 'date'];

function valueTypeOf(value: unknown): ValueType | null {
  if (typeof value === 'string') return parseDate(value) !== null ? 'date' : 'string';
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : null;
  if (typeof value === 'boolean') return 'boolean';
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
