import type { Issue } from '@rumbo/flow';

/** Stable codes of the runner's typed errors; the server maps them to problem+json. */
export type RunnerErrorCode =
  | 'campaign_not_found'
  | 'campaign_version_not_found'
  | 'campaign_invalid'
  | 'campaign_status_conflict'
  | 'campaign_not_published'
  | 'lead_not_found'
  | 'enrollment_not_live'
  | 'wrong_campaign_mode'
  | 'lead_not_held'
  | 'invalid_node_map'
  | 'outside_validity_period';

/** An expected failure of a runner operation, with a stable code and located issues. */
export class RunnerError extends Error {
  readonly code: RunnerErrorCode;
  readonly issues: readonly Issue[];
  readonly params: Readonly<Record<string, string | number>>;

  constructor(
    code: RunnerErrorCode,
    message: string,
    options: { issues?: readonly Issue[]; params?: Record<string, string | number> } = {},
  ) {
    super(message);
    this.name = 'RunnerError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.params = options.params ?? {};
  }
}
