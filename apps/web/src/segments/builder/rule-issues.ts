import {
  checkSegmentRule,
  type Issue,
  type SegmentFields,
  segmentIssueMessage,
  VALUE_TYPES,
  type ValueType,
} from '@rumbo/flow';
import { builderPathOf, type RuleJson } from './rule-mapping.ts';

export interface RuleReview {
  errors: Issue[];
  /** Translated messages by builder path (`'1.0'`; `''` = the whole query). */
  byPath: Map<string, string[]>;
}

/** Checks the builder's rule like the server will, and places each message at its rule. */
export function reviewRule(
  rule: RuleJson,
  attributes: SegmentFields['attributes'],
  language: 'es' | 'en',
): RuleReview {
  const issues = checkSegmentRule(rule, { attributes });
  const byPath = new Map<string, string[]>();
  for (const issue of issues) {
    const key = builderPathOf(issue.path ?? []).join('.');
    byPath.set(key, [
      ...(byPath.get(key) ?? []),
      segmentIssueMessage(inWords(issue, language), language),
    ]);
  }
  return { errors: issues.filter((issue) => issue.severity === 'error'), byPath };
}

const TYPE_WORDS: Record<ValueType, { es: string; en: string }> = {
  string: { es: 'texto', en: 'text' },
  number: { es: 'número', en: 'number' },
  boolean: { es: 'sí/no', en: 'yes/no' },
  date: { es: 'fecha', en: 'date' },
};

const isValueType = (value: unknown): value is ValueType => VALUE_TYPES.some((t) => t === value);

/** Type names in the marketer's words ("número", not "number") before the message is built. */
function inWords(issue: Issue, language: 'es' | 'en'): Issue {
  const params = { ...issue.params };
  for (const key of ['type', 'known']) {
    const value = params[key];
    if (isValueType(value)) params[key] = TYPE_WORDS[value][language];
  }
  return { ...issue, params };
}
