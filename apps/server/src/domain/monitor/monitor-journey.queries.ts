import type { JourneyStep, LeadJourneyDetail, StepMove } from '@rumbo/flow';
import { MoveKind, StepEligibility } from '@rumbo/flow';
import { PolicyReason } from '@rumbo/flow/policy';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { notFound } from '../../errors/http-problem.ts';
import { runSql } from '../segments/positional-sql.ts';
import { ENROLLMENT_COLUMNS, EnrollmentRow, toNodeLeadRow } from './monitor-leads.queries.ts';

const Instant = z.union([z.date(), z.string()]).transform((v) => new Date(v).toISOString());

/**
 * The runner's `steps.reason`: the move's reason at the top (`{kind: 'auto'}`), and when the
 * lead left a wait, the leaving reason under `left` merged over what the arrival recorded
 * (`{left: {kind: 'signal', signal: 'opened'}, eligibility: 'eligible'}`). Read leniently: an
 * unknown shape is shown as "no reason recorded", never an error.
 */
const RawMove = z.object({
  kind: MoveKind,
  signal: z.string().optional(),
  index: z.number().int().optional(),
  early: z.boolean().optional(),
});
const RawReason = z.object({
  kind: z.unknown().optional(),
  left: z.unknown().optional(),
  eligibility: z.unknown().optional(),
  policy: z.unknown().optional(),
  stale: z.unknown().optional(),
});
const RawStale = z.object({ action: z.enum(['send', 'skip']), overdueMs: z.number() });

type ReadReason = Pick<JourneyStep, 'move' | 'eligibility' | 'policy' | 'stale'>;

export function readReason(reason: unknown): ReadReason {
  const raw = RawReason.safeParse(reason);
  if (!raw.success) return { move: null, eligibility: null, policy: null, stale: null };
  const moveSource = RawMove.safeParse(raw.data.left ?? reason);
  const move: StepMove | null = moveSource.success
    ? {
        kind: moveSource.data.kind,
        signal: moveSource.data.signal ?? null,
        conditionIndex: moveSource.data.index ?? null,
        early: moveSource.data.early ?? false,
      }
    : null;
  const eligibility = StepEligibility.safeParse(raw.data.eligibility);
  const policy = PolicyReason.safeParse(raw.data.policy);
  const stale = RawStale.safeParse(raw.data.stale);
  return {
    move,
    eligibility: eligibility.success ? eligibility.data : null,
    policy: policy.success ? policy.data : null,
    stale: stale.success ? { action: stale.data.action, overdueMs: stale.data.overdueMs } : null,
  };
}

const StepRow = z.object({
  id: z.coerce.number(),
  version: z.number(),
  node_id: z.string(),
  entered_at: Instant,
  acted_at: Instant.nullable(),
  left_at: Instant.nullable(),
  transition_id: z.string().nullable(),
  outcome: z.string().nullable(),
  reason: z.unknown(),
  cost: z.coerce.number(),
});

const SignalRow = z.object({
  name: z.string(),
  occurred_at: Instant,
  received_at: Instant,
  step_id: z.coerce.number().nullable(),
  machine: z.boolean(),
});

/** One journey with every step and its reason, and the lead's signals since it entered. */
export async function leadJourney(
  db: Database,
  workspaceId: string,
  campaignId: string,
  enrollmentId: string,
): Promise<LeadJourneyDetail> {
  const [raw] = await runSql(
    db,
    `SELECT ${ENROLLMENT_COLUMNS}, e.created_at
     FROM enrollments e JOIN leads l ON l.id = e.lead_id
     WHERE e.id = $1 AND e.campaign_id = $2 AND e.workspace_id = $3`,
    [enrollmentId, campaignId, workspaceId],
  );
  if (raw === undefined) throw notFound('journey', enrollmentId);
  const enrollment = EnrollmentRow.parse(raw);
  const steps = await runSql(
    db,
    `SELECT id, version, node_id, entered_at, acted_at, left_at, transition_id, outcome, reason, cost
     FROM steps WHERE enrollment_id = $1 ORDER BY id`,
    [enrollmentId],
  );
  const signals = await runSql(
    db,
    `SELECT name, occurred_at, received_at, step_id, machine FROM signals
     WHERE lead_id = $1 AND workspace_id = $2 AND received_at >= $3::timestamptz
     ORDER BY occurred_at, received_at LIMIT 200`,
    [enrollment.lead_id, workspaceId, raw.created_at],
  );
  return {
    enrollment: {
      ...toNodeLeadRow(enrollment),
      nodeId: enrollment.node_id,
      entryNumber: enrollment.entry_number,
    },
    steps: steps.map((r) => {
      const s = StepRow.parse(r);
      return {
        id: s.id,
        version: s.version,
        nodeId: s.node_id,
        enteredAt: s.entered_at,
        actedAt: s.acted_at,
        leftAt: s.left_at,
        transitionId: s.transition_id,
        outcome: s.outcome,
        cost: s.cost,
        ...readReason(s.reason),
      };
    }),
    signals: signals.map((r) => {
      const s = SignalRow.parse(r);
      return {
        name: s.name,
        occurredAt: s.occurred_at,
        receivedAt: s.received_at,
        stepId: s.step_id,
        machine: s.machine,
      };
    }),
  };
}
