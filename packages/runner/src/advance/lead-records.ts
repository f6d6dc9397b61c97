import { JsonValue, type LeadSnapshot, Stage } from '@rumbo/flow';
import { z } from 'zod';
import { type Executor, run } from '../sql/positional.ts';

/** A lead as the engine sees it, plus what the runner needs around it. */
export interface LeadRecord {
  id: string;
  workspaceId: string;
  snapshot: LeadSnapshot;
  /** Suppression hits by channel (`all` folded into each). */
  suppressed: { email: boolean; sms: boolean; call: boolean; webhook: boolean };
}

const LeadRow = z.object({
  id: z.string(),
  workspace_id: z.string(),
  external_key: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.string(),
  time_zone: z.string(),
  stage: Stage,
  consent_email: z.boolean(),
  consent_sms: z.boolean(),
  consent_call: z.boolean(),
  attributes: z.record(z.string(), JsonValue),
  tags: z.array(z.string()),
  lists: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  s_email: z.boolean(),
  s_sms: z.boolean(),
  s_all: z.boolean(),
});

// Suppressions by normalised address (lower-case email, phone as stored) or by lead key for `all`.
const SELECT_LEADS = `
SELECT l.id, l.workspace_id, l.external_key, l.name, l.email, l.phone, l.locale, l.time_zone,
  l.stage, l.consent_email, l.consent_sms, l.consent_call, l.attributes, l.tags,
  ARRAY(SELECT lm.list_id::text FROM list_members lm WHERE lm.lead_id = l.id) AS lists,
  to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
  to_char(l.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at,
  EXISTS (SELECT 1 FROM suppressions s WHERE s.workspace_id = l.workspace_id
          AND s.channel = 'email' AND s.value = lower(l.email)) AS s_email,
  EXISTS (SELECT 1 FROM suppressions s WHERE s.workspace_id = l.workspace_id
          AND s.channel IN ('sms', 'call') AND s.value = l.phone) AS s_sms,
  EXISTS (SELECT 1 FROM suppressions s WHERE s.workspace_id = l.workspace_id
          AND s.channel = 'all' AND s.value = l.external_key) AS s_all
FROM leads l WHERE l.id = ANY($1::uuid[])`;

/**
 * Reads the leads of a batch. With `lock`, the rows are locked in id order for the rest of the
 * transaction, so eligibility checked here still holds when the send is recorded.
 */
export async function loadLeads(
  db: Executor,
  leadIds: readonly string[],
  options: { lock: boolean },
): Promise<Map<string, LeadRecord>> {
  const text = options.lock ? `${SELECT_LEADS} ORDER BY l.id FOR NO KEY UPDATE OF l` : SELECT_LEADS;
  const rows = await run(db, text, [[...leadIds]]);
  const records = new Map<string, LeadRecord>();
  for (const raw of rows) {
    const r = LeadRow.parse(raw);
    records.set(r.id, {
      id: r.id,
      workspaceId: r.workspace_id,
      snapshot: {
        key: r.external_key,
        name: r.name,
        email: r.email,
        phone: r.phone,
        locale: r.locale,
        timeZone: r.time_zone,
        stage: r.stage,
        consent: { email: r.consent_email, sms: r.consent_sms, call: r.consent_call },
        attributes: r.attributes,
        tags: r.tags,
        lists: r.lists,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        events: [],
      },
      suppressed: {
        email: r.s_email || r.s_all,
        sms: r.s_sms || r.s_all,
        call: r.s_sms || r.s_all,
        webhook: r.s_all,
      },
    });
  }
  return records;
}

/** Writes back what `applyUpdate` changed (stage, attributes, tags, static lists) for a batch. */
export async function saveLeadUpdates(
  db: Executor,
  updates: readonly { before: LeadRecord; after: LeadSnapshot }[],
): Promise<void> {
  if (updates.length === 0) return;
  await run(
    db,
    `UPDATE leads l SET stage = u.stage, attributes = u.attributes::jsonb,
       tags = ARRAY(SELECT jsonb_array_elements_text(u.tags::jsonb)), updated_at = now()
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS u(id, stage, attributes, tags)
     WHERE l.id = u.id`,
    [
      updates.map((u) => u.before.id),
      updates.map((u) => u.after.stage),
      updates.map((u) => JSON.stringify(u.after.attributes)),
      updates.map((u) => JSON.stringify(u.after.tags)),
    ],
  );
  const added: [string, string][] = [];
  const removed: [string, string][] = [];
  for (const { before, after } of updates) {
    const was = new Set(before.snapshot.lists);
    const now = new Set(after.lists);
    for (const list of now) if (!was.has(list)) added.push([list, before.id]);
    for (const list of was) if (!now.has(list)) removed.push([list, before.id]);
  }
  // Only static lists of the lead's own workspace take members; other names are ignored.
  if (added.length > 0) {
    await run(
      db,
      `INSERT INTO list_members (list_id, lead_id)
       SELECT s.id, a.lead_id FROM unnest($1::text[], $2::uuid[]) AS a(list_id, lead_id)
       JOIN leads l ON l.id = a.lead_id
       JOIN segments s ON s.id::text = a.list_id AND s.kind = 'static' AND s.workspace_id = l.workspace_id
       ON CONFLICT DO NOTHING`,
      [added.map((a) => a[0]), added.map((a) => a[1])],
    );
  }
  if (removed.length > 0) {
    await run(
      db,
      `DELETE FROM list_members m USING unnest($1::text[], $2::uuid[]) AS r(list_id, lead_id)
       WHERE m.list_id::text = r.list_id AND m.lead_id = r.lead_id`,
      [removed.map((a) => a[0]), removed.map((a) => a[1])],
    );
  }
}
