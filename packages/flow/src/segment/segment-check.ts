import type { z } from 'zod';
import { isRecord } from '../util/guards.ts';
import type { Issue } from '../validate/issue.ts';
import { ruleDay, ruleNumber } from './comparison-plan.ts';
import { LEAD_FIELD_TYPES, planListId } from './condition-plan.ts';
import {
  AttributeRule,
  type Comparison,
  ConsentRule,
  EventRule,
  FieldRule,
  ListRule,
  StageRule,
  TagRule,
  type ValueType,
} from './rule.schema.ts';
import { OPERATORS_BY_TYPE } from './segment-fields.ts';
import type { SegmentIssueCode } from './segment-issues.ts';
import { MAX_SEGMENT_DEPTH, ruleDepth } from './segment-limits.ts';
import { parseInstant } from './segment-time.ts';

export interface SegmentCheckOptions {
  /** The workspace's known attributes (e.g. from `inferAttributeFields`); absent = not checked. */
  attributes?: readonly { path: string; type: ValueType }[];
}

type Path = (string | number)[];

const CONDITION_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  field: FieldRule,
  attribute: AttributeRule,
  stage: StageRule,
  consent: ConsentRule,
  tag: TagRule,
  list: ListRule,
  event: EventRule,
};

/**
 * Checks a rule (raw JSON or typed) before it is saved or compiled: shape, nesting, known
 * attributes and their types, operators allowed for the type, values readable as the type.
 * Never throws; each issue is located by its path inside the rule and translated by
 * `segmentIssueMessage`. A rule without errors compiles in both compilers.
 *
 * @example
 * checkSegmentRule(rule, { attributes: inferAttributeFields(sampleAttributes) });
 * // [{ code: 'segment_unknown_attribute', severity: 'error', path: ['rules', 2, 'path'], params: { path: 'pais' } }]
 */
export function checkSegmentRule(rule: unknown, options: SegmentCheckOptions = {}): Issue[] {
  const issues: Issue[] = [];
  const depth = ruleDepth(rule);
  if (depth > MAX_SEGMENT_DEPTH) {
    return [issue('segment_too_deep', [], { max: MAX_SEGMENT_DEPTH, depth })];
  }
  const known = options.attributes
    ? new Map(options.attributes.map((a) => [a.path, a.type]))
    : null;
  const visit = (node: unknown, path: Path): void => {
    if (!isRecord(node)) {
      issues.push(issue('segment_invalid', path, { detail: 'not an object' }));
      return;
    }
    if (node.kind === 'group') {
      checkGroup(node, path, issues, visit);
      return;
    }
    const schema = typeof node.kind === 'string' ? CONDITION_SCHEMAS[node.kind] : undefined;
    if (schema === undefined) {
      issues.push(issue('segment_unknown_kind', [...path, 'kind'], { kind: String(node.kind) }));
      return;
    }
    const parsed = schema.safeParse(node);
    if (!parsed.success) {
      for (const problem of parsed.error.issues) {
        issues.push(
          issue('segment_invalid', [...path, ...problem.path.map(pathKey)], {
            detail: problem.code,
          }),
        );
      }
      return;
    }
    checkCondition(node, path, known, issues);
  };
  visit(rule, []);
  return issues;
}

const pathKey = (key: PropertyKey): string | number =>
  typeof key === 'number' ? key : String(key);

function issue(
  code: SegmentIssueCode,
  path: Path,
  params: Issue['params'] = {},
  severity: Issue['severity'] = 'error',
): Issue {
  return { code, severity, path, params };
}

function checkGroup(
  node: Record<string, unknown>,
  path: Path,
  issues: Issue[],
  visit: (node: unknown, path: Path) => void,
): void {
  if (node.combinator !== 'and' && node.combinator !== 'or') {
    issues.push(issue('segment_invalid', [...path, 'combinator'], { detail: 'invalid_value' }));
  }
  if (node.not !== undefined && typeof node.not !== 'boolean') {
    issues.push(issue('segment_invalid', [...path, 'not'], { detail: 'invalid_type' }));
  }
  if (!Array.isArray(node.rules) || node.rules.length > 200) {
    issues.push(issue('segment_invalid', [...path, 'rules'], { detail: 'too_big_or_not_array' }));
    return;
  }
  if (node.combinator === 'or' && node.rules.length === 0) {
    issues.push(issue('segment_group_matches_no_one', path, {}, 'warning'));
  }
  node.rules.forEach((child, index) => {
    visit(child, [...path, 'rules', index]);
  });
}

