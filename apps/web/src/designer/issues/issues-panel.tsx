import { type Issue, issueMessage } from '@rumbo/flow';
import { useDesignerT, useEditor } from '../editor/editor-context.tsx';
import { keyedIssues } from './issue-key.ts';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Every finding of the validator in words; choosing one selects its node or transition and
 * brings it into view.
 */
export function IssuesPanel({
  issues,
  checking,
  onFocus,
}: {
  issues: readonly Issue[];
  /** The first validation pass has not answered: say so rather than "all in order". */
  checking: boolean;
  onFocus: (issue: Issue) => void;
}) {
  const { t, locale } = useDesignerT();
  const nodes = useEditor((s) => s.document.nodes);
  const names = new Map<string, string>(nodes.map((n) => [n.id, n.name]));
  const sorted = [...issues].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  return (
    <section className="issues-panel" aria-labelledby="issues-title">
      <h2 id="issues-title" className="panel-title">
        {t('issues.title')}{' '}
        <span className="issues-panel__summary" aria-live="polite">
          {checking
            ? t('issues.checking')
            : issues.length === 0
              ? t('issues.none')
              : `${t('issues.errors', { count: errors })} · ${t('issues.warnings', { count: warnings })}`}
        </span>
      </h2>
      {sorted.length > 0 && (
        <ul className="issues-panel__list">
          {keyedIssues(sorted).map(({ key, issue }) => {
            const name = issue.nodeId === undefined ? undefined : names.get(issue.nodeId);
            return (
              <li key={key}>
                <button
                  type="button"
                  className={`issue issue--${issue.severity}`}
                  onClick={() => onFocus(issue)}
                  disabled={!issue.nodeId && !issue.transitionId}
                >
                  <span className={`issue__severity issue__severity--${issue.severity}`}>
                    {t(`severity.${issue.severity}`)}
                  </span>
                  {name !== undefined && <span className="issue__where">{name}</span>}
                  <span className="issue__text">{issueMessage(issue, locale)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
