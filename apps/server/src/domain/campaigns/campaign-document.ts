import { schema } from '@rumbo/db';
import {
  type FlowDocument,
  type FlowIssue,
  type Issue,
  issueMessage,
  type ProblemIssue,
  validateFlow,
} from '@rumbo/flow';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { HttpProblem } from '../../errors/http-problem.ts';

/** At most this many issues go into a 400: enough to fix the document, small enough to read. */
const MAX_PROBLEM_ISSUES = 100;

export interface CheckedDocument {
  document: FlowDocument;
  /** Every finding, errors included: a draft may be saved with errors, only publishing is refused. */
  issues: FlowIssue[];
}

async function workspaceSegmentIds(db: Database, workspaceId: string): Promise<string[]> {
  const rows = await db
    .select({ id: schema.segments.id })
    .from(schema.segments)
    .where(eq(schema.segments.workspaceId, workspaceId));
  return rows.map((row) => row.id);
}

function asFlowIssue(issue: Issue): FlowIssue {
  const flowIssue: FlowIssue = { code: issue.code, severity: issue.severity, params: issue.params };
  if (issue.nodeId !== undefined) flowIssue.nodeId = issue.nodeId;
  if (issue.transitionId !== undefined) flowIssue.transitionId = issue.transitionId;
  if (issue.path !== undefined) flowIssue.path = issue.path;
  return flowIssue;
}

/** A validator issue as a problem issue located in the request body under `prefix`. */
export function locatedIssue(issue: Issue, prefix: (string | number)[]): ProblemIssue {
  return {
    location: 'body',
    path: [...prefix, ...(issue.path ?? [])],
    code: issue.code,
    message: issueMessage(issue, 'en'),
  };
}

/**
 * Validates a document a client sent, with the workspace's segments as the known references.
 * Anything that parses as a flow comes back with its issues (unknown node types included);
 * something that is not a flow at all (not an object, a schemaVersion with no migration,
 * fields of the wrong shape) is a 400 whose issues point into the body under `prefix`.
 */
export async function checkDocument(
  db: Database,
  workspaceId: string,
  raw: unknown,
  prefix: (string | number)[],
): Promise<CheckedDocument> {
  const knownSegments = await workspaceSegmentIds(db, workspaceId);
  const result = validateFlow(raw, { knownSegments });
  if (result.document === null) {
    const errors = result.issues.filter((issue) => issue.severity === 'error');
    throw new HttpProblem(400, 'validation_failed', {
      detail: `the ${prefix.join('.') || 'body'} is not a flow document Rumbo can store; nothing was saved`,
      issues: errors.slice(0, MAX_PROBLEM_ISSUES).map((issue) => locatedIssue(issue, prefix)),
    });
  }
  return { document: result.document, issues: result.issues.map(asFlowIssue) };
}
