import { nodeRoutes } from '@rumbo/flow/runtime';
import { loadCampaignVersion } from '../campaign/campaign-version.ts';
import { writeEffects } from '../effects/effects.ts';
import { databaseNow } from '../enroll/enroll.ts';
import { isTransientDatabaseError } from '../jobs/transient-error.ts';
import { type Executor, run } from '../sql/positional.ts';
import { applyDecisions, type NodeScope } from './apply-decisions.ts';
import { type Claimed, lockBatch } from './claim.ts';
import { decideBatch } from './decide-batch.ts';
import { endDecision } from './decision.ts';

/** A flow that loops this many steps without ending is stopped (DESIGN §5, no stuck leads). */
export const DEFAULT_STEP_BUDGET = 500;
export const DEFAULT_BATCH_SIZE = 1_000;

export interface BatchOptions {
  batchSize?: number;
  stepBudget?: number;
}

export interface BatchResult {
  claimed: number;
  applied: number;
  stale: number;
  /** Nodes that received leads due now: the caller wakes their workers. */
  targets: string[];
}

const EMPTY: BatchResult = { claimed: 0, applied: 0, stale: 0, targets: [] };

/**
 * Decides and writes the moves of already-claimed enrollments of one node, in the caller's
 * transaction. Separate from the claim so a handler that acts outside the transaction can
 * claim, act, then apply; a newer claim in between makes this write nothing (`stale`).
 */
export async function applyClaimed(
  db: Executor,
  scope: NodeScope,
  claimed: readonly Claimed[],
  options: BatchOptions = {},
): Promise<BatchResult> {
  if (claimed.length === 0) return EMPTY;
  const target = await loadCampaignVersion(db, scope.campaignId, scope.version);
  const routes = nodeRoutes(target.document, scope.nodeId);
  if (!routes) return { ...EMPTY, claimed: claimed.length, stale: claimed.length };
  const nowMs = await databaseNow(db);
  const ctx = {
    db,
    document: target.document,
    routes,
    nowMs,
    stepBudget: options.stepBudget ?? DEFAULT_STEP_BUDGET,
  };
  const plan = await decideBatch(ctx, claimed);
  const applied = await applyDecisions(db, scope, plan.decisions);
  await writeEffects(
    db,
    {
      campaignId: scope.campaignId,
      nodeId: scope.nodeId,
      testMode: target.document.settings.mode === 'test',
    },
    plan.effects,
    applied.stepIds,
  );
  const targets = new Set<string>();
  for (const d of plan.decisions) {
    if (d.transition && applied.stepIds.has(d.id)) targets.add(d.transition.target);
  }
  return {
    claimed: claimed.length,
    applied: applied.applied,
    stale: applied.stale,
    targets: [...targets],
  };
}

async function startBatch(tx: Executor, scope: NodeScope): Promise<boolean> {
  // Delays in calendar months and days count in UTC, as the simulator's do.
  await run(tx, "SET LOCAL TIME ZONE 'UTC'");
  const [active] = await run(
    tx,
    "SELECT 1 AS ok FROM campaigns WHERE id = $1 AND status = 'active'",
    [scope.campaignId],
  );
  return active !== undefined;
}

/**
 * One batch at one node in one transaction: claim up to `batchSize` due enrollments (only of an
 * `active` campaign, so pause holds everyone), decide per packages/flow, write steps, moves,
 * effects and counters together.
 */
export async function processNodeBatch(
  db: Executor,
  scope: NodeScope,
  options: BatchOptions = {},
): Promise<BatchResult> {
  return db.transaction(async (tx) => {
    if (!(await startBatch(tx, scope))) return EMPTY;
    const claimed = await lockBatch(tx, scope, options.batchSize ?? DEFAULT_BATCH_SIZE);
    return applyClaimed(tx, scope, claimed, options);
  });
}

/**
 * After a batch failed as a whole: the next due enrollment alone. If deciding it throws again
 * (bad data the engine cannot handle, e.g. an unknown time zone), that journey is marked
 * `failed` with the error (visible in the monitor, retryable) instead of blocking the node.
 */
export async function processOneIsolated(
  db: Executor,
  scope: NodeScope,
  options: BatchOptions = {},
): Promise<BatchResult> {
  return db.transaction(async (tx) => {
    if (!(await startBatch(tx, scope))) return EMPTY;
    const [one] = await lockBatch(tx, scope, 1);
    if (!one) return EMPTY;
    try {
      return await tx.transaction((savepoint) => applyClaimed(savepoint, scope, [one], options));
    } catch (error) {
      // A deadlock or a lost connection is not this lead's fault: roll back, let the job retry.
      if (isTransientDatabaseError(error)) throw error;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const base = { id: one.id, attempt: one.attempt, arrive: one.status === 'active' };
      const failed = endDecision(base, 'failed', { error: message.slice(0, 500) });
      const applied = await applyDecisions(tx, scope, [failed]);
      return { claimed: 1, applied: applied.applied, stale: applied.stale, targets: [] };
    }
  });
}

/** Runs batches at one node until none is due (or `maxBatches`); returns the totals. */
export async function drainNode(
  db: Executor,
  scope: NodeScope,
  options: BatchOptions & { maxBatches?: number } = {},
): Promise<BatchResult> {
  const total: BatchResult = { claimed: 0, applied: 0, stale: 0, targets: [] };
  const targets = new Set<string>();
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  for (let i = 0; i < (options.maxBatches ?? Number.POSITIVE_INFINITY); i++) {
    let result: BatchResult;
    try {
      result = await processNodeBatch(db, scope, options);
    } catch {
      // One bad enrollment must not hold up the node: go one by one until it is found and failed.
      result = await processOneIsolated(db, scope, options);
      if (result.claimed === 0) break;
      result = { ...result, claimed: size };
    }
    total.claimed += result.claimed;
    total.applied += result.applied;
    total.stale += result.stale;
    for (const t of result.targets) targets.add(t);
    if (result.claimed < size) break;
  }
  total.targets = [...targets];
  return total;
}
