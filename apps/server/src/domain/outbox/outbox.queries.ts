import { schema } from '@rumbo/db';
import type {
  OutboxList,
  OutboxListQuery,
  OutboxMessageDetail,
  OutboxMessageRow,
} from '@rumbo/flow';
import { OutboxChannel, OutboxStatus } from '@rumbo/flow';
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { notFound } from '../../errors/http-problem.ts';
import { campaignInWorkspace } from '../runs/run.service.ts';

const { outboxMessages, leads, effectLedger } = schema;

const PREVIEW_LENGTH = 140;

type Payload = Record<string, unknown>;

function text(payload: Payload, key: string): string | null {
  const value = payload[key];
  return typeof value === 'string' ? value : null;
}

/** Tags out, entities of the common few decoded, whitespace folded: a one-line preview. */
export function plainPreview(html: string): string {
  const plain = html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > PREVIEW_LENGTH ? `${plain.slice(0, PREVIEW_LENGTH - 1)}…` : plain;
}

const columns = {
  message: outboxMessages,
  leadKey: leads.externalKey,
  leadName: leads.name,
};

type Joined = {
  message: typeof outboxMessages.$inferSelect;
  leadKey: string | null;
  leadName: string | null;
};

function toRow({ message, leadKey, leadName }: Joined): OutboxMessageRow {
  const payload: Payload = message.payload;
  const body = text(payload, 'html') ?? text(payload, 'text') ?? text(payload, 'body') ?? '';
  return {
    id: message.id,
    campaignId: message.campaignId,
    channel: OutboxChannel.parse(message.channel),
    status: OutboxStatus.parse(message.status),
    recipient: message.recipient,
    leadKey,
    leadName,
    subject: message.subject,
    preview: plainPreview(body),
    nodeId: message.nodeId,
    stepId: message.stepId,
    mode: text(payload, 'mode'),
    createdAt: message.createdAt.toISOString(),
    sentAt: message.sentAt?.toISOString() ?? null,
  };
}

export async function listOutbox(
  db: Database,
  workspaceId: string,
  campaignId: string,
  query: OutboxListQuery,
): Promise<OutboxList> {
  const campaign = await campaignInWorkspace(db, workspaceId, campaignId);
  const filters: SQL[] = [
    eq(outboxMessages.workspaceId, workspaceId),
    eq(outboxMessages.campaignId, campaignId),
  ];
  if (query.channel !== undefined) filters.push(eq(outboxMessages.channel, query.channel));
  if (query.status !== undefined) filters.push(eq(outboxMessages.status, query.status));
  const where = and(...filters);
  const rows = await db
    .select(columns)
    .from(outboxMessages)
    .leftJoin(leads, eq(leads.id, outboxMessages.leadId))
    .where(where)
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(query.limit);
  const [total] = await db.select({ n: count() }).from(outboxMessages).where(where);
  return {
    campaign: {
      id: campaign.id,
      code: campaign.code,
      name: campaign.name,
      status: campaign.status,
    },
    items: rows.map(toRow),
    total: total?.n ?? 0,
  };
}

export async function getOutboxMessage(
  db: Database,
  workspaceId: string,
  messageId: string,
): Promise<OutboxMessageDetail> {
  const [row] = await db
    .select(columns)
    .from(outboxMessages)
    .leftJoin(leads, eq(leads.id, outboxMessages.leadId))
    .where(and(eq(outboxMessages.id, messageId), eq(outboxMessages.workspaceId, workspaceId)));
  if (!row) throw notFound('outbox message', messageId);
  const payload: Payload = row.message.payload;
  return {
    ...toRow(row),
    html: row.message.channel === 'email' ? text(payload, 'html') : null,
    text: text(payload, 'text') ?? text(payload, 'preheader'),
    error: row.message.error,
    attempts: row.message.attempts,
    providerId: row.message.providerId,
    webhook: row.message.channel === 'webhook' ? await webhookDetail(db, row.message) : null,
  };
}

const WebhookPayload = z.object({
  method: z.string().catch('POST'),
  headers: z.record(z.string(), z.string()).catch({}),
  body: z.string().catch(''),
});
const LedgerResponse = z.object({ status: z.number().int() });

/** The request the runner rendered and the status the target last answered (from the ledger). */
async function webhookDetail(db: Database, message: typeof outboxMessages.$inferSelect) {
  const request = WebhookPayload.parse(message.payload);
  const [ledger] = await db
    .select({ response: effectLedger.response })
    .from(effectLedger)
    .where(eq(effectLedger.idempotencyKey, message.idempotencyKey));
  const response = LedgerResponse.safeParse(ledger?.response);
  return {
    ...request,
    url: message.recipient,
    responseStatus: response.success ? response.data.status : null,
  };
}
