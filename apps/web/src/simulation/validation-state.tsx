import { type FlowDocument, issueMessage, validateFlow } from '@rumbo/flow';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLanguage } from '../i18n/use-language.ts';
import { issueKey } from './issue-key.ts';

/**
 * Whether the draft can be simulated: errors are listed (with the node they are on) and
 * link back to the designer; warnings only say they exist, the run is still allowed.
 */
export function ValidationState({
  document,
  campaignId,
}: {
  document: FlowDocument;
  campaignId: string;
}) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  const issues = useMemo(() => validateFlow(document).issues, [document]);
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.length - errors.length;
  const names = new Map(document.nodes.map((n) => [n.id, n.name]));
  if (errors.length > 0) {
    return (
      <div className="sim-notice sim-notice--error" role="alert" data-testid="flow-errors">
        <h2>{t('validation.errorsTitle', { count: errors.length })}</h2>
        <p>{t('validation.errorsHint')}</p>
        <ul>
          {errors.map((issue) => (
            <li key={issueKey(issue)}>
              {issue.nodeId && names.get(issue.nodeId) ? (
                <strong>{names.get(issue.nodeId)}: </strong>
              ) : null}
              {issueMessage(issue, language)}
            </li>
          ))}
        </ul>
        <Link className="button button--primary" to={`/campaigns/${campaignId}`}>
          {t('validation.fix')}
        </Link>
      </div>
    );
  }
  return (
    <p className="sim-note">
      {warnings > 0 ? t('validation.warnings', { count: warnings }) : t('validation.ok')}
    </p>
  );
}
