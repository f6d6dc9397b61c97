import { isRecord } from '../../util/guards.ts';
import type { FlowMigration } from '../migrate.ts';

/**
 * Version 0 is the prototype's shape, modelled on OpenERP's campaign tables: a `campaign`
 * header, `activities` with their canvas position inline, and `edges` with `from`/`to` and a
 * `when` trigger whose intervals use singular units (`{type: 'delay', interval: 2, unit:
 * 'day'}`). Version 1 keeps meaning and layout apart and mirrors React Flow's edges.
 */

const UNITS: Record<string, string> = {
  minute: 'minutes',
  hour: 'hours',
  day: 'days',
  week: 'weeks',
  month: 'months',
};

function trigger(when: unknown): unknown {
  if (!isRecord(when)) return when;
  const unit = typeof when.unit === 'string' ? (UNITS[when.unit] ?? when.unit) : when.unit;
  switch (when.type) {
    case 'delay':
    case 'timeout':
      return { kind: when.type, amount: when.interval, unit };
    case 'signal':
      return when.link === undefined
        ? { kind: 'signal', signal: when.signal }
        : { kind: 'signal', signal: when.signal, link: when.link };
    case 'auto':
    case 'else':
      return { kind: when.type };
    default:
      // Left as it is: the schema reports it at its path.
      return when;
  }
}

function activity(raw: unknown, positions: Record<string, unknown>): unknown {
  if (!isRecord(raw)) return raw;
  const { kind, label, position, ...rest } = raw;
  if (typeof raw.id === 'string' && isRecord(position)) positions[raw.id] = position;
  return { ...rest, type: kind, name: label ?? '', config: raw.config ?? {} };
}

function edge(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const { from, to, when, ...rest } = raw;
  return { ...rest, source: from, target: to, trigger: trigger(when) };
}

export const v0ActivitiesToNodes: FlowMigration = {
  name: 'v0-activities-to-nodes',
  from: 0,
  to: 1,
  up(raw) {
    const positions: Record<string, unknown> = {};
    const activities = Array.isArray(raw.activities) ? raw.activities : [];
    const edges = Array.isArray(raw.edges) ? raw.edges : [];
    const nodes = activities.map((a) => activity(a, positions));
    const campaign = isRecord(raw.campaign) ? raw.campaign : {};
    return {
      schemaVersion: 1,
      settings: { ...campaign },
      nodes,
      transitions: edges.map(edge),
      layout: { nodes: positions },
    };
  },
};
