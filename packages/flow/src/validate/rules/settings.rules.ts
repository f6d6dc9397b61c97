import type { CampaignSettings } from '../../document/flow.schema.ts';
import type { Issue } from '../issue.ts';
import { makeIssue } from '../issue-codes.ts';

/** Campaign settings that parse but cannot work: an empty validity period, a budget the fixed cost eats. */
export function checkSettings(settings: CampaignSettings): Issue[] {
  const issues: Issue[] = [];
  const { validFrom, validTo, budgetCap, fixedCost } = settings;
  // ISO dates compare correctly as strings.
  if (validFrom !== null && validTo !== null && validFrom > validTo) {
    const path = ['settings', 'validTo'];
    issues.push(makeIssue('validity_period_empty', 'error', { path }, { validFrom, validTo }));
  }
  if (budgetCap !== null && budgetCap <= fixedCost && fixedCost > 0) {
    const path = ['settings', 'budgetCap'];
    issues.push(
      makeIssue('budget_below_fixed_cost', 'warning', { path }, { budgetCap, fixedCost }),
    );
  }
  return issues;
}
