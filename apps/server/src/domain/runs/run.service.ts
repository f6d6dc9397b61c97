import { schema } from '@rumbo/db';
import type {
  AdvanceBody,
  AdvanceResult,
  CampaignStats,
  FastForwardBody,
  FastForwardResult,
  LaunchResult,
  PublishBody,
  PublishResult,
  RemovedLead,
  RunCommand,
  RunStatusResult,
} from '@rumbo/flow';
import { validateFlow } from '@rumbo/flow';
import {
  advanceManual,
  changeCampaignStatus,
  enrollFromSegments,
  fastForward,
  publishCampaign,
  refreshAfterBulkEnrollment,
  removeEnrollment,
  retryFailed,
} from '@rumbo/runner';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { notFound } from '../../errors/http-problem.ts';
import { viaRunner } from './runner-problem.ts';

const { campaigns, enrollments, nodeCounters, transitionCounters } = schema;

/** The campaign, if it is in the request's workspace; another workspace's id is a 404. */
export async function campaignInWorkspace(db: Database, workspaceId: string, campaignId: string) {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, workspaceId)));
  if (!row) throw notFound('campaign', campaignId);
  return row;
}

export async function publish(
  db: Database,
  workspaceId: string,
  campaignId: string,
  input: PublishBody & { actor: string },
): Promise<PublishResult> {
  await campaignInWorkspace(db, workspaceId, campaignId);
  const published = await viaRunner(() =>
    publishCampaign(db, {
      campaignId,
      actor: input.actor,
      ...(input.notes === undefined ? {} : { notes: input.notes }),
      ...(input.leads === undefined ? {} : { leads: input.leads }),
      ...(input.nodeMap === undefined ? {} : { nodeMap: input.nodeMap }),
      ...(input.exit === undefined ? {} : { exit: input.exit }),
    }),
  );
  // The runner refused errors; what the validator still says is a warning for the reviewer.
  const { issues } = validateFlow(published.document);
  return {
    campaignId,
    version: published.version,
    migrated: published.migrated,
    removed: published.removed,
    stayed: published.stayed,
    warnings: issues.filter((issue) => issue.severity !== 'error'),
  };
}

/** Launch = status `active` plus enrolling the entry segments of the published version. */
export async function launch(
  db: Database,
  workspaceId: string,
  campaignId: string,
  actor: string,
): Promise<LaunchResult> {
  await campaignInWorkspace(db, workspaceId, campaignId);
  const result = await viaRunner(() =>
    changeCampaignStatus(db, { campaignId, command: 'launch', actor }),
  );
  const version = result.version;
  const enrolled =
    version === null
      ? { enrolled: 0, control: 0, missingSegments: [], refused: null }
      : await viaRunner(() => enrollFromSegments(db, { campaignId, version }));
  await refreshAfterBulkEnrollment(db, enrolled.enrolled + enrolled.control);
  const { refused, ...counts } = enrolled;
  return {
    ...result,
    ...counts,
    missingSegments: [...enrolled.missingSegments],
    // Said only when it happened, so clients that predate the field see the same answer.
    ...(refused === null ? {} : { refused }),
  };
}

export async function command(
  db: Database,
  workspaceId: string,
  campaignId: string,
  input: { command: RunCommand; actor: string },
): Promise<RunStatusResult> {
  await campaignInWorkspace(db, workspaceId, campaignId);
  return viaRunner(() => changeCampaignStatus(db, { campaignId, ...input }));
}

/** Takes the lead's live journey out of the campaign; a lead not in it is a 404. */
export async function removeLead(
  db: Database,
  workspaceId: string,
  campaignId: string,
  input: { leadKey: string; actor: string },
): Promise<RemovedLead> {
  await campaignInWorkspace(db, workspaceId, campaignId);
  const [journey] = await db
    .select({ id: enrollments.id, nodeId: enrollments.nodeId })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.campaignId, campaignId),
        eq(enrollments.leadKey, input.leadKey),
        inArray(enrollments.status, ['active', 'waiting']),
      ),
    )
    .orderBy(desc(enrollments.entryNumber))
    .limit(1);
  if (!journey) throw notFound('live journey of lead', input.leadKey);
  await viaRunner(() => removeEnrollment(db, { enrollmentId: journey.id, actor: input.actor }));
  return { leadKey: input.leadKey, enrollmentId: journey.id, nodeId: journey.nodeId };
}

