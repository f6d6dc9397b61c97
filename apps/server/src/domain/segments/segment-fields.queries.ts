import {
  type InferredAttribute,
  inferAttributeFields,
  type SegmentFields,
  segmentFieldOptions,
} from '@rumbo/flow';
import { z } from 'zod';
import type { Executor } from './positional-sql.ts';
import { runSql } from './positional-sql.ts';

/** How many leads' attributes (and events per name) field discovery reads. */
const ATTRIBUTE_SAMPLE = 2_000;
const EVENT_SAMPLE = 200;

/** Above this many distinct values an attribute is free text, not a pick list. */
const MAX_SUGGESTED_VALUES = 30;

function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = Object.entries(current).find(([name]) => name === key)?.[1];
  }
  return current;
}

/**
 * The text values a path holds in the samples, most frequent first, so the builder can offer
 * "MX" or "suéteres" instead of making the marketer guess how the data spells them.
 */
function suggestedValues(
  samples: readonly Record<string, unknown>[],
  path: string,
): string[] | undefined {
  const counts = new Map<string, number>();
  for (const sample of samples) {
    const value = readPath(sample, path);
    if (typeof value !== 'string' || value === '') continue;
    counts.set(value, (counts.get(value) ?? 0) + 1);
    if (counts.size > MAX_SUGGESTED_VALUES) return undefined;
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
}

const AttributesRow = z.object({ attributes: z.record(z.string(), z.unknown()) });
const EventRow = z.object({ name: z.string(), count: z.coerce.number() });
const PropertiesRow = z.object({ properties: z.record(z.string(), z.unknown()) });
const TagRow = z.object({ tag: z.string() });
const ListRow = z.object({ id: z.string(), name: z.string() });

/**
 * Attribute paths and types found in a sample of the workspace's leads (the first rows the
 * scan meets: no ORDER BY, which would sort the whole workspace on every preview). A sample
 * keeps the answer fast at a million leads; a rare attribute may be missed, and a rule on it
 * is then refused as unknown (the marketer sees which one).
 */
export async function discoverAttributes(
  db: Executor,
  workspaceId: string,
): Promise<InferredAttribute[]> {
  return inferAttributeFields(await sampleAttributes(db, workspaceId));
}

async function sampleAttributes(
  db: Executor,
  workspaceId: string,
): Promise<Record<string, unknown>[]> {
  const rows = await runSql(
    db,
    `SELECT attributes FROM leads WHERE workspace_id = $1 LIMIT ${ATTRIBUTE_SAMPLE}`,
    [workspaceId],
  );
  return rows.map((row) => AttributesRow.parse(row).attributes);
}

function withValues<T extends { path: string; type: string }>(
  fields: T[],
  samples: readonly Record<string, unknown>[],
): (T & { values?: string[] })[] {
  return fields.map((field) => {
    const values = field.type === 'string' ? suggestedValues(samples, field.path) : undefined;
    return values === undefined ? field : { ...field, values };
  });
}

async function discoverEvents(db: Executor, workspaceId: string): Promise<SegmentFields['events']> {
  const names = (
    await runSql(
      db,
      `SELECT name, count(*) AS count FROM lead_events WHERE workspace_id = $1
       GROUP BY name ORDER BY count(*) DESC, name LIMIT 100`,
      [workspaceId],
    )
  ).map((row) => EventRow.parse(row));
  const events: SegmentFields['events'] = [];
  for (const { name, count } of names) {
    const samples = await runSql(
      db,
      `SELECT properties FROM lead_events WHERE workspace_id = $1 AND name = $2
       ORDER BY occurred_at DESC LIMIT ${EVENT_SAMPLE}`,
      [workspaceId, name],
    );
    const objects = samples.map((row) => PropertiesRow.parse(row).properties);
    const properties = withValues(
      inferAttributeFields(objects).map(({ path, type }) => ({ path, type })),
      objects,
    );
    events.push({ name, count, properties });
  }
  return events;
}

/** Everything the segment builder offers for this workspace, labelled in Spanish and English. */
export async function segmentFields(db: Executor, workspaceId: string): Promise<SegmentFields> {
  const samples = await sampleAttributes(db, workspaceId);
  const attributes = withValues(inferAttributeFields(samples), samples);
  const events = await discoverEvents(db, workspaceId);
  const tags = await runSql(
    db,
    `SELECT DISTINCT unnest(tags) AS tag FROM
       (SELECT tags FROM leads WHERE workspace_id = $1 AND tags <> '{}' LIMIT ${ATTRIBUTE_SAMPLE}) t
     ORDER BY 1 LIMIT 200`,
    [workspaceId],
  );
  const lists = await runSql(
    db,
    `SELECT id, name FROM segments WHERE workspace_id = $1 AND kind = 'static'
       AND archived_at IS NULL ORDER BY name`,
    [workspaceId],
  );
  return {
    fields: segmentFieldOptions(attributes).map((option) => ({
      ...option,
      operators: [...option.operators],
    })),
    attributes,
    events,
    tags: tags.map((row) => TagRow.parse(row).tag),
    lists: lists.map((row) => ListRow.parse(row)),
  };
}
