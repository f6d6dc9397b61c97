import { describe, expect, it } from 'vitest';
import { templates } from '../templates/templates.ts';
import { branchFallback, createSplitChooser, flowRoutes, journeyEnd } from './node-routes.ts';
import {
  compileRouteTable,
  FALLBACK_ELSE,
  FALLBACK_HOLD,
  FALLBACK_STUCK,
  NO_ROUTE,
  NODE_STEP,
  TIMED_DELAY,
} from './route-table.ts';

const flows = templates.map((t) => t.build('es'));

/** The table read back as transition ids, per node, in the shape of `NodeRoutes`. */
function readBack(flow: (typeof flows)[number]) {
  const table = compileRouteTable(flow);
  const id = (index: number | undefined) =>
    index === undefined || index === NO_ROUTE ? null : (table.transitionIds[index] ?? '?');
  const slice = (start: Int32Array, values: Int32Array, n: number) =>
    Array.from(values.subarray(start[n] ?? 0, start[n + 1] ?? 0), (k) => id(k));
  return table.routes.map((_, n) => ({
    timed: id(table.timed[n]),
    delayed: table.timedReason[n] === TIMED_DELAY,
    timeout: id(table.timeout[n]),
    signals: slice(table.signalStart, table.signalTransition, n),
    conditions: slice(table.conditionStart, table.conditionTransition, n),
    otherwise: id(table.otherwise[n]),
    fallback: table.fallback[n],
    splits: slice(table.splitStart, table.splitTransition, n),
    goalValue: table.goalValue[n],
  }));
}

describe('compileRouteTable', () => {
  it('numbers every node’s routes exactly as flowRoutes sorts them', () => {
    const codes = { stuck: FALLBACK_STUCK, else: FALLBACK_ELSE, hold: FALLBACK_HOLD };
    for (const flow of flows) {
      const expected = flowRoutes(flow).map((r) => {
        const end = journeyEnd(r);
        return {
          timed: r.timed?.transition.id ?? null,
          delayed: r.timed?.kind === 'delay',
          timeout: r.timeout?.transition.id ?? null,
          signals: r.signals.map((s) => s.transition.id),
          conditions: r.conditions.map((c) => c.transition.id),
          otherwise: r.otherwise?.id ?? null,
          fallback: codes[branchFallback(r)],
          splits: r.splits.map((s) => s.transition.id),
          goalValue: end?.kind === 'goal' ? end.value : 0,
        };
      });
      expect(readBack(flow), flow.settings.code).toEqual(expected);
    }
  });

  it('tells branch from split and indexes sources and targets', () => {
    const flow = flows.find((f) => f.nodes.some((n) => n.type === 'split')) ?? flows[0];
    if (!flow) throw new Error('no template');
    const table = compileRouteTable(flow);
    flow.nodes.forEach((node, n) => {
      if (node.type === 'split') expect(table.step[n]).toBe(NODE_STEP.split);
      if (node.type === 'branch') expect(table.step[n]).toBe(NODE_STEP.branch);
      if (node.type === 'email') expect(table.step[n]).toBe(NODE_STEP.send);
    });
    flow.transitions.forEach((t, k) => {
      expect(table.nodeIds[table.source[k] ?? -1]).toBe(t.source);
      expect(table.nodeIds[table.target[k] ?? -1]).toBe(t.target);
    });
  });

  it('picks the split branch createSplitChooser picks', () => {
    for (const flow of flows) {
      const table = compileRouteTable(flow);
      table.routes.forEach((routes, n) => {
        const index = table.splitIndex[n];
        if (!index) {
          expect(routes.splits).toHaveLength(0);
          return;
        }
        const choose = createSplitChooser(routes, flow.settings.seed);
        for (let i = 0; i < 50; i++) {
          const k = index(`lead-${i}`);
          const slot = (table.splitStart[n] ?? 0) + k;
          expect(table.transitionIds[table.splitTransition[slot] ?? -1]).toBe(
            choose(`lead-${i}`)?.id,
          );
        }
      });
    }
  });
});
