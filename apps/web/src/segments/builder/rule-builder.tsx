import 'react-querybuilder/dist/query-builder.css';
import './rule-builder.css';
import { QueryBuilder, type RuleGroupType } from 'react-querybuilder';
import type { BuilderCatalog } from './builder-catalog.ts';
import { defaultValue } from './builder-catalog.ts';
import { BuilderContext } from './builder-context.tsx';
import { builderTranslations, combinators } from './builder-words.ts';
import { SegmentValueEditor } from './segment-value-editor.tsx';

export interface RuleBuilderProps {
  /** From `builderCatalog(GET /segments/fields, language)`: fields, operators, suggestions. */
  catalog: BuilderCatalog;
  query: RuleGroupType;
  onQueryChange: (query: RuleGroupType) => void;
  /** Translated messages by builder path (`reviewRule(…).byPath`), shown at their rule. */
  issues: ReadonlyMap<string, readonly string[]>;
  /** Extra class on the builder's root, e.g. a compact variant for a side panel. */
  className?: string;
}

/**
 * The visual rule builder over the shared segment-rule model (react-querybuilder with Rumbo's
 * fields, operators, value editors and words). The segment page and the designer's branch
 * conditions both use it, so a rule reads and edits the same wherever it appears.
 * Map its query with `ruleToQuery` / `queryToRule` and check it with `reviewRule`.
 */
export function RuleBuilder({
  catalog,
  query,
  onQueryChange,
  issues,
  className,
}: RuleBuilderProps) {
  const language = catalog.language;
  return (
    <BuilderContext.Provider value={{ catalog, issues }}>
      <QueryBuilder
        fields={catalog.fieldGroups}
        query={query}
        onQueryChange={onQueryChange}
        combinators={combinators(language)}
        translations={builderTranslations(language)}
        getDefaultValue={(r) => defaultValue(catalog, r.field, r.operator)}
        resetOnOperatorChange
        showNotToggle
        controlElements={{ valueEditor: SegmentValueEditor }}
        controlClassnames={{
          queryBuilder: className ? `segment-builder ${className}` : 'segment-builder',
        }}
      />
    </BuilderContext.Provider>
  );
}