export async function retry(
  db: Database,
  workspaceId: string,
  campaignId: string,
  input: { nodeId?: string | undefined; actor: string },
): Promise<{ retried: number }> {
  await campaignInWorkspace(db, workspaceId, campaignId);
  const retried = await viaRunner(() =>
    retryFailed(db, {
      campaignId,
      actor: input.actor,
      ...(input.nodeId === undefined ? {} : { nodeId: input.nodeId }),
    }),
  );
  return { retried };
}

type Waker = (targets: { campaignId: string; version: number; nodeId: string }[]) => unknown;

/** Manual mode: releases parked leads (all, at a node, or one) and wakes their nodes. */
export async function advance(
  db: Database,
  workspaceId: string,
  campaignId: string,
  input: AdvanceBody & { actor: string },
  wake: Waker,
): Promise<AdvanceResult> {
  await campaignInWorkspace(db, workspaceId, campaignId);
  const outcome = await viaRunner(() =>
    advanceManual(db, {
      campaignId,
      actor: input.actor,
      ...(input.nodeId === undefined ? {} : { nodeId: input.nodeId }),
      ...(input.leadKey === undefined ? {} : { leadKey: input.leadKey }),
    }),
  );
  await wake(outcome.targets);
  return { released: outcome.released, nodes: outcome.nodes };
}

/** Test mode: pending waits fall due now (or `by` earlier) and their nodes wake. */
export async function fastForwardRun(
  db: Database,
  workspaceId: string,
  campaignId: string,
  input: FastForwardBody & { actor: string },
  wake: Waker,
): Promise<FastForwardResult> {
  await campaignInWorkspace(db, workspaceId, campaignId);
  const outcome = await viaRunner(() =>
    fastForward(db, {
      campaignId,
      actor: input.actor,
      ...(input.by === undefined ? {} : { by: input.by }),
      ...(input.nodeId === undefined ? {} : { nodeId: input.nodeId }),
    }),
  );
  await wake(outcome.targets);
  return { shifted: outcome.shifted, dueNow: outcome.dueNow };
}

/** Per-node and per-transition counts, summed over versions, from the counter tables. */
export async function campaignStats(
  db: Database,
  workspaceId: string,
  campaignId: string,
): Promise<CampaignStats> {
  const campaign = await campaignInWorkspace(db, workspaceId, campaignId);
  const nodeRows = await db
    .select()
    .from(nodeCounters)
    .where(eq(nodeCounters.campaignId, campaignId));
  const transitionRows = await db
    .select()
    .from(transitionCounters)
    .where(eq(transitionCounters.campaignId, campaignId));

  const nodes = new Map<string, CampaignStats['nodes'][number]>();
  for (const row of nodeRows) {
    const sum = nodes.get(row.nodeId) ?? {
      nodeId: row.nodeId,
      waiting: 0,
      entered: 0,
      acted: 0,
      failed: 0,
      converted: 0,
      ended: 0,
    };
    sum.waiting += Number(row.waiting);
    sum.entered += Number(row.entered);
    sum.acted += Number(row.acted);
    sum.failed += Number(row.failed);
    sum.converted += Number(row.converted);
    sum.ended += Number(row.ended);
    nodes.set(row.nodeId, sum);
  }
  const transitions = new Map<string, CampaignStats['transitions'][number]>();
  for (const row of transitionRows) {
    const sum = transitions.get(row.transitionId) ?? {
      transitionId: row.transitionId,
      nodeId: row.nodeId,
      passed: 0,
    };
    sum.passed += Number(row.passed);
    transitions.set(row.transitionId, sum);
  }
  const nodeList = [...nodes.values()].sort((a, b) => a.nodeId.localeCompare(b.nodeId));
  const waiting = nodeList.reduce((total, node) => total + node.waiting, 0);
  const ended = nodeList.reduce((total, node) => total + node.ended, 0);
  return {
    campaignId,
    status: campaign.status,
    publishedVersion: campaign.publishedVersion,
    nodes: nodeList,
    transitions: [...transitions.values()].sort((a, b) =>
      a.transitionId.localeCompare(b.transitionId),
    ),
    totals: { enrolled: waiting + ended, waiting, ended },
  };
}