function checkCondition(
  node: unknown,
  path: Path,
  known: Map<string, ValueType> | null,
  issues: Issue[],
): void {
  // Each safeParse succeeded once already in the caller; parsing again only narrows the type.
  const field = FieldRule.safeParse(node);
  if (field.success) {
    checkComparison(LEAD_FIELD_TYPES[field.data.field], field.data.test, [...path, 'test'], issues);
  }
  const attribute = AttributeRule.safeParse(node);
  if (attribute.success) {
    const parsed = attribute.data;
    const knownType = known?.get(parsed.path);
    if (known !== null && knownType === undefined) {
      issues.push(issue('segment_unknown_attribute', [...path, 'path'], { path: parsed.path }));
    } else if (knownType !== undefined && knownType !== parsed.type) {
      issues.push(
        issue('segment_attribute_type_mismatch', [...path, 'type'], {
          path: parsed.path,
          known: knownType,
          type: parsed.type,
        }),
      );
    }
    checkComparison(parsed.type, parsed.test, [...path, 'test'], issues);
  }
  const list = ListRule.safeParse(node);
  if (list.success && !('uuid' in planListId(list.data.listId))) {
    issues.push(
      issue('segment_list_id_invalid', [...path, 'listId'], { listId: list.data.listId }),
    );
  }
  const event = EventRule.safeParse(node);
  if (event.success) checkEvent(event.data, path, issues);
}

function checkEvent(rule: z.infer<typeof EventRule>, path: Path, issues: Issue[]): void {
  rule.where.forEach((filter, index) => {
    checkComparison(filter.type, filter.test, [...path, 'where', index, 'test'], issues);
  });
  if (rule.when?.op === 'between') {
    const from = parseInstant(rule.when.from);
    const to = parseInstant(rule.when.to);
    if (from === null)
      issues.push(issue('segment_value_invalid', [...path, 'when', 'from'], { type: 'date' }));
    if (to === null)
      issues.push(issue('segment_value_invalid', [...path, 'when', 'to'], { type: 'date' }));
    if (from !== null && to !== null && from > to) {
      issues.push(issue('segment_range_empty', [...path, 'when'], {}, 'warning'));
    }
  }
  if (rule.count?.op === 'atLeast' && rule.count.n === 0) {
    issues.push(issue('segment_count_always_true', [...path, 'count'], {}, 'warning'));
  }
}

function checkComparison(type: ValueType, test: Comparison, path: Path, issues: Issue[]): void {
  if (!OPERATORS_BY_TYPE[type].includes(test.op)) {
    issues.push(issue('segment_operator_not_allowed', [...path, 'op'], { op: test.op, type }));
    return;
  }
  const bad = (at: Path) => issues.push(issue('segment_value_invalid', [...path, ...at], { type }));
  switch (test.op) {
    case 'eq':
    case 'neq':
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      if (!readable(type, test.value)) bad(['value']);
      return;
    case 'in':
    case 'notIn':
      test.values.forEach((value, index) => {
        if (!readable(type, value)) bad(['values', index]);
      });
      return;
    case 'between': {
      const fromOk = readable(type, test.from);
      const toOk = readable(type, test.to);
      if (!fromOk) bad(['from']);
      if (!toOk) bad(['to']);
      if (fromOk && toOk && rangeIsEmpty(type, test.from, test.to)) {
        issues.push(issue('segment_range_empty', path, {}, 'warning'));
      }
      return;
    }
    case 'contains':
    case 'notContains':
    case 'startsWith':
    case 'endsWith':
      if (test.value.includes('\u0000')) bad(['value']);
      return;
    default:
      return;
  }
}

/** Whether a rule value can be read as the type, exactly as the compilers read it. */
function readable(type: ValueType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? !value.includes('\u0000') : typeof value === 'number';
    case 'number':
      return ruleNumber(value) !== null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return ruleDay(value) !== null;
  }
}

function rangeIsEmpty(type: ValueType, from: unknown, to: unknown): boolean {
  if (type === 'number') return (ruleNumber(from) ?? 0) > (ruleNumber(to) ?? 0);
  if (type !== 'date') return false;
  return (ruleDay(from)?.start ?? 0) > (ruleDay(to)?.end ?? 0);
}
