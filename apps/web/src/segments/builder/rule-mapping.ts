import type {
  Comparison,
  ComparisonOp,
  Duration,
  SegmentCondition,
  SegmentRule,
  ValueType,
} from '@rumbo/flow';
import type { RuleGroupType, RuleType } from 'react-querybuilder';

/**
 * The thin mapping between react-querybuilder's query and the one `SegmentRule` model of
 * packages/flow. Each condition is one builder rule whose `field` names what is tested
 * (`field:email`, `attribute:number:lifetimeValue`, `stage`, `event`, …), whose `operator` is
 * the rule's operator, and whose `value` holds the rest in the model's own shape. A rule
 * read from the API maps to the builder and back unchanged (the root always becomes a
 * group). Values the marketer has not finished typing pass through as they are, so
 * `checkSegmentRule` reports them at their place instead of this mapping guessing.
 */

export type BuilderQuery = RuleGroupType;
export type BuilderRule = RuleType;

/**
 * The builder's value of an event condition: the event rule without its `kind` (one builder
 * operator, `did`, so changing how often or when never resets the event picked).
 */
export interface EventValue {
  name: string;
  where: { property: string; type: ValueType; test: Comparison }[];
  when?: { op: 'between'; from: string; to: string } | { op: 'inLast'; duration: Duration };
  /** Absent = at least once; `atMost 0` = never. */
  count?: { op: 'atLeast' | 'atMost' | 'exactly'; n: number };
}

export const EVENT_OPERATOR = 'did';

const VALUE_TYPES: readonly ValueType[] = ['string', 'number', 'boolean', 'date'];

/** `attribute:<type>:<path>`: the type travels in the id so picking an attribute picks its type. */
export const attributeFieldId = (path: string, type: ValueType) => `attribute:${type}:${path}`;

export function parseAttributeFieldId(id: string): { path: string; type: ValueType } | null {
  const match = /^attribute:([a-z]+):(.+)$/.exec(id);
  const type = VALUE_TYPES.find((t) => t === match?.[1]);
  return match?.[2] !== undefined && type !== undefined ? { path: match[2], type } : null;
}

/** The builder value of a comparison: the operand in the model's own shape. */
export function comparisonValue(test: Comparison): unknown {
  switch (test.op) {
    case 'isSet':
    case 'isNotSet':
      return null;
    case 'in':
    case 'notIn':
      return test.values;
    case 'between':
      return [test.from, test.to];
    case 'inLast':
    case 'notInLast':
    case 'inNext':
      return test.duration;
    case 'anniversaryWithin':
      return test.days;
    default:
      return test.value;
  }
}

function conditionToRule(rule: SegmentCondition): BuilderRule {
  switch (rule.kind) {
    case 'field':
      return {
        field: `field:${rule.field}`,
        operator: rule.test.op,
        value: comparisonValue(rule.test),
      };
    case 'attribute':
      return {
        field: attributeFieldId(rule.path, rule.type),
        operator: rule.test.op,
        value: comparisonValue(rule.test),
      };
    case 'stage':
      return { field: 'stage', operator: 'in', value: rule.in };
    case 'consent':
      return {
        field: 'consent',
        operator: rule.granted ? 'granted' : 'notGranted',
        value: rule.channel,
      };
    case 'tag':
      return { field: 'tag', operator: rule.has ? 'has' : 'hasNot', value: rule.tag };
    case 'list':
      return { field: 'list', operator: rule.member ? 'member' : 'notMember', value: rule.listId };
    case 'event': {
      const { kind: _kind, ...value } = rule;
      return { field: 'event', operator: EVENT_OPERATOR, value };
    }
  }
}

/** A stored rule as the builder's query (a bare condition becomes an "all of" group). */
export function ruleToQuery(rule: SegmentRule): BuilderQuery {
  if (rule.kind !== 'group')
    return { combinator: 'and', not: false, rules: [conditionToRule(rule)] };
  return {
    combinator: rule.combinator,
    not: rule.not,
    rules: rule.rules.map((child) =>
      child.kind === 'group' ? ruleToQuery(child) : conditionToRule(child),
    ),
  };
}

/** JSON in the rule model's shape, ready for `checkSegmentRule` and the API. */
export type RuleJson = { [key: string]: unknown };

export function comparisonFromBuilder(op: string, value: unknown): RuleJson {
  switch (op) {
    case 'isSet':
    case 'isNotSet':
      return { op };
    case 'in':
    case 'notIn':
      return { op, values: Array.isArray(value) ? value : [] };
    case 'between':
      return {
        op,
        from: Array.isArray(value) ? value[0] : '',
        to: Array.isArray(value) ? value[1] : '',
      };
    case 'inLast':
    case 'notInLast':
    case 'inNext':
      return { op, duration: value };
    case 'anniversaryWithin':
      return { op, days: value };
    default:
      return { op, value };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function builderRuleToJson(rule: BuilderRule): RuleJson {
  const { field, operator, value } = rule;
  if (field.startsWith('field:')) {
    const name = field.slice('field:'.length);
    return { kind: 'field', field: name, test: comparisonFromBuilder(operator, value) };
  }
  const attribute = parseAttributeFieldId(field);
  if (attribute !== null) {
    return { kind: 'attribute', ...attribute, test: comparisonFromBuilder(operator, value) };
  }
  switch (field) {
    case 'stage':
      return { kind: 'stage', in: Array.isArray(value) ? value : [] };
    case 'consent':
      return { kind: 'consent', channel: value, granted: operator === 'granted' };
    case 'tag':
      return { kind: 'tag', tag: value, has: operator === 'has' };
    case 'list':
      return { kind: 'list', listId: value, member: operator === 'member' };
    case 'event': {
      const event = isRecord(value) ? value : {};
      return { where: [], ...event, kind: 'event', name: event.name ?? '' };
    }
    default:
      return { kind: field };
  }
}

/** The builder's query as rule JSON, mirroring the builder's nesting one to one. */
export function queryToRule(query: BuilderQuery): RuleJson {
  return {
    kind: 'group',
    combinator: query.combinator === 'or' ? 'or' : 'and',
    not: query.not === true,
    rules: query.rules.map((child) =>
      typeof child === 'string'
        ? { kind: 'invalid' }
        : 'rules' in child
          ? queryToRule(child)
          : builderRuleToJson(child),
    ),
  };
}

/**
 * Where an issue of `checkSegmentRule` sits in the builder: `['rules', 1, 'rules', 0, 'test']`
 * → `[1, 0]`, the path react-querybuilder gives each rule.
 */
export function builderPathOf(issuePath: readonly (string | number)[]): number[] {
  const path: number[] = [];
  for (let i = 0; i + 1 < issuePath.length; i += 2) {
    const index = issuePath[i + 1];
    if (issuePath[i] !== 'rules' || typeof index !== 'number') break;
    path.push(index);
  }
  return path;
}

export type { ComparisonOp };
