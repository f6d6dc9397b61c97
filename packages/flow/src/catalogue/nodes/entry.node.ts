import { z } from 'zod';
import { SegmentId } from '../../ids.ts';
import type { Issue } from '../../validate/issue.ts';
import { makeIssue } from '../../validate/issue-codes.ts';
import { Clock } from '../config-fields.ts';
import type { NodeModule } from '../node-module.ts';

/**
 * Which matches a continuous segment's re-sync enrols (OpenERP's `sync_mode`): only leads
 * created since the last sync, leads modified since it, or every lead that matches now. All
 * three respect the campaign's re-entry rule, so a lead already in never enters twice.
 */
export const SEGMENT_SYNC_MODES = ['new', 'modified', 'all'] as const;
export const SegmentSyncMode = z.enum(SEGMENT_SYNC_MODES);
export type SegmentSyncMode = z.infer<typeof SegmentSyncMode>;

/** How leads come in; an entry may combine several sources. */
export const EntrySource = z.discriminatedUnion('kind', [
  /** Members of a segment at launch; `continuous` re-evaluates it on a schedule. */
  z.object({
    kind: z.literal('segment'),
    segmentId: SegmentId,
    continuous: z.boolean().default(false),
    /** What a continuous re-sync enrols; ignored unless `continuous`. */
    syncMode: SegmentSyncMode.default('new'),
  }),
  /** A lead enters when this event arrives (`signed_up`, `cart_abandoned`). */
  z.object({ kind: z.literal('event'), event: z.string().min(1).max(100) }),
  /** A date attribute comes round (birthday, renewal): `offsetDays` before (−) or after (+). */
  z.object({
    kind: z.literal('date'),
    attribute: z.string().min(1).max(200),
    offsetDays: z.number().int().min(-365).max(365).default(0),
    at: Clock.default('09:00'),
    /** Every year on the day and month (birthday) rather than once on the date (renewal). */
    yearly: z.boolean().default(true),
  }),
  /** Leads pushed by another system through the REST API. */
  z.object({ kind: z.literal('api') }),
  /** Leads added by hand or from an imported file. */
  z.object({ kind: z.literal('manual') }),
]);
export type EntrySource = z.infer<typeof EntrySource>;

export const EntryConfig = z.object({ sources: z.array(EntrySource).max(50).default([]) });
export type EntryConfig = z.infer<typeof EntryConfig>;

export const entryNode = {
  type: 'entry',
  label: { es: 'Entrada', en: 'Entry' },
  description: {
    es: 'Por dónde entran los leads: segmentos, un evento, una fecha o la API.',
    en: 'Where leads come in: segments, an event, a date or the API.',
  },
  icon: 'log-in',
  category: 'start',
  configSchema: EntryConfig,
  defaults: () => EntryConfig.parse({}),
  action: 'enter',
  channel: null,
  defaultCost: 0,
  allowedTriggers: ['auto', 'delay'],
  signals: () => [],
  validate(config, context) {
    const issues: Issue[] = [];
    const nodeId = context.node.id;
    if (config.sources.length === 0) {
      issues.push(
        makeIssue('entry_without_source', 'error', { nodeId, path: ['config', 'sources'] }),
      );
    }
    const known = context.knownSegments ? new Set(context.knownSegments) : null;
    config.sources.forEach((source, index) => {
      if (source.kind !== 'segment' || !known || known.has(source.segmentId)) return;
      const path = ['config', 'sources', index, 'segmentId'];
      issues.push(
        makeIssue('unknown_segment', 'error', { nodeId, path }, { segment: source.segmentId }),
      );
    });
    return issues;
  },
} satisfies NodeModule<EntryConfig>;
