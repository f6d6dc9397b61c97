import {
  type FlowDocument,
  type Issue,
  issueMessage,
  type ProblemIssue,
  runSampleSimulation,
  type SimulationRequest,
  validateFlow,
} from '@rumbo/flow';
import type { Database } from '../../db/database.ts';
import { HttpProblem } from '../../errors/http-problem.ts';
import { getCampaign } from '../campaigns/campaign.queries.ts';

/**
 * Runs a simulation on the server with exactly the code path of the browser's worker:
 * `runSampleSimulation`. Synchronous: the request caps (fake leads, inline
 * leads, horizon) keep one run to about a second of CPU.
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
      issues: errors.slice(0, 100).map((issue) => located(issue, ['document'])),
    });
  }
  return checked.document;
}

/** An engine issue located in the request body; simulation issues carry their own root. */
function located(issue: Issue, prefix: (string | number)[]): ProblemIssue {
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

/** The result as the JSON text `JSON.stringify` gives in the browser, byte for byte. */
export async function runSimulation(
  db: Database,
  workspaceId: string,
  request: SimulationRequest,
): Promise<string> {
  const flow = await flowOf(db, workspaceId, request);
  const { json, issues } = runSampleSimulation({
    flow,
    leads: request.leads,
    assumptions: request.assumptions,
    options: request.options,
  });
  if (json === null) {
    throw new HttpProblem(400, 'validation_failed', {
      detail: 'the simulation cannot run with these options, assumptions or flow',
      issues: issues.map((issue) => located(issue, [])),
    });
  }
  return json;
}
