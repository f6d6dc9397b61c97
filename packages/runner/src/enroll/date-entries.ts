import type { EntrySource } from '@rumbo/flow';
import { z } from 'zod';
import type { CampaignVersion } from '../campaign/campaign-version.ts';
import { type Executor, run } from '../sql/positional.ts';
import { type InsertCounts, insertEnrollments, type Membership } from './insert-enrollments.ts';

type DateSource = Extract<EntrySource, { kind: 'date' }>;

const Zone = z.object({ time_zone: z.string() });

/**
 * Zones leads carry (with the attribute) that PostgreSQL does not know: they count as UTC
 * rather than failing the whole pass with "time zone not recognized".
 */
async function unknownZones(db: Executor, workspaceId: string, attribute: string) {
  const rows = await run(
    db,
    `SELECT z.time_zone FROM (SELECT DISTINCT time_zone FROM leads
                             WHERE workspace_id = $1 AND attributes ? $2) z
     WHERE NOT EXISTS (SELECT 1 FROM pg_timezone_names n WHERE n.name = z.time_zone)`,
    [workspaceId, attribute],
  );
  return rows.map((raw) => Zone.parse(raw).time_zone);
}

/**
 * A date source as SQL over `leads l` (placeholders from $7): the attribute's date, moved by
 * `offsetDays`, is today in the lead's own time zone and the local clock has passed `at`;
 * `yearly` compares day and month (a 29 February comes round on the 28th in other years). A
 * lead is enrolled once per occurrence: none of its journeys in the campaign began at or
 * after this occurrence's instant, so a journey that ended the same day does not start again.
 * The attribute is read as text (`YYYY-MM-DD…`), so a malformed value matches nothing instead
 * of failing the pass.
 */
export function dateMembership(source: DateSource, nowMs: number, badZones: string[]): Membership {
  const tz = `(CASE WHEN l.time_zone = ANY($11::text[]) THEN 'UTC' ELSE l.time_zone END)`;
  const local = `(to_timestamp($10::float8 / 1000) AT TIME ZONE ${tz})`;
  const day = `(${local})::date`;
  const shifted = `(${day} - $8::int)`;
  const attr = `(l.attributes->>$7)`;
  const sameDay = source.yearly
    ? `(to_char(${shifted}, 'MM-DD') = substr(${attr}, 6, 5)
        OR (substr(${attr}, 6, 5) = '02-29' AND to_char(${shifted}, 'MM-DD') = '02-28'
            AND to_char(${shifted} + 1, 'MM-DD') = '03-01'))`
    : `to_char(${shifted}, 'YYYY-MM-DD') = substr(${attr}, 1, 10)`;
  const occurrence = `((${day} + $9::time) AT TIME ZONE ${tz})`;
  const sql = `l.attributes ? $7 AND ${attr} ~ '^\\d{4}-\\d{2}-\\d{2}'
    AND ${sameDay} AND (${local})::time >= $9::time
    AND NOT EXISTS (SELECT 1 FROM enrollments d WHERE d.campaign_id = $1
                    AND d.lead_key = l.external_key AND d.created_at >= ${occurrence})`;
  return { sql, params: [source.attribute, source.offsetDays, source.at, nowMs, badZones] };
}

/** Enrolls, at each entry node, the leads whose date source comes round now (see `dateMembership`). */
export async function enrollDateEntries(
  db: Executor,
  target: CampaignVersion,
  nodeId: string,
  sources: readonly DateSource[],
  nowMs: number,
): Promise<InsertCounts> {
  const total: InsertCounts = { enrolled: 0, control: 0 };
  for (const source of sources) {
    const bad = await unknownZones(db, target.workspaceId, source.attribute);
    const counts = await insertEnrollments(db, target, nodeId, dateMembership(source, nowMs, bad));
    total.enrolled += counts.enrolled;
    total.control += counts.control;
  }
  return total;
}
