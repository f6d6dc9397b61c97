import { z } from 'zod';
import type { FlowDocument } from '../document/flow.schema.ts';
import type { LeadSnapshot } from '../lead/lead.schema.ts';
import { ContactPolicies } from '../policy/policy.schema.ts';
import type { Issue } from '../validate/issue.ts';
import { Assumptions, mergeAssumptions } from './assumptions.ts';
import { compilePlan, type Plan } from './plan.ts';
import { buildResult, type SimulationResult } from './result.ts';
import { type SimulationProgress, SimulationRun } from './run.ts';
import { MS_PER_DAY } from './sim-time.ts';
import { simulationIssue } from './simulation-issues.ts';

/** 1900-01-01 … 2200-01-01: any campaign date, and far from float trouble. */
const MIN_START = -2_208_988_800_000;
const MAX_START = 7_258_118_400_000;

export const SimulationOptions = z.object({
  /** Drives every random draw; the same seed gives the same result. */
  seed: z.string().min(1).max(200),
  /** When the leads enter, epoch ms. */
  start: z.number().int().min(MIN_START).max(MAX_START),
  /** How far to simulate: more than 0, at most 10 years. */
  horizonDays: z.number().gt(0).max(3660),
  /** The entry node leads come in at; default: the first entry node of the document. */
  entryNodeId: z.string().min(1).max(64).optional(),
  /** Visits a lead may make before it is stopped (loops without waits). */
  maxStepsPerLead: z.number().int().min(1).max(65_535).default(1_000),
  /** Record step-by-step journeys of the first N leads. */
  traceLeads: z.number().int().min(0).max(1_000_000).default(0),
  /** Rows in the path table. */
  maxPaths: z.number().int().min(1).max(1_000).default(20),
});
export type SimulationOptions = z.input<typeof SimulationOptions>;

export interface SimulateInput {
  flow: FlowDocument;
  leads: readonly LeadSnapshot[];
  /** Missing entries are filled with channel defaults (`defaultAssumptions`). */
  assumptions?: Assumptions | undefined;
  options: SimulationOptions;
  /**
   * The workspace's contact policies (DESIGN §5), applied as the runner applies them: quiet
   * hours defer a send, the pressure cap (this simulation's own contacts) defers or skips it.
   * Absent, the result is exactly what it was before policies existed.
   */
  policies?: ContactPolicies | undefined;
  /** Called every 65,536 events and at the end; return false to cancel. */
  onProgress?: (progress: SimulationProgress) => boolean | undefined;
}

export interface SimulateOutcome {
  result: SimulationResult | null;
  issues: Issue[];
}

function zodIssues(
  error: z.ZodError,
  code: 'sim_options_invalid' | 'sim_assumption_invalid',
  root: string,
) {
  return error.issues.map((issue) =>
    simulationIssue(
      code,
      { path: [root, ...issue.path.map((p) => (typeof p === 'symbol' ? '' : p))] },
      {
        detail: `${issue.path.join('.')}: ${issue.message}`,
      },
    ),
  );
}

/**
 * The policies a simulation should be given: none when the workspace has no rule, so a
 * workspace without policies gets exactly the result (and bytes) it got before they existed.
 * The browser and the server both pass `policiesInForce(workspacePolicies)`.
 */
export function policiesInForce(policies: ContactPolicies): ContactPolicies | undefined {
  return policies.quietHours.length > 0 || policies.pressure.length > 0 ? policies : undefined;
}

/** Contact policies that do not parse, located under `policies`. */
export const policyIssues = (error: z.ZodError): Issue[] =>
  zodIssues(error, 'sim_options_invalid', 'policies');

/** Validates options and assumptions and compiles the flow; shared with the stepper. */
export function prepare(
  flow: FlowDocument,
  assumptions: unknown,
  options: unknown,
): { plan: Plan; options: z.output<typeof SimulationOptions> } | { issues: Issue[] } {
  const parsedOptions = SimulationOptions.safeParse(options);
  const parsedAssumptions = Assumptions.optional().safeParse(assumptions);
  const issues: Issue[] = [];
  if (!parsedOptions.success)
    issues.push(...zodIssues(parsedOptions.error, 'sim_options_invalid', 'options'));
  if (!parsedAssumptions.success) {
    issues.push(...zodIssues(parsedAssumptions.error, 'sim_assumption_invalid', 'assumptions'));
  }
  if (!parsedOptions.success || !parsedAssumptions.success) return { issues };
  const merged = mergeAssumptions(flow, parsedAssumptions.data);
  const compiled = compilePlan(flow, merged, {
    seed: parsedOptions.data.seed,
    start: parsedOptions.data.start,
    entryNodeId: parsedOptions.data.entryNodeId,
  });
  if (!compiled.plan) return { issues: compiled.issues };
  return { plan: compiled.plan, options: parsedOptions.data };
}

/**
 * Simulates a whole audience through a flow in virtual time (DESIGN §6). Pure and
 * deterministic: no clock, no `Math.random`; the same input gives a byte-identical
 * `JSON.stringify` of the result in Node and in browsers. Bad options, assumptions or flows
 * come back as issues, never as exceptions.
 *
 * @example
 * const { result, issues } = simulate({
 *   flow, leads, assumptions: defaultAssumptions(flow),
 *   options: { seed: 'review-1', start: Date.parse('2026-12-01T09:00:00Z'), horizonDays: 30 },
 * });
 * result?.totals.roi; // (revenue − cost) / cost, or null when nothing was spent
 */
export function simulate(input: SimulateInput): SimulateOutcome {
  const prepared = prepare(input.flow, input.assumptions, input.options);
  if ('issues' in prepared) return { result: null, issues: prepared.issues };
  const { plan, options } = prepared;
  let policies: ContactPolicies | undefined;
  if (input.policies !== undefined) {
    const parsed = ContactPolicies.safeParse(input.policies);
    if (!parsed.success) return { result: null, issues: policyIssues(parsed.error) };
    policies = parsed.data;
  }
  // The simulation seed mixes with the campaign seed only for draws; splits and the control
  // group follow the campaign seed alone, exactly as the runner assigns them.
  const end = options.start + Math.round(options.horizonDays * MS_PER_DAY);
  const run = new SimulationRun(plan, input.leads, {
    start: options.start,
    end,
    days: Math.ceil(options.horizonDays),
    maxSteps: options.maxStepsPerLead,
    traceLeads: options.traceLeads,
    drawSeed: options.seed,
    policies,
  });
  run.execute(input.onProgress);
  if (run.cancelled) return { result: null, issues: [simulationIssue('sim_cancelled', {})] };
  const result = buildResult(run, { horizonDays: options.horizonDays, maxPaths: options.maxPaths });
  return { result, issues: [] };
}
