import { SegmentRule } from '@rumbo/flow';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RuleGroupType } from 'react-querybuilder';
import { useLanguage } from '../../i18n/use-language.ts';
import { builderCatalog } from '../../segments/builder/builder-catalog.ts';
import { RuleBuilder } from '../../segments/builder/rule-builder.tsx';
import { reviewRule } from '../../segments/builder/rule-issues.ts';
import { queryToRule, ruleToQuery } from '../../segments/builder/rule-mapping.ts';
import { useSegmentFields } from '../../segments/segments.api.ts';
import { useDesignerT } from '../editor/editor-context.tsx';
import { withRuleAttributes } from './condition-fields.ts';

/**
 * A branch condition's rule in the segment page's builder (same fields, operators, value
 * editors and words). The builder keeps what the marketer is still typing; the transition
 * takes the rule only once it is complete and valid, so the document never holds half a rule,
 * and an undo from outside puts the builder back on the stored rule.
 */
export function ConditionBuilder({
  rule,
  onChange,
}: {
  rule: SegmentRule;
  onChange: (rule: SegmentRule) => void;
}) {
  const { t } = useDesignerT();
  const language = useLanguage();
  const fields = useSegmentFields();
  const [query, setQuery] = useState<RuleGroupType>(() => ruleToQuery(rule));
  const stored = JSON.stringify(rule);
  const catalog = useMemo(
    () => (fields.data ? builderCatalog(withRuleAttributes(fields.data, rule), language) : null),
    [fields.data, language, rule],
  );
  const taken = useRef(stored);
  useEffect(() => {
    // The stored rule changed, and not because of this builder (undo, redo, a paste).
    if (stored === taken.current) return;
    taken.current = stored;
    setQuery(ruleToQuery(rule));
  }, [stored, rule]);

  const review = useMemo(
    () => (catalog ? reviewRule(queryToRule(query), catalog.attributes, language) : null),
    [catalog, query, language],
  );
  if (fields.isError) {
    return (
      <p className="notice notice--warning" role="alert">
        {t('rules.fieldsFailed')}{' '}
        <button type="button" className="link-button" onClick={() => void fields.refetch()}>
          {t('rules.retry')}
        </button>
      </p>
    );
  }
  if (!catalog || !review) return <p className="field__hint">{t('rules.loading')}</p>;

  const change = (next: RuleGroupType) => {
    setQuery(next);
    const json = queryToRule(next);
    if (reviewRule(json, catalog.attributes, language).errors.length > 0) return;
    const parsed = SegmentRule.safeParse(json);
    if (!parsed.success) return;
    taken.current = JSON.stringify(parsed.data);
    onChange(parsed.data);
  };
  const pending = review.errors.length > 0;
  return (
    <div className="condition-builder">
      <RuleBuilder
        catalog={catalog}
        query={query}
        onQueryChange={change}
        issues={review.byPath}
        className="segment-builder--compact"
      />
      {(review.byPath.get('') ?? []).map((message) => (
        <p key={message} className="rule-error" role="alert">
          {message}
        </p>
      ))}
      {pending && <p className="field__hint">{t('rules.notSaved')}</p>}
    </div>
  );
}
