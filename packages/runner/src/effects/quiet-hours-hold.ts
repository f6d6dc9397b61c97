import { quietHoursUntil, readContactPolicies } from '@rumbo/flow/policy';
import { z } from 'zod';
import type { LeadRecord } from '../advance/lead-records.ts';
import { type Executor, run } from '../sql/positional.ts';

const SettingsRow = z.object({ id: z.string(), settings: z.unknown() });
const NowRow = z.object({ now: z.coerce.number() });

/** A message about to be claimed: its channel, workspace and lead. */
export interface HoldCandidate {
  id: string;
  channel: 'email' | 'sms' | 'webhook';
  workspaceId: string;
  lead: LeadRecord | undefined;
}

/**
 * Quiet hours again at send time (DESIGN §5): a message that waited in the outbox (retries,
 * an SMTP outage) must not go out at night where its lead lives. Such messages stay `pending`,
 * due when the window ends, with `quiet_hours` as their note. Returns the ids held back.
 */
export async function holdForQuietHours(
  tx: Executor,
  candidates: readonly HoldCandidate[],
): Promise<Set<string>> {
  const held = new Set<string>();
  const people = candidates.filter((c) => c.channel !== 'webhook' && c.lead !== undefined);
  if (people.length === 0) return held;
  const workspaceIds = [...new Set(people.map((c) => c.workspaceId))];
  const rows = await run(tx, 'SELECT id, settings FROM workspaces WHERE id = ANY($1::uuid[])', [
    workspaceIds,
  ]);
  const policies = new Map(
    rows
      .map((raw) => SettingsRow.parse(raw))
      .map((r) => [r.id, readContactPolicies(r.settings).policies.quietHours]),
  );
  if ([...policies.values()].every((windows) => windows.length === 0)) return held;
  const [now] = await run(tx, 'SELECT (extract(epoch from now()) * 1000)::float8 AS now');
  const nowMs = NowRow.parse(now).now;
  const until: { id: string; ms: number }[] = [];
  for (const c of people) {
    const windows = policies.get(c.workspaceId) ?? [];
    if (c.channel === 'webhook' || !c.lead || windows.length === 0) continue;
    const ms = quietHoursUntil(windows, c.channel, c.lead.snapshot.timeZone, nowMs);
    if (ms !== null) until.push({ id: c.id, ms });
  }
  if (until.length === 0) return held;
  await run(
    tx,
    `UPDATE outbox_messages o SET next_attempt_at = to_timestamp(h.ms / 1000.0),
       error = 'quiet_hours', updated_at = now()
     FROM unnest($1::uuid[], $2::float8[]) AS h(id, ms) WHERE o.id = h.id`,
    [until.map((h) => h.id), until.map((h) => h.ms)],
  );
  for (const h of until) held.add(h.id);
  return held;
}
