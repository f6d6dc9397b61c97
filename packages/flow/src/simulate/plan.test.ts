import { describe, expect, it } from 'vitest';
import { defaultAssumptions } from './assumptions.ts';
import { compilePlan } from './plan.ts';
import { flowOf, START } from './test-flows.testing.ts';

describe('compilePlan', () => {
  it('reports unknown node types and dangling transitions instead of throwing', () => {
    const flow = flowOf(
      [
        { id: 'entry', type: 'entry' },
        { id: 'x', type: 'teleport' },
      ],
      [
        { id: 't1', source: 'entry', target: 'x', trigger: { kind: 'auto' } },
        { id: 't2', source: 'entry', target: 'ghost', trigger: { kind: 'auto' } },
      ],
    );
    const { plan, issues } = compilePlan(flow, defaultAssumptions(flow), {
      seed: 's',
      start: START,
    });
    expect(plan).toBeNull();
    expect(issues.map((i) => [i.code, i.nodeId ?? i.transitionId])).toEqual([
      ['sim_node_invalid', 'x'],
      ['sim_transition_dangling', 't2'],
    ]);
  });
});
