import { z } from 'zod';
import type { Issue } from '../../validate/issue.ts';
import { makeIssue } from '../../validate/issue-codes.ts';
import type { NodeModule } from '../node-module.ts';

/**
 * `route` tests the lead once and takes the first condition that holds, else the `else`
 * transition. `hold` keeps the lead until a condition holds, leaving by the timeout
 * otherwise — OpenERP dropped leads whose condition failed; a hold branch never does.
 */
export const BRANCH_MODES = ['route', 'hold'] as const;

export const BranchConfig = z.object({ mode: z.enum(BRANCH_MODES).default('route') });
export type BranchConfig = z.infer<typeof BranchConfig>;

export const branchNode = {
  type: 'branch',
  label: { es: 'Condición', en: 'Branch' },
  description: {
    es: 'Comprueba datos del lead y lo envía por la primera condición que se cumpla.',
    en: "Tests the lead's data and sends it down the first condition that holds.",
  },
  icon: 'git-branch',
  category: 'logic',
  configSchema: BranchConfig,
  defaults: () => BranchConfig.parse({}),
  action: 'route',
  channel: null,
  defaultCost: 0,
  allowedTriggers: ['condition', 'else', 'timeout'],
  signals: () => [],
  validate(config, context) {
    const nodeId = context.node.id;
    const issues: Issue[] = [];
    const elses = context.outgoing.filter((t) => t.trigger.kind === 'else');
    const timeouts = context.outgoing.filter((t) => t.trigger.kind === 'timeout');
    const conditions = context.outgoing.filter((t) => t.trigger.kind === 'condition');
    if (config.mode === 'route') {
      if (elses.length === 0) issues.push(makeIssue('branch_without_else', 'error', { nodeId }));
      for (const extra of elses.slice(1)) {
        issues.push(makeIssue('branch_multiple_else', 'error', { nodeId, transitionId: extra.id }));
      }
      for (const t of timeouts) {
        const params = { trigger: 'timeout', type: 'branch' };
        issues.push(
          makeIssue('trigger_not_allowed', 'error', { nodeId, transitionId: t.id }, params),
        );
      }
      return issues;
    }
    if (conditions.length === 0)
      issues.push(makeIssue('branch_without_condition', 'error', { nodeId }));
    for (const t of elses) {
      issues.push(makeIssue('branch_hold_with_else', 'error', { nodeId, transitionId: t.id }));
    }
    if (timeouts.length === 0)
      issues.push(makeIssue('waiting_without_timeout', 'warning', { nodeId }));
    return issues;
  },
} satisfies NodeModule<BranchConfig>;
