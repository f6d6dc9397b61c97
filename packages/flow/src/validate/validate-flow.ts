import { findNodeModule } from '../catalogue/registry.ts';
import { FlowDocument, type FlowNode, type Transition } from '../document/flow.schema.ts';
import { migrateFlowDocument } from '../document/migrate.ts';
import { isRecord } from '../util/guards.ts';
import { buildGraph } from './flow-graph.ts';
import { checkInputLimits, DEFAULT_INPUT_LIMITS } from './input-limits.ts';
import type { Issue } from './issue.ts';
import { makeIssue } from './issue-codes.ts';
import { checkConditions } from './rules/condition.rules.ts';
import { checkCycles } from './rules/cycle.rules.ts';
import { checkEngagement } from './rules/engagement.rules.ts';
import { checkSettings } from './rules/settings.rules.ts';
import {
  checkDangling,
  checkDuplicateIds,
  checkNodes,
  checkReachability,
  checkShape,
} from './rules/structure.rules.ts';
import { checkNodeRules } from './rules/trigger.rules.ts';
import { salvage, schemaIssues, zodDetails } from './schema-issues.ts';

export interface ValidateOptions {
  /** Lead fields and attribute names of the workspace; given, unknown merge fields are reported. */
  knownFields?: readonly string[];
  /** Ids of the workspace's segments and lists; given, references to others are reported. */
  knownSegments?: readonly string[];
  /** Largest flow accepted; default 5,000 nodes. */
  maxNodes?: number;
}

export interface ValidationResult {
  /** The parsed document (migrated, defaults filled in), or null when it does not match the schema. */
  document: FlowDocument | null;
  issues: Issue[];
  /** Names of the migrations applied to reach the current schema version. */
  migrations: string[];
}

export const DEFAULT_MAX_NODES = 5_000;
/** Beyond this many issues the rest are summarised: nobody reads the 501st, and the reply stays small. */
export const MAX_ISSUES = 500;

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

function parseConfigs(nodes: readonly FlowNode[], broken: ReadonlySet<string>) {
  const configs = new Map<string, unknown>();
  const issues: Issue[] = [];
  // Only the first node of a duplicated id counts, as in the graph.
  const seen = new Set<string>();
  for (const node of nodes) {
    const first = !seen.has(node.id);
    seen.add(node.id);
    const module = findNodeModule(node.type);
    if (!module || !first || broken.has(node.id)) continue;
    const parsed = module.configSchema.safeParse(node.config);
    if (parsed.success) {
      configs.set(node.id, parsed.data);
      continue;
    }
    for (const zodIssue of parsed.error.issues) {
      const path = ['config', ...zodIssue.path.filter((p) => typeof p !== 'symbol')];
      issues.push(
        makeIssue('config_invalid', 'error', { nodeId: node.id, path }, zodDetails(zodIssue)),
      );
    }
  }
  return { configs, issues };
}

function checkFlow(
  nodes: readonly FlowNode[],
  transitions: readonly Transition[],
  broken: ReadonlySet<string>,
  options: ValidateOptions,
): Issue[] {
  const { configs, issues } = parseConfigs(nodes, broken);
  const graph = buildGraph(nodes, transitions, configs);
  return [
    ...checkDuplicateIds(nodes, transitions),
    ...checkNodes(nodes, graph),
    ...issues,
    ...checkDangling(transitions, new Set(graph.byId.keys())),
    ...checkShape(graph),
    ...checkNodeRules(graph, options),
    ...checkReachability(graph),
    ...checkCycles(graph),
    ...checkEngagement(graph),
    ...checkConditions(graph, options.knownSegments),
  ];
}

function countNodes(raw: Record<string, unknown>): number {
  return Array.isArray(raw.nodes) ? raw.nodes.length : 0;
}

function run(input: unknown, options: ValidateOptions): ValidationResult {
  const fail = (issue: Issue, migrations: string[] = []) => ({
    document: null,
    issues: [issue],
    migrations,
  });
  const tooBig = checkInputLimits(input, DEFAULT_INPUT_LIMITS);
  if (tooBig) return fail(tooBig);
  const migrated = migrateFlowDocument(input);
  const raw = migrated.document;
  if (!isRecord(raw)) return fail(makeIssue('document_not_object', 'error', {}));
  if (migrated.issues.length > 0)
    return { document: null, issues: migrated.issues, migrations: migrated.applied };
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const count = countNodes(raw);
  if (count > maxNodes) {
    const issue = makeIssue(
      'document_too_large',
      'error',
      { path: ['nodes'] },
      { nodes: count, maxNodes },
    );
    return fail(issue, migrated.applied);
  }
  const parsed = FlowDocument.safeParse(raw);
  if (parsed.success) {
    const { nodes, transitions } = parsed.data;
    const issues = [
      ...checkSettings(parsed.data.settings),
      ...checkFlow(nodes, transitions, new Set(), options),
    ];
    return { document: parsed.data, issues, migrations: migrated.applied };
  }
  const kept = salvage(raw);
  const issues = [
    ...schemaIssues(parsed.error, raw),
    ...checkFlow(kept.nodes, kept.transitions, kept.broken, options),
  ];
  return { document: null, issues, migrations: migrated.applied };
}

/**
 * Validates anything claimed to be a flow: every rule of DESIGN §4 plus the lint, each
 * finding located on a node, a transition or a path, with a stable code. Never throws and
 * never hangs: size and depth are checked before parsing, and every graph walk is iterative.
 */
export function validateFlow(input: unknown, options: ValidateOptions = {}): ValidationResult {
  let result: ValidationResult;
  try {
    result = run(input, options);
  } catch (error) {
    // Last line of defence for the "never throws" promise (an input with a throwing getter,
    // a bug in a rule): the caller still gets an issue, not a 500.
    const detail = error instanceof Error ? error.message : String(error);
    return {
      document: null,
      issues: [makeIssue('internal_error', 'error', {}, { detail })],
      migrations: [],
    };
  }
  if (result.issues.length <= MAX_ISSUES) return result;
  const dropped = result.issues.length - MAX_ISSUES;
  const issues = [
    ...result.issues.slice(0, MAX_ISSUES),
    makeIssue('too_many_issues', 'info', {}, { dropped }),
  ];
  return { ...result, issues };
}
