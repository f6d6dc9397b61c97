import { NodeId, TransitionId } from '@rumbo/flow';
import { RunnerError } from '@rumbo/runner';
import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../../errors/http-problem.ts';
import { runnerProblem } from './runner-problem.ts';

describe('runnerProblem', () => {
  it('turns an invalid campaign into 422 with its errors located in the draft, warnings left out', () => {
    const problem = runnerProblem(
      new RunnerError('campaign_invalid', 'the draft has errors', {
        issues: [
          {
            code: 'node_unreachable',
            severity: 'error',
            nodeId: NodeId.parse('mail'),
            path: ['config'],
            params: {},
          },
          {
            code: 'transition_loop',
            severity: 'error',
            transitionId: TransitionId.parse('t1'),
            params: {},
          },
          { code: 'no_goal', severity: 'warning', params: {} },
        ],
      }),
    );
    expect(problem).toBeInstanceOf(HttpProblem);
    expect(problem).toMatchObject({ status: 422, code: 'validation_failed' });
    const issues = problem instanceof HttpProblem ? (problem.issues ?? []) : [];
    expect(issues.map((issue) => issue.path)).toEqual([
      ['nodes', 'mail', 'config'],
      ['transitions', 't1'],
    ]);
  });

  it('maps missing things to 404 and wrong states to 409', () => {
    expect(runnerProblem(new RunnerError('campaign_not_found', 'x'))).toMatchObject({
      status: 404,
    });
    expect(runnerProblem(new RunnerError('campaign_status_conflict', 'x'))).toMatchObject({
      status: 409,
      code: 'conflict',
    });
    expect(runnerProblem(new RunnerError('enrollment_not_live', 'x'))).toMatchObject({
      status: 409,
    });
  });

  it('leaves any other error as it is (a 500 with its stack in the log)', () => {
    const error = new Error('boom');
    expect(runnerProblem(error)).toBe(error);
  });
});
