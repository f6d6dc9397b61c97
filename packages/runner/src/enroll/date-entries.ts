import type { EntrySource } from '@rumbo/flow';
import { z } from 'zod';
import type { CampaignVersion } from '../campaign/campaign-version.ts';
import { type Executor, run } from '../sql/positional.ts';
import { type InsertCounts, insertEnrollments, type Membership } from './insert-enrollments.ts';

type DateSource = Extract<EntrySource, { kind: 'date' }>;

const Zone = z.object({ time_zone: z.string() });

const DAY_MS = 86_400_000;

/**
 * The `attribute:MM-DD` keys (as `rumbo_date_keys` writes them, migration 0008) a lead's date
 * can carry to come round at `nowMs`: every zone's today lies within a day of UTC's, so the
 * attribute's date, moved by the offset, is one of three month-days (plus 29 February beside a
 * 28th). The GIN index on `rumbo_date_keys(attributes)` then finds the few leads to look at
 * instead of every lead of the workspace each minute; the exact rule is checked on those.
 */
export function candidateDateKeys(source: DateSource, nowMs: number): string[] {
  const utcDay = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const keys = new Set<string>();
  for (const day of [-1, 0, 1]) {
    const monthDay = new Date(utcDay + (day - source.offsetDays) * DAY_MS)
      .toISOString()
      .slice(5, 10);
    keys.add(`${source.attribute}:${monthDay}`);
    if (monthDay === '02-28') keys.add(`${source.attribute}:02-29`);
  }
  return [...keys];
}

let knownZones: Promise<Set<string>> | null = null;

/**
 * PostgreSQL's zone names, read once per process: `pg_timezone_names` reads the zone files
 * (about 100 ms a call), which would be most of a minute's date pass.
 */
function zoneNames(db: Executor): Promise<Set<string>> {
  knownZones ??= run(db, 'SELECT name AS time_zone FROM pg_timezone_names')
    .then((rows) => new Set(rows.map((raw) => Zone.parse(raw).time_zone)))
    .catch((error: unknown) => {
      knownZones = null;
      throw error;
    });
  return knownZones;
}

/**
 * Zones that the leads a pass may enrol carry and PostgreSQL does not know: they count as UTC
 * rather than failing the whole pass with "time zone not recognized".
 */
async function unknownZones(db: Executor, workspaceId: string, keys: readonly string[]) {
  const rows = await run(
    db,
    `SELECT DISTINCT time_zone FROM leads
     WHERE workspace_id = $1 AND rumbo_date_keys(attributes) && $2::text[]`,
    [workspaceId, keys],
  );
  const known = await zoneNames(db);
  return rows.map((raw) => Zone.parse(raw).time_zone).filter((zone) => !known.has(zone));
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
export function dateMembership(
  source: DateSource,
  nowMs: number,
  badZones: string[],
  keys: string[] = candidateDateKeys(source, nowMs),
): Membership {
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
  const candidate = 'rumbo_date_keys(l.attributes) && $12::text[]';
  // The index finds the candidates; CASE keeps the zone arithmetic off every other row (the
  // planner may order plain ANDs as it likes, and `badZones` lists the candidates' zones only).
  const sql = `${candidate} AND CASE WHEN ${candidate} THEN
      l.attributes ? $7 AND ${attr} ~ '^\\d{4}-\\d{2}-\\d{2}'
      AND ${sameDay} AND (${local})::time >= $9::time
      AND NOT EXISTS (SELECT 1 FROM enrollments d WHERE d.campaign_id = $1
                      AND d.lead_key = l.external_key AND d.created_at >= ${occurrence})
    ELSE false END`;
  return { sql, params: [source.attribute, source.offsetDays, source.at, nowMs, badZones, keys] };
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
    const keys = candidateDateKeys(source, nowMs);
    const bad = await unknownZones(db, target.workspaceId, keys);
    const membership = dateMembership(source, nowMs, bad, keys);
    const counts = await insertEnrollments(db, target, nodeId, membership);
    total.enrolled += counts.enrolled;
    total.control += counts.control;
  }
  return total;
}
