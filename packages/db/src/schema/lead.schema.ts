import type { JsonValue, Stage } from '@rumbo/flow';
import { dateAttributesSql, STAGES } from '@rumbo/flow';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, oneOf, updatedAt, uuidPk } from './column.helpers.ts';
import { workspaces } from './workspace.schema.ts';

/** A person the company may contact; maps one to one onto the engine's `LeadSnapshot`. */
export const leads = pgTable(
  'leads',
  {
    id: uuidPk(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    /** Stable key from the CRM (or the email); unique per workspace, may repeat across workspaces. */
    externalKey: text('external_key').notNull(),
    name: text('name').notNull().default(''),
    email: text('email'),
    phone: text('phone'),
    /** BCP-47 tag, e.g. `es-MX`. */
    locale: text('locale').notNull().default('es'),
    /** IANA zone, e.g. `America/Mexico_City`; delays and send windows count in it. */
    timeZone: text('time_zone').notNull().default('UTC'),
    stage: text('stage').$type<Stage>().notNull().default('prospect'),
    consentEmail: boolean('consent_email').notNull().default(false),
    consentSms: boolean('consent_sms').notNull().default(false),
    consentCall: boolean('consent_call').notNull().default(false),
    attributes: jsonb('attributes').$type<{ [key: string]: JsonValue }>().notNull().default({}),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    // Folded once at write time (the segment rules' case- and accent-insensitive form, see
    // rumbo_fold_text, created by the migration adding them), so a segment count compares instead of folding every
    // row. Written by PostgreSQL only: inserts and updates never name them.
    nameFolded: text('name_folded').generatedAlwaysAs(sql`rumbo_fold_text(name)`),
    emailFolded: text('email_folded').generatedAlwaysAs(sql`rumbo_fold_text(email)`),
    /** Only what string rules read: folded strings and the objects holding them. */
    attributesFolded: jsonb('attributes_folded')
      .$type<{ [key: string]: JsonValue }>()
      .generatedAlwaysAs(sql`rumbo_fold_attributes(attributes, true)`),
    /**
     * The top-level attribute keys whose value is a date (jsonb array of keys), so date rules
     * ask `date_attributes ? key` instead of running the date pattern on every lead they read.
     * The expression is `@rumbo/flow`'s, so the pattern has one source.
     */
    dateAttributes: jsonb('date_attributes')
      .$type<string[]>()
      .generatedAlwaysAs(sql.raw(dateAttributesSql('attributes'))),
  },
  (t) => [
    uniqueIndex('leads_workspace_external_key_key').on(t.workspaceId, t.externalKey),
    index('leads_workspace_email_idx').on(t.workspaceId, t.email),
    index('leads_workspace_phone_idx').on(t.workspaceId, t.phone),
    // Date entries look up `attribute:MM-DD` here (rumbo_date_keys, created by the migration
    // adding this index) instead of scanning every lead of the workspace each minute.
    index('leads_date_keys_idx').using('gin', sql`rumbo_date_keys(${t.attributes})`),
    check('leads_stage_check', sql`${t.stage} in (${oneOf(STAGES)})`),
  ],
);

/** Something a lead did (`purchased {amount, family}`); feeds segments and becomes signals. */
export const leadEvents = pgTable(
  'lead_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    properties: jsonb('properties').$type<{ [key: string]: JsonValue }>().notNull().default({}),
    /** The sender's id for the event; a second delivery with the same id is stored once. */
    sourceId: text('source_id'),
  },
  (t) => [
    index('lead_events_lead_name_occurred_idx').on(t.leadId, t.name, t.occurredAt),
    index('lead_events_workspace_name_occurred_idx').on(t.workspaceId, t.name, t.occurredAt),
    // A workspace-wide segment count reads which leads have an event of a name in a window
    // straight from this index (an index-only scan, no event rows read) and hashes them once
    // instead of probing every lead; see packages/flow src/segment/sql-event.ts.
    index('lead_events_workspace_name_occurred_lead_idx').on(
      t.workspaceId,
      t.name,
      t.occurredAt,
      t.leadId,
    ),
    uniqueIndex('lead_events_workspace_source_id_key').on(t.workspaceId, t.sourceId),
  ],
);
