import type { SegmentFields, SegmentRule } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import { builderCatalog } from '../../segments/builder/builder-catalog.ts';
import { reviewRule } from '../../segments/builder/rule-issues.ts';
import { queryToRule, ruleToQuery } from '../../segments/builder/rule-mapping.ts';
import { withRuleAttributes } from './condition-fields.ts';

const empty: SegmentFields = { fields: [], attributes: [], events: [], tags: [], lists: [] };

const promoters: SegmentRule = {
  kind: 'group',
  combinator: 'and',
  not: false,
  rules: [
    { kind: 'stage', in: ['customer'] },
    { kind: 'attribute', path: 'npsScore', type: 'number', test: { op: 'gte', value: 9 } },
  ],
};

describe('withRuleAttributes', () => {
  it('offers an attribute the rule tests though no lead has it, so the rule checks clean', () => {
    const fields = withRuleAttributes(empty, promoters);
    const catalog = builderCatalog(fields, 'es');
    expect(catalog.byId.get('attribute:number:npsScore')?.label).toContain('npsScore');
    const review = reviewRule(queryToRule(ruleToQuery(promoters)), fields.attributes, 'es');
    expect(review.errors).toEqual([]);
  });

  it('adds nothing when the workspace already has the attribute with that type', () => {
    const known: SegmentFields = {
      ...empty,
      attributes: [{ path: 'npsScore', type: 'number', count: 40, mixed: false }],
    };
    expect(withRuleAttributes(known, promoters)).toBe(known);
  });
});
