import {
  type FlowDocument,
  type Issue,
  issueMessage,
  type ProblemIssue,
  policiesInForce,
  prepare,
  type SimulationRequest,
  validateFlow,
} from '@rumbo/flow';
import type { Database } from '../../db/database.ts';
import { HttpProblem } from '../../errors/http-problem.ts';
import { getCampaign } from '../campaigns/campaign.queries.ts';
import { readWorkspacePolicies } from '../workspaces/workspace-policies.ts';
import type { SimulationWorkerInput } from './simulation-worker.protocol.ts';

/**
 * Checks a simulation request before it is queued, so bad input gets its located 400 at
 * `POST` rather than a failed job later: the flow (a document or a campaign's draft), then
 * the options and assumptions with the simulator's own `prepare` (cheap: it compiles the
 * flow, it simulates nothing). The run itself is `runSampleSimulation` in a worker thread.
 */

async function flowOf(
  db: Database,
  workspaceId: string,
  request: SimulationRequest,
): Promise<FlowDocument> {
  const hasDocument = request.document !== undefined;
  if (hasDocument === (request.campaignId !== undefined)) {
    throw new HttpProblem(400, 'validation_failed', {
      detail: 'send either a flow document or a campaignId, not both and not neither',
      issues: [
        {
          location: 'body',
          path: [hasDocument ? 'campaignId' : 'document'],
          code: 'document_or_campaign',
          message: 'exactly one of document and campaignId is required',
        },
      ],
    });
  }
  if (request.campaignId !== undefined) {
    return (await getCampaign(db, workspaceId, request.campaignId)).draft;
  }
  // Segment references are not checked: a simulation reads its own sample, not the segments.
  const checked = validateFlow(request.document);
  const errors = checked.issues.filter((issue) => issue.severity === 'error');
  if (checked.document === null || errors.length > 0) {
    throw new HttpProblem(400, 'validation_failed', {
      detail: 'the flow has errors; fix them before simulating (warnings are fine)',
      issues: errors.slice(0, 100).map((issue) => locatedIssue(issue, ['document'])),
    });
  }
  return checked.document;
}

/** An engine issue located in the request body; simulation issues carry their own root. */
export function locatedIssue(issue: Issue, prefix: (string | number)[]): ProblemIssue {
  const path = [...prefix, ...(issue.path ?? [])];
  if (issue.nodeId !== undefined && issue.path === undefined) path.push('nodes', issue.nodeId);
  if (issue.transitionId !== undefined && issue.path === undefined) {
    path.push('transitions', issue.transitionId);
  }
  return {
    location: 'body',
    path,
    code: issue.code,
    message: issueMessage(issue, 'en'),
  };
}

/** The worker's input for a request, or a 400 with every issue located in the body. */
export async function checkSimulation(
  db: Database,
  workspaceId: string,
  request: SimulationRequest,
): Promise<SimulationWorkerInput> {
  const flow = await flowOf(db, workspaceId, request);
  const prepared = prepare(flow, request.assumptions, request.options);
  if ('issues' in prepared) {
    throw new HttpProblem(400, 'validation_failed', {
      detail: 'the simulation cannot run with these options, assumptions or flow',
      issues: prepared.issues.map((issue) => locatedIssue(issue, [])),
    });
  }
  // The workspace's contact policies, read as the settings screen and the runner read them,
  // so a simulation shows what the runner would do (DESIGN §6); the browser passes the same.
  const { policies } = await readWorkspacePolicies(db, workspaceId);
  return {
    flow,
    leads: request.leads,
    assumptions: request.assumptions,
    options: request.options,
    policies: policiesInForce(policies),
  };
}
