import { type AddCallTaskBody, CALL_PRIORITIES, CallConfig, type CallTaskRow } from '@rumbo/flow';
import { enrollLead, loadCampaignVersion } from '@rumbo/runner';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { HttpProblem, notFound } from '../../errors/http-problem.ts';
import { viaRunner } from '../runs/runner-problem.ts';
import { type Executor, runSql } from '../segments/positional-sql.ts';
import { loadTask } from './call-task.queries.ts';

function badBody(path: string, code: string, message: string): HttpProblem {
  return new HttpProblem(400, 'validation_failed', {
    detail: message,
    issues: [{ location: 'body', path: [path], code, message }],
  });
}

const Campaign = z.object({ id: z.string(), published_version: z.number().nullable() });
const Enrollment = z.object({ id: z.string(), version: z.number() });

/** The lead's current journey in the campaign; enrols it at the entry when it has none. */
async function journeyOf(db: Executor, campaignId: string, version: number, leadKey: string) {
  const find = () =>
    runSql(
      db,
      `SELECT id, version FROM enrollments WHERE campaign_id = $1 AND lead_key = $2
       ORDER BY (status IN ('active', 'waiting')) DESC, created_at DESC LIMIT 1`,
      [campaignId, leadKey],
    );
  const [existing] = await find();
  if (existing !== undefined) return Enrollment.parse(existing);
  // Outside the campaign's validity period the runner refuses: a 409 stating the period.
  await viaRunner(() => enrollLead(db, { campaignId, version, leadKey }));
  const [created] = await find();
  if (created === undefined) {
    // The campaign's re-entry rule refused it; nothing to attach the call to.
    throw badBody('leadKey', 'not_enrollable', `lead ${leadKey} cannot enter this campaign`);
  }
  return Enrollment.parse(created);
}

/**
 * Proscai's "Nuevo": puts a lead who is not on the list onto the campaign's call list. The
 * task belongs to the lead's journey in the campaign (enrolled at the entry if it had none),
 * so its outcome is a signal like any other; a lead already on the open list is a conflict.
 */
export async function addCallTask(
  db: Database,
  workspaceId: string,
  body: AddCallTaskBody,
): Promise<CallTaskRow> {
  return db.transaction(async (tx) => {
    const [campaignRaw] = await runSql(
      tx,
      'SELECT id, published_version FROM campaigns WHERE id = $1 AND workspace_id = $2',
      [body.campaignId, workspaceId],
    );
    if (campaignRaw === undefined) throw notFound('campaign', body.campaignId);
    const campaign = Campaign.parse(campaignRaw);
    if (campaign.published_version === null) {
      throw badBody('campaignId', 'not_published', 'the campaign has no published version');
    }
    const [lead] = await runSql(
      tx,
      'SELECT id FROM leads WHERE workspace_id = $1 AND external_key = $2',
      [workspaceId, body.leadKey],
    );
    if (lead === undefined) {
      throw badBody('leadKey', 'lead_not_found', `no lead has the key ${body.leadKey}`);
    }
    const journey = await journeyOf(tx, campaign.id, campaign.published_version, body.leadKey);
    const target = await loadCampaignVersion(tx, campaign.id, journey.version);
    const node = target.document.nodes.find((n) =>
      body.nodeId === undefined ? n.type === 'call' : n.id === body.nodeId,
    );
    if (node === undefined || node.type !== 'call') {
      throw badBody('nodeId', 'not_a_call_node', 'the campaign has no such call node');
    }
    const config = CallConfig.parse(node.config);
    const [open] = await runSql(
      tx,
      `SELECT 1 AS found FROM call_tasks t JOIN leads l ON l.id = t.lead_id
       WHERE t.campaign_id = $1 AND l.external_key = $2 AND l.workspace_id = $3 AND t.status = 'open'`,
      [campaign.id, body.leadKey, workspaceId],
    );
    if (open !== undefined) {
      throw new HttpProblem(409, 'conflict', {
        detail: `lead ${body.leadKey} is already on this campaign's open call list`,
      });
    }
    const [inserted] = await runSql(
      tx,
      `INSERT INTO call_tasks (workspace_id, campaign_id, enrollment_id, lead_id, node_id,
         priority, script, contact_order)
       SELECT $1, $2, $3, l.id, $4, $5, $6,
         (SELECT coalesce(max(contact_order), 0) + 1 FROM call_tasks WHERE campaign_id = $2)
       FROM leads l WHERE l.workspace_id = $1 AND l.external_key = $7
       RETURNING id`,
      [
        workspaceId,
        campaign.id,
        journey.id,
        node.id,
        CALL_PRIORITIES.indexOf(config.priority),
        config.script,
        body.leadKey,
      ],
    );
    const id = z.object({ id: z.string() }).parse(inserted).id;
    return (await loadTask(tx, workspaceId, id)).row;
  });
}
