import { z } from 'zod';
import { ContactPolicies } from '../policy/policy.schema.ts';
import { Problem } from './problem.api.ts';

/**
 * HTTP shapes of `/api/v1/workspace/policies`: the workspace's contact policies (DESIGN §5) as
 * the settings screen reads and saves them. They live in `workspaces.settings.policies`, where
 * the runner reads them with `readContactPolicies`.
 */

export const WorkspacePolicies = z
  .object({
    policies: ContactPolicies,
    /** Bumped by every save; send it back with the next save (optimistic concurrency). */
    revision: z.number().int().min(0),
    /** When they were last saved through the API; null while nothing was saved. */
    savedAt: z.iso.datetime({ offset: true }).nullable(),
    /**
     * Problems of a stored value that does not parse (edited by hand): the runner applies no
     * policies until it is saved again, and the screen says so.
     */
    storedIssues: z.array(z.string()),
  })
  .meta({ id: 'WorkspacePolicies' });
export type WorkspacePolicies = z.infer<typeof WorkspacePolicies>;

export const WorkspacePoliciesSave = z
  .object({
    /** The revision the editor loaded; another save since → 409 `conflict`, nothing written. */
    revision: z.number().int().min(0),
    /**
     * A `ContactPolicies` value. Checked by `checkContactPolicies` (unknown keys refused, empty
     * windows and zero periods reported), so every issue comes back located at `['policies', …]`.
     */
    policies: z.unknown(),
  })
  .meta({ id: 'WorkspacePoliciesSave' });
export type WorkspacePoliciesSave = z.infer<typeof WorkspacePoliciesSave>;

/** A 409 of a stale save: the revision now stored, so the screen can offer to reload. */
export const WorkspacePoliciesConflict = Problem.extend({
  currentRevision: z.number().int().min(0).optional(),
}).meta({ id: 'WorkspacePoliciesConflict' });
export type WorkspacePoliciesConflict = z.infer<typeof WorkspacePoliciesConflict>;
