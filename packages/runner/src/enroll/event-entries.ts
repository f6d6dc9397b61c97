import { type EntryRefusal, entryRefusal } from '@rumbo/flow/runtime';
import { z } from 'zod';
import type { NodeScope } from '../advance/apply-decisions.ts';
import { loadCampaignVersion } from '../campaign/campaign-version.ts';
import { type Executor, run } from '../sql/positional.ts';
import { databaseNow, entrySources } from './enroll.ts';
import { type InsertCounts, insertEnrollments } from './insert-enrollments.ts';

/** An event just stored on a lead's timeline. */
export interface ArrivedEvent {
  leadId: string;
  name: string;
}

export interface EventEntryResult extends InsertCounts {
  /** Entry nodes that received leads: wake their workers. */
  targets: NodeScope[];
  /** Campaigns the events name whose validity period kept their leads out, and why. */
  refused: { campaignId: string; refusal: EntryRefusal }[];
}

const Candidate = z.object({ id: z.string(), version: z.number() });

// Published versions of active campaigns with an event entry.
const WITH_EVENT_ENTRY = `jsonb_path_exists(v.document, '$.nodes[*] ? (@.type == "entry").config.sources[*] ? (@.kind == "event")')`;

/**
 * Event-triggered entry (DESIGN §5): every active campaign of the workspace whose entry node
 * names one of these events enrols the leads that sent it, as its re-entry rule allows, inside
 * its validity period (an event outside it is stored and enrols nobody). Runs
 * in the caller's transaction, so the event and the enrollment commit together; pass only
 * events stored now (a replayed event id must not enrol a lead again).
 */
export async function enrollFromEvents(
  db: Executor,
  input: { workspaceId: string; events: readonly ArrivedEvent[] },
): Promise<EventEntryResult> {
  const result: EventEntryResult = { enrolled: 0, control: 0, targets: [], refused: [] };
  if (input.events.length === 0) return result;
  const rows = await run(
    db,
    `SELECT c.id, v.version FROM campaigns c
     JOIN campaign_versions v ON v.campaign_id = c.id AND v.version = c.published_version
     WHERE c.workspace_id = $1 AND c.status = 'active' AND ${WITH_EVENT_ENTRY}
     ORDER BY c.id`,
    [input.workspaceId],
  );
  const nowMs = rows.length > 0 ? await databaseNow(db) : 0;
  for (const raw of rows) {
    const { id, version } = Candidate.parse(raw);
    const target = await loadCampaignVersion(db, id, version);
    const refusal = entryRefusal(target.document.settings, nowMs);
    for (const node of target.document.nodes) {
      if (node.type !== 'entry') continue;
      const names = new Set(
        entrySources(node.config).flatMap((s) => (s.kind === 'event' ? [s.event] : [])),
      );
      const leadIds = [
        ...new Set(input.events.filter((e) => names.has(e.name)).map((e) => e.leadId)),
      ];
      if (leadIds.length === 0) continue;
      if (refusal) {
        if (!result.refused.some((r) => r.campaignId === id)) {
          result.refused.push({ campaignId: id, refusal });
        }
        continue;
      }
      const counts = await insertEnrollments(db, target, node.id, {
        sql: 'l.id = ANY($7::uuid[])',
        params: [leadIds],
      });
      result.enrolled += counts.enrolled;
      result.control += counts.control;
      if (counts.enrolled > 0) result.targets.push({ campaignId: id, version, nodeId: node.id });
    }
  }
  return result;
}
