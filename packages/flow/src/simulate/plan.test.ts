import { describe, expect, it } from 'vitest';
import { nodeRoutes } from '../runtime/node-routes.ts';
import { templates } from '../templates/templates.ts';
import { defaultAssumptions } from './assumptions.ts';
import { compilePlan } from './plan.ts';
import { emailFlow, flowOf, START } from './test-flows.testing.ts';

/** The simulator and the runner must read a node's transitions in the same order. */
describe('compilePlan', () => {
  const flows = [...templates.map((t) => t.build('es')), emailFlow()];

  it('orders every node’s transitions exactly as the runner’s routing tables do', () => {
    for (const flow of flows) {
      const { plan } = compilePlan(flow, defaultAssumptions(flow), { seed: 's', start: START });
      if (!plan) throw new Error(`${flow.settings.code} did not compile`);
      const id = (index: number) => plan.transitions[index]?.id ?? null;
      for (const node of plan.nodes) {
        const routes = nodeRoutes(flow, node.id);
        const runner = {
          timed: routes?.timed?.transition.id ?? null,
          timeout: routes?.timeout?.transition.id ?? null,
          signals: routes?.signals.map((s) => s.transition.id),
          conditions: routes?.conditions.map((c) => c.transition.id),
          otherwise: routes?.otherwise?.id ?? null,
          splits: routes?.splits.map((s) => s.transition.id),
          hold: routes?.hold,
        };
        const simulator = {
          timed: id(node.auto >= 0 ? node.auto : node.delay),
          timeout: id(node.timeout),
          signals: node.signals.map((s) => id(s.transition)),
          conditions: node.conditions.map((c) => id(c.transition)),
          otherwise: id(node.elseTransition),
          splits: node.splits.map((s) => id(s.transition)),
          hold: node.hold,
        };
        expect(simulator, `${flow.settings.code}/${node.id}`).toEqual(runner);
      }
    }
  });

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
