import { type FlowNode, type Issue, issueMessage, type Locale } from '@rumbo/flow';

export interface NodeFormProps {
  node: FlowNode;
  /** Validator findings on this node, shown next to the field they point at. */
  issues: readonly Issue[];
}

/** The translated message of the first issue located at `config.<path…>`, if any. */
export function fieldError(
  issues: readonly Issue[],
  path: readonly (string | number)[],
  locale: Locale,
): string | undefined {
  const full = ['config', ...path];
  const issue = issues.find(
    (i) => i.path !== undefined && full.every((part, index) => i.path?.[index] === part),
  );
  return issue ? issueMessage(issue, locale) : undefined;
}
