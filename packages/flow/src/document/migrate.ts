import { isRecord } from '../util/guards.ts';
import type { Issue } from '../validate/issue.ts';
import { makeIssue } from '../validate/issue-codes.ts';
import { CURRENT_SCHEMA_VERSION } from './flow.schema.ts';
import { v0ActivitiesToNodes } from './migrations/v0-activities-to-nodes.migration.ts';

/**
 * Stored flows carry `schemaVersion` and move forward on read, one named step at a time, so a
 * campaign saved years ago opens in today's editor. A migration takes raw JSON and returns
 * raw JSON; the schema checks the result.
 */
export interface FlowMigration {
  name: string;
  from: number;
  to: number;
  up(raw: Record<string, unknown>): Record<string, unknown>;
}

export const FLOW_MIGRATIONS: readonly FlowMigration[] = [v0ActivitiesToNodes];

export interface MigrationResult {
  /** The document at the current version, or the input unchanged when it cannot be migrated. */
  document: unknown;
  /** Names of the migrations applied, in order. */
  applied: string[];
  issues: Issue[];
}

/** The stored version: `schemaVersion`, or 0 for the legacy shape that predates the field. */
export function detectSchemaVersion(raw: Record<string, unknown>): number | undefined {
  const version = raw.schemaVersion;
  if (typeof version === 'number') return version;
  if (version === undefined && Array.isArray(raw.activities)) return 0;
  return undefined;
}

/**
 * Moves a stored document to `CURRENT_SCHEMA_VERSION`. Never throws: a version from the
 * future or without a migration path comes back as an issue with the input untouched.
 */
export function migrateFlowDocument(raw: unknown): MigrationResult {
  if (!isRecord(raw)) return { document: raw, applied: [], issues: [] };
  let version = detectSchemaVersion(raw);
  // No version at all: leave it to the schema, which locates the missing field.
  if (version === undefined || version === CURRENT_SCHEMA_VERSION) {
    return { document: raw, applied: [], issues: [] };
  }
  let document = raw;
  const applied: string[] = [];
  while (version !== CURRENT_SCHEMA_VERSION) {
    const from: number = version;
    const step: FlowMigration | undefined = FLOW_MIGRATIONS.find((m) => m.from === from);
    if (!step) {
      const params = { version: from, current: CURRENT_SCHEMA_VERSION };
      const issue = makeIssue(
        'schema_version_unsupported',
        'error',
        { path: ['schemaVersion'] },
        params,
      );
      return { document: raw, applied, issues: [issue] };
    }
    document = step.up(document);
    applied.push(step.name);
    version = step.to;
  }
  return { document, applied, issues: [] };
}
