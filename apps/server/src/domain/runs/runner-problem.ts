import { assertNever, type Issue, issueMessage, type ProblemIssue } from '@rumbo/flow';
import { RunnerError } from '@rumbo/runner';
import { HttpProblem } from '../../errors/http-problem.ts';

/** Where in the stored draft a validator issue points: `nodes/<id>/…` or `transitions/<id>/…`. */
function issuePath(issue: Issue): (string | number)[] {
  const inner = issue.path ?? [];
  if (issue.nodeId !== undefined) return ['nodes', issue.nodeId, ...inner];
  if (issue.transitionId !== undefined) return ['transitions', issue.transitionId, ...inner];
  return inner;
}

export function toProblemIssues(issues: readonly Issue[]): ProblemIssue[] {
  return issues.map((issue) => ({
    path: issuePath(issue),
    code: issue.code,
    message: issueMessage(issue, 'en'),
  }));
}

/** The runner's typed failures as HTTP problems; anything else is rethrown untouched (a 500). */
export function runnerProblem(error: unknown): unknown {
  if (!(error instanceof RunnerError)) return error;
  switch (error.code) {
    case 'campaign_not_found':
    case 'campaign_version_not_found':
    case 'lead_not_found':
      return new HttpProblem(404, 'not_found', { detail: error.message });
    case 'campaign_invalid':
      return new HttpProblem(422, 'validation_failed', {
        detail: error.message,
        issues: toProblemIssues(error.issues.filter((issue) => issue.severity === 'error')),
      });
    case 'campaign_status_conflict':
    case 'campaign_not_published':
    case 'enrollment_not_live':
    case 'outside_validity_period':
      return new HttpProblem(409, 'conflict', { detail: error.message });
    case 'invalid_node_map':
      return new HttpProblem(422, 'validation_failed', {
        detail: error.message,
        issues: [
          {
            location: 'body',
            path: ['nodeMap', String(error.params.from ?? '')],
            code: error.code,
            message: error.message,
          },
        ],
      });
    case 'wrong_campaign_mode':
    case 'lead_not_held':
      // Their own codes: a client must tell "switch the campaign's mode" from "nothing to do".
      return new HttpProblem(409, error.code, { detail: error.message });
    default:
      return assertNever(error.code, 'runner error code');
  }
}

/** Runs one runner operation, turning its typed failures into problem+json. */
export async function viaRunner<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw runnerProblem(error);
  }
}
