import { describe, expect, it } from 'vitest';
import { FlowDocument } from '../document/flow.schema.ts';
import { compareIds, splitBranch } from '../hash/assignment.ts';
import {
  branchFallback,
  createSplitChooser,
  flowRoutes,
  journeyEnd,
  lookbackReach,
  lookbackStart,
  nodeRoutes,
  signalMatchesRoute,
  waitsAfterAction,
} from './node-routes.ts';

const flow = FlowDocument.parse({
  schemaVersion: 1,
  settings: { code: 'T1', name: 'Test', seed: 's1' },
  nodes: [
    { id: 'in', type: 'entry', name: 'In', config: {} },
    { id: 'mail', type: 'email', name: 'Mail', config: { subject: 'Hi' } },
    { id: 'br', type: 'branch', name: 'Branch', config: {} },
    { id: 'sp', type: 'split', name: 'Split', config: {} },
    { id: 'end', type: 'exit', name: 'End', config: {} },
  ],
  transitions: [
    { id: 't1', source: 'in', target: 'mail', trigger: { kind: 'delay', amount: 2, unit: 'days' } },
    { id: 't3', source: 'mail', target: 'br', trigger: { kind: 'signal', signal: 'opened' } },
    {
      id: 't2',
      source: 'mail',
      target: 'br',
      trigger: { kind: 'signal', signal: 'clicked', includeMachine: true },
    },
    {
      id: 't4',
      source: 'mail',
      target: 'end',
      trigger: { kind: 'timeout', amount: 3, unit: 'months' },
    },
    {
      id: 'c9',
      source: 'br',
      target: 'sp',
      trigger: { kind: 'condition', order: 1, rule: { kind: 'stage', in: ['lead'] } },
    },
    {
      id: 'c1',
      source: 'br',
      target: 'end',
      trigger: { kind: 'condition', order: 2, rule: { kind: 'stage', in: ['customer'] } },
    },
    { id: 'c0', source: 'br', target: 'end', trigger: { kind: 'else' } },
    { id: 'sb', source: 'sp', target: 'end', trigger: { kind: 'split', weight: 30 } },
    { id: 'sa', source: 'sp', target: 'end', trigger: { kind: 'split', weight: 70 } },
  ],
});

