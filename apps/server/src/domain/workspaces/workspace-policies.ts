import { schema } from '@rumbo/db';
import {
  checkContactPolicies,
  type PolicyIssue,
  policyIssueMessage,
  readContactPolicies,
  type WorkspacePolicies,
  type WorkspacePoliciesSave,
} from '@rumbo/flow/policy';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { HttpProblem, notFound } from '../../errors/http-problem.ts';
import { type Executor, runSql } from '../segments/positional-sql.ts';

/**
 * The workspace's contact policies (DESIGN §5) for the settings screen. They stay where the
 * runner reads them, `workspaces.settings.policies`; beside them `policiesRevision` (bumped by
 * every save, for optimistic concurrency) and `policiesSavedAt`. A save merges these three keys
 * into the settings, so the other keys kept there (the call capacities) are never touched.
 */

const PoliciesRow = z.object({
  settings: z.unknown(),
  revision: z.coerce.number(),
  saved_at: z.string().nullable(),
});

/** Stored instants come back as ISO text from `to_jsonb(now())`; the API says UTC with `Z`. */
const isoOrNull = (text: string | null): string | null =>
  text === null ? null : new Date(text).toISOString();

export async function readWorkspacePolicies(
  db: Executor,
  workspaceId: string,
): Promise<WorkspacePolicies> {
  const [raw] = await runSql(
    db,
    `SELECT settings, coalesce((settings->>'policiesRevision')::int, 0) AS revision,
       settings->>'policiesSavedAt' AS saved_at
     FROM workspaces WHERE id = $1`,
    [workspaceId],
  );
  if (raw === undefined) throw notFound('workspace', workspaceId);
  const row = PoliciesRow.parse(raw);
  const { policies, issues } = readContactPolicies(row.settings);
  return {
    policies,
    revision: row.revision,
    savedAt: isoOrNull(row.saved_at),
    storedIssues: issues,
  };
}

function invalidPolicies(issues: PolicyIssue[]): HttpProblem {
  return new HttpProblem(400, 'validation_failed', {
    detail: 'the contact policies are not valid; nothing was saved',
    issues: issues.map((issue) => ({
      location: 'body',
      path: ['policies', ...issue.path],
      code: issue.code,
      message: policyIssueMessage(issue, 'en'),
    })),
  });
}

/**
 * Replaces the policies when `revision` is still the stored one. Bad policies → 400 with every
 * issue located at `['policies', …]`; a stale revision → 409 `conflict` with `currentRevision`.
 * Either way nothing is written.
 */
export async function saveWorkspacePolicies(
  db: Database,
  workspaceId: string,
  body: WorkspacePoliciesSave,
  actor: string,
): Promise<WorkspacePolicies> {
  const { policies, issues } = checkContactPolicies(body.policies);
  if (policies === null) throw invalidPolicies(issues);
  return db.transaction(async (tx) => {
    const updated = await runSql(
      tx,
      `UPDATE workspaces SET settings = settings || jsonb_build_object(
         'policies', $2::jsonb, 'policiesRevision', $3::int + 1, 'policiesSavedAt', to_jsonb(now()))
       WHERE id = $1 AND coalesce((settings->>'policiesRevision')::int, 0) = $3
       RETURNING id`,
      [workspaceId, JSON.stringify(policies), body.revision],
    );
    if (updated.length === 0) {
      const current = await readWorkspacePolicies(tx, workspaceId);
      throw new HttpProblem(409, 'conflict', {
        detail: `you edited revision ${body.revision} of the contact policies but they are at revision ${current.revision}; nothing was overwritten: reload them and apply your changes again`,
        extensions: { currentRevision: current.revision },
      });
    }
    await tx.insert(schema.auditLog).values({
      workspaceId,
      actor,
      action: 'workspace.policies_changed',
      subject: `workspace:${workspaceId}`,
      data: { revision: body.revision + 1, policies },
    });
    return readWorkspacePolicies(tx, workspaceId);
  });
}
