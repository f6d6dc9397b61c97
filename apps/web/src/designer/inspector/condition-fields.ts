import type { SegmentFields, SegmentRule, ValueType } from '@rumbo/flow';

/**
 * The workspace's fields plus every attribute the rule itself tests. A campaign may test an
 * attribute no lead has yet (a template's `npsScore` in a new workspace): the builder must
 * still show it as written, and the rule stays valid, instead of falling back to another
 * field and refusing every edit.
 */
export function withRuleAttributes(fields: SegmentFields, rule: SegmentRule): SegmentFields {
  const missing = attributesOf(rule).filter(
    (a) => !fields.attributes.some((known) => known.path === a.path && known.type === a.type),
  );
  if (missing.length === 0) return fields;
  return {
    ...fields,
    fields: [
      ...fields.fields,
      ...missing.map((a) => ({
        id: `attribute:${a.path}`,
        kind: 'attribute' as const,
        label: { es: a.path, en: a.path },
        type: a.type,
        operators: [],
        path: a.path,
      })),
    ],
    attributes: [
      ...fields.attributes,
      ...missing.map((a) => ({ path: a.path, type: a.type, count: 0, mixed: false })),
    ],
  };
}

function attributesOf(rule: SegmentRule): { path: string; type: ValueType }[] {
  if (rule.kind === 'group') return rule.rules.flatMap(attributesOf);
  if (rule.kind === 'attribute') return [{ path: rule.path, type: rule.type }];
  return [];
}
