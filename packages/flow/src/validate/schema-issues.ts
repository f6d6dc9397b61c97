import type { z } from 'zod';
import { FlowNode, Transition } from '../document/flow.schema.ts';
import { NodeId, TransitionId } from '../ids.ts';
import { isRecord } from '../util/guards.ts';
import type { Issue } from './issue.ts';
import { makeIssue } from './issue-codes.ts';

/** Zod's issue paths may hold symbols; ours are strings and indexes. */
function plainPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
}

function elementAt(raw: Record<string, unknown>, list: string, index: unknown): unknown {
  const items = raw[list];
  return Array.isArray(items) && typeof index === 'number' ? items[index] : undefined;
}

/** What the message needs from a zod issue: its code and the limit or type it expected. */
export function zodDetails(issue: z.core.$ZodIssue): Issue['params'] {
  const params: Issue['params'] = { zodCode: issue.code };
  if (issue.code === 'invalid_type') params.expected = issue.expected;
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
    params.limit = typeof limit === 'bigint' ? Number(limit) : limit;
  }
  if (issue.code === 'invalid_format') params.format = issue.format;
  if (issue.code === 'invalid_value') params.values = issue.values.map(String);
  return params;
}

/** Reads the raw value at a path, for quoting it back in an issue. */
function valueAt(raw: unknown, path: readonly (string | number)[]): unknown {
  let current = raw;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isRecord(current) && typeof key === 'string') current = current[key];
    else return undefined;
  }
  return current;
}

const SETTINGS_COSTS = new Set(['fixedCost', 'budgetCap']);

/**
 * A few schema failures have a meaning of their own and get that code: a cost that is not a
 * finite number, and a condition on "stage in []", which no lead can ever meet.
 */
function specificCode(
  zodIssue: z.core.$ZodIssue,
  path: (string | number)[],
): 'invalid_cost' | 'condition_never_holds' | null {
  const [list, , field, sub] = path;
  if (list === 'nodes' && field === 'cost' && path.length === 3) return 'invalid_cost';
  if (list === 'settings' && path.length === 2 && SETTINGS_COSTS.has(String(path[1])))
    return 'invalid_cost';
  const inRule = list === 'transitions' && field === 'trigger' && sub === 'rule';
  if (inRule && zodIssue.code === 'too_small' && path[path.length - 1] === 'in')
    return 'condition_never_holds';
  return null;
}

/**
 * Zod issues of the document schema as located issues: on the node or transition the path
 * points into (when its id is readable), with the path kept.
 */
export function schemaIssues(error: z.ZodError, raw: Record<string, unknown>): Issue[] {
  return error.issues.map((zodIssue) => {
    const path = plainPath(zodIssue.path);
    const location: { path: (string | number)[]; nodeId?: NodeId; transitionId?: TransitionId } = {
      path,
    };
    const [list, index] = path;
    const element =
      list === 'nodes' || list === 'transitions' ? elementAt(raw, list, index) : undefined;
    const id = isRecord(element) ? element.id : undefined;
    if (list === 'nodes') {
      const nodeId = NodeId.safeParse(id);
      if (nodeId.success) location.nodeId = nodeId.data;
    }
    if (list === 'transitions') {
      const transitionId = TransitionId.safeParse(id);
      if (transitionId.success) location.transitionId = transitionId.data;
    }
    const code = specificCode(zodIssue, path);
    if (code === 'invalid_cost') {
      return makeIssue(code, 'error', location, { value: String(valueAt(raw, path)) });
    }
    if (code === 'condition_never_holds') {
      return makeIssue(code, 'error', location, { subject: 'stage' });
    }
    return makeIssue('schema_invalid', 'error', location, zodDetails(zodIssue));
  });
}

export interface Salvaged {
  nodes: FlowNode[];
  transitions: Transition[];
  /** Ids of nodes kept only for the graph rules: their config and cost did not parse. */
  broken: Set<string>;
}

/**
 * When the document as a whole does not parse, keep what does, so the graph rules can still
 * say where the flow is unreachable or dead: nodes that parse, nodes with at least a readable
 * id and type (config ignored), and transitions that parse.
 */
export function salvage(raw: Record<string, unknown>): Salvaged {
  const result: Salvaged = { nodes: [], transitions: [], broken: new Set() };
  for (const item of Array.isArray(raw.nodes) ? raw.nodes : []) {
    const parsed = FlowNode.safeParse(item);
    if (parsed.success) {
      result.nodes.push(parsed.data);
      continue;
    }
    const id = NodeId.safeParse(isRecord(item) ? item.id : undefined);
    if (!id.success || !isRecord(item) || typeof item.type !== 'string') continue;
    result.nodes.push({ id: id.data, type: item.type, name: '', config: {} });
    result.broken.add(id.data);
  }
  for (const item of Array.isArray(raw.transitions) ? raw.transitions : []) {
    const parsed = Transition.safeParse(item);
    if (parsed.success) result.transitions.push(parsed.data);
  }
  return result;
}
