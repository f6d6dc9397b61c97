import {
  type ComparisonOp,
  operatorLabel,
  type SegmentFields,
  signalName,
  type ValueType,
} from '@rumbo/flow';
import type { Field, OptionGroup } from 'react-querybuilder';
import { attributeLabel } from './attribute-words.ts';
import { attributeFieldId, EVENT_OPERATOR } from './rule-mapping.ts';

type Language = 'es' | 'en';
type Kind = SegmentFields['fields'][number]['kind'];

/** What the value editor needs to know about a builder field. */
export interface FieldInfo {
  id: string;
  kind: Kind;
  type: ValueType | null;
  label: string;
  /** Values seen in the data, offered while typing. */
  suggestions: readonly string[];
}

export interface BuilderCatalog {
  /** The field picker, grouped as the marketer thinks of them. */
  fieldGroups: OptionGroup<Field>[];
  byId: ReadonlyMap<string, FieldInfo>;
  events: SegmentFields['events'];
  tags: readonly string[];
  lists: SegmentFields['lists'];
  attributes: SegmentFields['attributes'];
  language: Language;
}

/** Operator words for the kinds whose rule holds a yes/no rather than a comparison. */
const KIND_OPERATORS: Record<
  Exclude<Kind, 'field' | 'attribute'>,
  Record<string, Record<Language, string>>
> = {
  stage: { in: { es: 'es una de', en: 'is one of' } },
  consent: {
    granted: { es: 'ha dado consentimiento para', en: 'has consented to' },
    notGranted: { es: 'no ha dado consentimiento para', en: 'has not consented to' },
  },
  tag: {
    has: { es: 'tiene la etiqueta', en: 'has the tag' },
    hasNot: { es: 'no tiene la etiqueta', en: 'does not have the tag' },
  },
  list: {
    member: { es: 'está en la lista', en: 'is in the list' },
    notMember: { es: 'no está en la lista', en: 'is not in the list' },
  },
  event: { [EVENT_OPERATOR]: { es: 'ha hecho el evento', en: 'did the event' } },
};

const GROUP_ORDER = ['lead', 'attributes', 'behaviour'] as const;

const GROUP_LABELS: Record<'lead' | 'attributes' | 'behaviour', Record<Language, string>> = {
  lead: { es: 'Datos del lead', en: 'Lead data' },
  attributes: { es: 'Atributos', en: 'Attributes' },
  behaviour: { es: 'Comportamiento y listas', en: 'Behaviour and lists' },
};

function operatorsOf(kind: Kind, type: ValueType | null, language: Language) {
  if (kind === 'field' || kind === 'attribute') {
    const ops: readonly ComparisonOp[] = type === null ? [] : OPERATORS_FOR[type];
    return ops.map((op) => ({ name: op, label: operatorLabel(op, type ?? 'string')[language] }));
  }
  return Object.entries(KIND_OPERATORS[kind]).map(([name, label]) => ({
    name,
    label: label[language],
  }));
}

/**
 * `in`/`notIn` on dates and numbers need a list editor the builder does not offer yet; the
 * model keeps them (and rules using them still load), the picker leaves them out.
 */
const OPERATORS_FOR: Record<ValueType, readonly ComparisonOp[]> = {
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
  number: ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'between', 'isSet', 'isNotSet'],
  boolean: ['eq', 'isSet', 'isNotSet'],
  date: [
    'inLast',
    'notInLast',
    'inNext',
    'lt',
    'gt',
    'between',
    'eq',
    'anniversaryWithin',
    'isSet',
    'isNotSet',
  ],
};

/** Builds the builder's fields from `GET /segments/fields`, labelled in the interface language. */
export function builderCatalog(data: SegmentFields, language: Language): BuilderCatalog {
  const byId = new Map<string, FieldInfo>();
  const groups: Record<keyof typeof GROUP_LABELS, Field[]> = {
    lead: [],
    attributes: [],
    behaviour: [],
  };
  for (const option of data.fields) {
    const id =
      option.kind === 'attribute' && option.path !== undefined && option.type !== null
        ? attributeFieldId(option.path, option.type)
        : option.id;
    const label =
      option.kind === 'attribute' && option.path !== undefined
        ? attributeLabel(option.path, language)
        : option.label[language];
    const suggestions =
      option.kind === 'attribute'
        ? (data.attributes.find((a) => a.path === option.path)?.values ?? [])
        : [];
    byId.set(id, { id, kind: option.kind, type: option.type, label, suggestions });
    const group =
      option.kind === 'attribute'
        ? 'attributes'
        : option.kind === 'field' || option.kind === 'stage' || option.kind === 'consent'
          ? 'lead'
          : 'behaviour';
    groups[group].push({
      name: id,
      label,
      operators: operatorsOf(option.kind, option.type, language),
    });
  }
  return {
    fieldGroups: GROUP_ORDER.filter((key) => groups[key].length > 0).map((key) => ({
      label: GROUP_LABELS[key][language],
      options: groups[key],
    })),
    byId,
    events: data.events,
    tags: data.tags,
    lists: data.lists,
    attributes: data.attributes,
    language,
  };
}

/** The value a new rule (or a rule whose field or operator just changed) starts with. */
export function defaultValue(catalog: BuilderCatalog, fieldId: string, operator: string): unknown {
  const info = catalog.byId.get(fieldId);
  switch (info?.kind) {
    case 'stage':
      return ['customer'];
    case 'consent':
      return 'email';
    case 'tag':
      return catalog.tags[0] ?? '';
    case 'list':
      return catalog.lists[0]?.id ?? '';
    case 'event':
      return {
        name: catalog.events[0]?.name ?? '',
        where: [],
        when: { op: 'inLast', duration: { amount: 90, unit: 'days' } },
      };
    case 'field':
    case 'attribute':
      return comparisonDefault(info.type ?? 'string', operator);
    default:
      return '';
  }
}

export function comparisonDefault(type: ValueType, operator: string): unknown {
  switch (operator) {
    case 'isSet':
    case 'isNotSet':
      return null;
    case 'in':
    case 'notIn':
      return [];
    case 'between':
      return ['', ''];
    case 'inLast':
    case 'notInLast':
    case 'inNext':
      return { amount: 30, unit: 'days' };
    case 'anniversaryWithin':
      return 7;
    default:
      return type === 'boolean' ? true : '';
  }
}

/** An event's name as the marketer reads it ("Compró"), with the raw name for custom events. */
export const eventLabel = (name: string, language: Language) => signalName(name, language);
