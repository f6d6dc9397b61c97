import type { NodeId, TransitionId } from '../ids.ts';
import type { Issue, Severity } from './issue.ts';

/**
 * Every code the validator and the node modules can report. The UI and the server translate
 * them with `issueMessage`; a test proves each has a Spanish and an English message.
 */
export const ISSUE_CODES = [
  // document-level
  'document_not_object',
  'document_too_deep',
  'document_too_large',
  'schema_version_unsupported',
  'schema_invalid',
  'too_many_issues',
  'internal_error',
  // nodes and transitions
  'unknown_node_type',
  'duplicate_node_id',
  'duplicate_transition_id',
  'dangling_transition',
  'config_invalid',
  'invalid_cost',
  'stale_policy_ignored',
  'no_entry',
  'unreachable_node',
  'dead_end',
  'terminal_has_outgoing',
  'transition_into_entry',
  'note_connected',
  'trigger_not_allowed',
  'multiple_auto',
  'multiple_timeout',
  'duplicate_signal',
  'signal_not_allowed',
  'link_without_click',
  'unknown_link',
  'cycle_without_wait',
  'waiting_without_timeout',
  'engagement_without_message',
  'condition_never_holds',
  'duplicate_condition_order',
  'unknown_merge_field',
  'unclosed_merge_field',
  'unknown_segment',
  'validity_period_empty',
  'budget_below_fixed_cost',
  // node-specific
  'entry_without_source',
  'email_subject_missing',
  'message_body_missing',
  'invalid_url',
  'invalid_email_address',
  'duplicate_link',
  'sms_too_long',
  'call_script_missing',
  'call_outcome_duplicate',
  'call_outcome_unhandled',
  'wait_config_incomplete',
  'branch_without_else',
  'branch_multiple_else',
  'branch_hold_with_else',
  'branch_without_condition',
  'split_weights_sum',
  'update_empty',
  'update_conflict',
  'webhook_body_ignored',
  'webhook_invalid_header',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Where an issue points: a node, a transition, and/or a path inside the document or config. */
export interface IssueLocation {
  nodeId?: NodeId;
  transitionId?: TransitionId;
  path?: (string | number)[];
}

/** Builds an issue; keeps call sites short and the code checked against `ISSUE_CODES`. */
export function makeIssue(
  code: IssueCode,
  severity: Severity,
  location: IssueLocation,
  params: Issue['params'] = {},
): Issue {
  const issue: Issue = { code, severity, params };
  if (location.nodeId !== undefined) issue.nodeId = location.nodeId;
  if (location.transitionId !== undefined) issue.transitionId = location.transitionId;
  if (location.path !== undefined) issue.path = location.path;
  return issue;
}
