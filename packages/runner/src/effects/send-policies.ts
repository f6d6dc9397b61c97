import type { Channel, FlowDocument } from '@rumbo/flow';
import {
  type Contact,
  capPeriodMs,
  decideSendPolicies,
  readContactPolicies,
  type SendPolicyVerdict,
} from '@rumbo/flow/policy';
import { z } from 'zod';
import { type Executor, run } from '../sql/positional.ts';

/** One eligible lead about to act at a node, in claim order. */
export interface PolicyCandidate {
  enrollmentId: string;
  leadId: string;
  workspaceId: string;
  timeZone: string;
}

const SettingsRow = z.object({ settings: z.unknown() });
const ContactRow = z.object({
  lead_id: z.string(),
  channel: z.enum(['email', 'sms', 'call', 'webhook']),
  at_ms: z.coerce.number(),
});
const SpentRow = z.object({ spent: z.coerce.number() });
const CampaignRow = z.object({ campaign_id: z.string() });

async function workspacePolicies(db: Executor, workspaceId: string) {
  const [row] = await run(db, 'SELECT settings FROM workspaces WHERE id = $1', [workspaceId]);
  return readContactPolicies(row ? SettingsRow.parse(row).settings : {}).policies;
}

// Every contact of these leads in any campaign within the longest cap period: messages that
// were or will be sent (not refused) and call tasks. Run after the batch locked its leads, so a
// batch of another campaign for the same lead has committed and is counted.
const CONTACTS = `
SELECT lead_id, channel, (extract(epoch from created_at) * 1000)::float8 AS at_ms
FROM outbox_messages
WHERE lead_id = ANY($1::uuid[]) AND channel IN ('email', 'sms')
  AND status NOT IN ('suppressed', 'failed') AND created_at > now() - make_interval(secs => $2::float8)
UNION ALL
SELECT lead_id, 'call', (extract(epoch from created_at) * 1000)::float8
FROM call_tasks
WHERE lead_id = ANY($1::uuid[]) AND created_at > now() - make_interval(secs => $2::float8)`;

async function contactsOf(
  db: Executor,
  leadIds: string[],
  periodMs: number,
): Promise<Map<string, Contact[]>> {
  const byLead = new Map<string, Contact[]>();
  if (periodMs <= 0 || leadIds.length === 0) return byLead;
  for (const raw of await run(db, CONTACTS, [leadIds, periodMs / 1000])) {
    const row = ContactRow.parse(raw);
    const list = byLead.get(row.lead_id) ?? [];
    list.push({ atMs: row.at_ms, channel: row.channel });
    byLead.set(row.lead_id, list);
  }
  return byLead;
}

/**
 * What the enrollment's campaign has spent (every version's acted costs). With a budget cap, batches of the
 * campaign take a transaction-scoped advisory lock first, so two nodes deciding at once cannot
 * both spend the last euro.
 */
async function spentSoFar(db: Executor, enrollmentId: string): Promise<number> {
  const [campaign] = await run(db, 'SELECT campaign_id FROM enrollments WHERE id = $1', [
    enrollmentId,
  ]);
  const campaignId = CampaignRow.parse(campaign).campaign_id;
  await run(db, "SELECT pg_advisory_xact_lock(hashtext('rumbo-budget:' || $1::text))", [
    campaignId,
  ]);
  const [row] = await run(
    db,
    'SELECT COALESCE(sum(cost), 0) AS spent FROM node_counters WHERE campaign_id = $1',
    [campaignId],
  );
  return SpentRow.parse(row).spent;
}

/**
 * The contact policies (DESIGN §5) for the eligible leads of one batch at an acting node, set
 * based: one read of the workspace's policies, one of the leads' recent contacts, one of the
 * campaign's spend; every decision from `@rumbo/flow/policy`.
 */
export async function sendPolicyVerdicts(
  db: Executor,
  scope: {
    document: FlowDocument;
    channel: Channel;
    cost: number;
    nowMs: number;
  },
  candidates: readonly PolicyCandidate[],
): Promise<Map<string, SendPolicyVerdict>> {
  const verdicts = new Map<string, SendPolicyVerdict>();
  const first = candidates[0];
  if (!first) return verdicts;
  const policies = await workspacePolicies(db, first.workspaceId);
  const longest = Math.max(0, ...policies.pressure.map(capPeriodMs));
  const contacts = await contactsOf(
    db,
    candidates.map((c) => c.leadId),
    longest,
  );
  const { budgetCap, fixedCost } = scope.document.settings;
  const spent = budgetCap === null ? 0 : await spentSoFar(db, first.enrollmentId);
  const decided = decideSendPolicies({
    channel: scope.channel,
    nowMs: scope.nowMs,
    policies,
    budget: { budgetCap, fixedCost, spent, cost: scope.cost },
    candidates: candidates.map((c) => ({
      timeZone: c.timeZone,
      contacts: contacts.get(c.leadId) ?? [],
    })),
  });
  candidates.forEach((c, i) => {
    const verdict = decided[i];
    if (verdict) verdicts.set(c.enrollmentId, verdict);
  });
  return verdicts;
}