describe('nodeRoutes', () => {
  it('sorts signals by transition id and resolves delay and timeout durations', () => {
    const entry = nodeRoutes(flow, 'in');
    expect(entry?.timed?.transition.id).toBe('t1');
    expect(entry?.timed?.after).toEqual({ ms: 2 * 86_400_000, months: 0 });
    const mail = nodeRoutes(flow, 'mail');
    expect(mail?.signals.map((s) => s.transition.id)).toEqual(['t2', 't3']);
    expect(mail?.timeout?.after).toEqual({ ms: 0, months: 3 });
    expect(mail && waitsAfterAction(mail)).toBe(true);
  });

  it('orders branch conditions by their order, then keeps else apart', () => {
    const branch = nodeRoutes(flow, 'br');
    expect(branch?.conditions.map((c) => c.transition.id)).toEqual(['c9', 'c1']);
    expect(branch?.otherwise?.id).toBe('c0');
    expect(branch && waitsAfterAction(branch)).toBe(false);
  });

  it('returns null for a node the flow does not have', () => {
    expect(nodeRoutes(flow, 'nope')).toBeNull();
  });

  it('puts every lead on the split branch splitBranch picks', () => {
    const split = nodeRoutes(flow, 'sp');
    if (!split) throw new Error('split missing');
    const choose = createSplitChooser(split, 's1');
    const ids = ['sa', 'sb'].sort(compareIds);
    const weights = [70, 30];
    for (let i = 0; i < 200; i++) {
      const leadKey = `lead-${i}-ñ`;
      const index = splitBranch({ leadKey, nodeId: 'sp', seed: 's1', weights });
      expect(choose(leadKey)?.id).toBe(ids[index]);
    }
  });

  it('ignores machine signals unless the route includes them, and checks the link', () => {
    const mail = nodeRoutes(flow, 'mail');
    const [clicked, opened] = mail?.signals ?? [];
    if (!clicked || !opened) throw new Error('routes missing');
    expect(signalMatchesRoute(opened, { name: 'opened', link: null, machine: true })).toBe(false);
    expect(signalMatchesRoute(opened, { name: 'opened', link: null, machine: false })).toBe(true);
    expect(signalMatchesRoute(clicked, { name: 'clicked', link: 'x', machine: true })).toBe(true);
    expect(signalMatchesRoute(clicked, { name: 'opened', link: null, machine: false })).toBe(false);
  });

  it('starts the look-back at the visit, the enrollment, or a window never before enrollment', () => {
    expect(lookbackStart({ kind: 'step' }, 5_000, 1_000)).toBe(5_000);
    expect(lookbackStart({ kind: 'enrollment' }, 5_000, 1_000)).toBe(1_000);
    const window = { kind: 'window', duration: { amount: 1, unit: 'minutes' } } as const;
    expect(lookbackStart(window, 100_000, 1_000)).toBe(40_000);
    expect(lookbackStart(window, 30_000, 1_000)).toBe(1_000);
  });

  it('builds for every node in one pass exactly the tables nodeRoutes builds for each', () => {
    expect(flowRoutes(flow)).toEqual(flow.nodes.map((n) => nodeRoutes(flow, n.id)));
  });

  it('lets an auto transition win over a delay, whatever their order', () => {
    const both = FlowDocument.parse({
      ...flow,
      transitions: [
        { id: 'a1', source: 'in', target: 'mail', trigger: { kind: 'auto' } },
        {
          id: 'd1',
          source: 'in',
          target: 'end',
          trigger: { kind: 'delay', amount: 0, unit: 'hours' },
        },
      ],
    });
    expect(nodeRoutes(both, 'in')?.timed).toMatchObject({ kind: 'auto', transition: { id: 'a1' } });
    const delayOnly = nodeRoutes(flow, 'in')?.timed;
    expect(delayOnly?.kind).toBe('delay');
  });

  it('falls back to else, to holding, or to nothing when no condition holds', () => {
    const branch = nodeRoutes(flow, 'br');
    const mail = nodeRoutes(flow, 'mail');
    if (!branch || !mail) throw new Error('routes missing');
    expect(branchFallback(branch)).toBe('else');
    expect(branchFallback({ ...branch, hold: true })).toBe('hold');
    expect(branchFallback({ ...branch, otherwise: null })).toBe('stuck');
    expect(branchFallback(mail)).toBe('stuck');
  });

  it('ends journeys at exits, and at goals with the goal’s value', () => {
    const exit = nodeRoutes(flow, 'end');
    const mail = nodeRoutes(flow, 'mail');
    if (!exit || !mail) throw new Error('routes missing');
    expect(journeyEnd(exit)).toEqual({ kind: 'exit' });
    expect(journeyEnd(mail)).toBeNull();
    const withGoal = FlowDocument.parse({
      ...flow,
      nodes: [...flow.nodes, { id: 'win', type: 'goal', name: 'Win', config: { value: 75 } }],
    });
    expect(nodeRoutes(withGoal, 'win') && journeyEnd(nodeRoutes(withGoal, 'win') ?? exit)).toEqual({
      kind: 'goal',
      value: 75,
    });
  });

  it('reaches back 0 for the step, for ever for the enrollment, and the window (a month = 31 days)', () => {
    expect(lookbackReach({ kind: 'step' })).toBe(0);
    expect(lookbackReach({ kind: 'enrollment' })).toBe(Number.POSITIVE_INFINITY);
    const month = { kind: 'window', duration: { amount: 1, unit: 'months' } } as const;
    expect(lookbackReach(month)).toBe(31 * 86_400_000);
  });
});
