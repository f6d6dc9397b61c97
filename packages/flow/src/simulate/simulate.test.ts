import { describe, expect, it } from 'vitest';
import { inControlGroup, splitBranch } from '../hash/assignment.ts';
import type { Assumptions } from './assumptions.ts';
import { simulate } from './simulate.ts';
import { emailFlow, flowOf, leadOf, leadsOf, START } from './test-flows.testing.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const options = { seed: 'test', start: START, horizonDays: 10 };

const fixed = (probability: number, hours: number) => ({
  probability,
  delay: { kind: 'fixed' as const, hours },
  source: 'user' as const,
});

function run(input: Parameters<typeof simulate>[0]) {
  const { result, issues } = simulate(input);
  expect(issues).toEqual([]);
  if (!result) throw new Error('no result');
  return result;
}

const node = (result: ReturnType<typeof run>, id: string) => {
  const found = result.nodes.find((n) => n.nodeId === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
};
const count = (result: ReturnType<typeof run>, id: string) =>
  result.transitions.find((t) => t.transitionId === id)?.count;

describe('simulate', () => {
  it('gives a byte-identical result for the same input and a different one for another seed', () => {
    const flow = emailFlow({ controlShare: 10 });
    const leads = leadsOf(2_000);
    const a = JSON.stringify(run({ flow, leads, options: { ...options, traceLeads: 20 } }));
    const b = JSON.stringify(run({ flow, leads, options: { ...options, traceLeads: 20 } }));
    const c = JSON.stringify(run({ flow, leads, options: { ...options, seed: 'other' } }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('keeps the counts adding up: every treatment lead is waiting or has stopped at one node', () => {
    const result = run({ flow: emailFlow({ controlShare: 20 }), leads: leadsOf(3_000), options });
    const t = result.totals;
    expect(t.waitingAtHorizon + t.ended + t.stuck + t.stepBudget).toBe(result.leads.treatment);
    for (const n of result.nodes) {
      expect(n.entered).toBe(n.left + n.waiting + n.ended + n.stuck);
    }
    const left = result.nodes.reduce((s, n) => s + n.left, 0);
    expect(result.transitions.reduce((s, x) => s + x.count, 0)).toBe(left);
  });

  it('lets the first signal to arrive win when several would', () => {
    const flow = emailFlow();
    const early: Assumptions = { transitions: { t2: fixed(1, 5), t3: fixed(1, 1) }, globals: {} };
    const clicked = run({ flow, leads: leadsOf(200), assumptions: early, options });
    expect(count(clicked, 't3')).toBe(200);
    expect(count(clicked, 't2')).toBe(0);
    const late: Assumptions = { transitions: { t2: fixed(1, 1), t3: fixed(1, 5) }, globals: {} };
    expect(count(run({ flow, leads: leadsOf(200), assumptions: late, options }), 't2')).toBe(200);
  });

  it('fires the timeout only when no signal arrived before it', () => {
    const flow = emailFlow();
    const none: Assumptions = { transitions: { t2: fixed(0, 1), t3: fixed(0, 1) }, globals: {} };
    expect(count(run({ flow, leads: leadsOf(100), assumptions: none, options }), 't4')).toBe(100);
    const tooLate: Assumptions = {
      transitions: { t2: fixed(1, 80), t3: fixed(0, 1) },
      globals: {},
    };
    const result = run({ flow, leads: leadsOf(100), assumptions: tooLate, options });
    expect([count(result, 't4'), count(result, 't2')]).toEqual([100, 0]);
    const atTheInstant: Assumptions = {
      transitions: { t2: fixed(1, 72), t3: fixed(0, 1) },
      globals: {},
    };
    expect(count(run({ flow, leads: leadsOf(10), assumptions: atTheInstant, options }), 't2')).toBe(
      10,
    );
  });

  it('draws signals near their assumed rates', () => {
    const flow = emailFlow();
    const assumptions: Assumptions = {
      transitions: { t2: fixed(0.3, 1), t3: fixed(0.1, 2) },
      globals: {},
    };
    const result = run({ flow, leads: leadsOf(20_000), assumptions, options });
    // opened (1 h) comes first whenever it happens; clicked wins only without an open.
    expect((count(result, 't2') ?? 0) / 20_000).toBeCloseTo(0.3, 1);
    expect((count(result, 't3') ?? 0) / 20_000).toBeCloseTo(0.07, 1);
  });

  it('tries conditions in order, then else, and sees updates made earlier in the journey', () => {
    const vip = {
      kind: 'attribute',
      path: 'vip',
      type: 'boolean',
      test: { op: 'eq', value: true },
    };
    const spain = {
      kind: 'attribute',
      path: 'country',
      type: 'string',
      test: { op: 'eq', value: 'ES' },
    };
    const flow = flowOf(
      [
        { id: 'entry', type: 'entry' },
        { id: 'mark', type: 'update', config: { setAttributes: { vip: true } } },
        { id: 'check', type: 'branch' },
        { id: 'a', type: 'exit' },
        { id: 'b', type: 'exit' },
        { id: 'c', type: 'exit' },
      ],
      [
        { id: 't1', source: 'entry', target: 'mark', trigger: { kind: 'auto' } },
        { id: 't2', source: 'mark', target: 'check', trigger: { kind: 'auto' } },
        {
          id: 'c1',
          source: 'check',
          target: 'b',
          trigger: { kind: 'condition', order: 2, rule: vip },
        },
        {
          id: 'c0',
          source: 'check',
          target: 'a',
          trigger: { kind: 'condition', order: 1, rule: spain },
        },
        { id: 'e', source: 'check', target: 'c', trigger: { kind: 'else' } },
      ],
    );
    const leads = [
      leadOf('es', { attributes: { country: 'ES' } }),
      leadOf('fr', { attributes: { country: 'FR' } }),
    ];
    const result = run({ flow, leads, options });
    expect([count(result, 'c0'), count(result, 'c1'), count(result, 'e')]).toEqual([1, 1, 0]);
    expect(node(result, 'mark').acted).toBe(2);
  });

  it('puts each lead on the split branch splitBranch gives it', () => {
    const flow = flowOf(
      [
        { id: 'entry', type: 'entry' },
        { id: 'ab', type: 'split' },
        { id: 'x', type: 'exit' },
        { id: 'y', type: 'exit' },
      ],
      [
        { id: 't1', source: 'entry', target: 'ab', trigger: { kind: 'auto' } },
        { id: 's-b', source: 'ab', target: 'y', trigger: { kind: 'split', weight: 70 } },
        { id: 's-a', source: 'ab', target: 'x', trigger: { kind: 'split', weight: 30 } },
      ],
      { seed: 'camp-7' },
    );
    const leads = leadsOf(300);
    const result = run({ flow, leads, options: { ...options, traceLeads: 300 } });
    for (const journey of result.journeys) {
      const index = splitBranch({
        leadKey: journey.leadKey,
        nodeId: 'ab',
        seed: 'camp-7',
        weights: [30, 70],
      });
      expect(journey.steps[1]?.transitionId).toBe(index === 0 ? 's-a' : 's-b');
      expect(journey.steps[1]?.reason).toEqual({ kind: 'split', weight: index === 0 ? 30 : 70 });
    }
  });

  it('holds the control group out: no messages, tracked only for the conversion goal', () => {
    const flow = emailFlow({
      controlShare: 25,
      seed: 'ctl',
      conversionGoal: { signal: 'purchased', window: { amount: 30, unit: 'days' }, value: 10 },
    });
    const leads = leadsOf(4_000);
    const assumptions: Assumptions = { transitions: {}, globals: { purchased: fixed(0.5, 24) } };
    const result = run({ flow, leads, assumptions, options });
    const control = leads.filter((l) => inControlGroup({ leadKey: l.key, seed: 'ctl', share: 25 }));
    expect(result.leads.control).toBe(control.length);
    expect(result.totals.messages.email).toBe(leads.length - control.length);
    expect(result.control.conversionRate).toBeCloseTo(0.5, 1);
    expect(result.uplift.absolute).toBe(
      Math.round(
        ((result.treatment.conversionRate ?? 0) - (result.control.conversionRate ?? 0)) * 1e6,
      ) / 1e6,
    );
  });

  it('charges only steps that acted and reports ROI as null when nothing was spent', () => {
    const noConsent = leadOf('x', { consent: { email: false, sms: false, call: false } });
    const result = run({ flow: emailFlow(), leads: [noConsent], options });
    expect(node(result, 'mail').skipped.consent).toBe(1);
    expect(result.totals.cost).toBe(0);
    expect(result.totals.roi).toBeNull();
    const paid = run({ flow: emailFlow({ fixedCost: 100 }), leads: leadsOf(10), options });
    expect(paid.totals.cost).toBeCloseTo(100 + 10 * 0.01 + paid.totals.messages.sms * 0.05, 6);
    expect(paid.totals.roi).toBe(
      Math.round(((paid.totals.revenue - paid.totals.cost) / paid.totals.cost) * 1e6) / 1e6,
    );
  });

  it('stops sending once the budget cap is spent', () => {
    const flow = emailFlow({ budgetCap: 1, fixedCost: 0.5 });
    const result = run({ flow, leads: leadsOf(100), options });
    expect(node(result, 'mail').acted).toBe(50);
    expect(node(result, 'mail').skipped.budget).toBe(50);
    expect(result.totals.cost).toBeLessThanOrEqual(1);
  });

  it('gives the same result in time order (budget cap) as lead by lead when the cap is not reached', () => {
    const leads = leadsOf(3_000);
    const opts = { ...options, traceLeads: 50 };
    const free = run({ flow: emailFlow({ controlShare: 10 }), leads, options: opts });
    const capped = run({
      flow: emailFlow({ controlShare: 10, budgetCap: 1e9 }),
      leads,
      options: opts,
    });
    expect(JSON.stringify(capped)).toBe(JSON.stringify(free));
  });

  it('stops a loop without a wait at the step budget', () => {
    const flow = flowOf(
      [
        { id: 'entry', type: 'entry' },
        { id: 'u', type: 'update', config: { addTags: ['x'] } },
        { id: 'v', type: 'update', config: { addTags: ['y'] } },
      ],
      [
        { id: 't1', source: 'entry', target: 'u', trigger: { kind: 'auto' } },
        { id: 't2', source: 'u', target: 'v', trigger: { kind: 'auto' } },
        { id: 't3', source: 'v', target: 'u', trigger: { kind: 'auto' } },
      ],
    );
    const result = run({ flow, leads: leadsOf(3), options: { ...options, maxStepsPerLead: 50 } });
    expect(result.totals.stepBudget).toBe(3);
    expect(result.totals.leadSteps).toBe(3 * 51);
  });

  it('leaves leads waiting at the horizon and moves them by global signals', () => {
    const flow = flowOf(
      [
        { id: 'entry', type: 'entry' },
        {
          id: 'hold',
          type: 'wait',
          config: { mode: 'duration', duration: { amount: 2, unit: 'days' } },
        },
        { id: 'mail', type: 'email', config: { subject: 'S', body: 'B' } },
        { id: 'won', type: 'goal', config: { value: 5 } },
      ],
      [
        { id: 't1', source: 'entry', target: 'hold', trigger: { kind: 'auto' } },
        { id: 't2', source: 'hold', target: 'mail', trigger: { kind: 'auto' } },
        {
          id: 't3',
          source: 'mail',
          target: 'won',
          trigger: { kind: 'signal', signal: 'purchased', lookback: { kind: 'enrollment' } },
        },
      ],
    );
    const assumptions: Assumptions = { transitions: {}, globals: { purchased: fixed(0.5, 1) } };
    const short = run({
      flow,
      leads: leadsOf(400),
      assumptions,
      options: { ...options, horizonDays: 1 },
    });
    expect(node(short, 'hold').waiting).toBe(400);
    const long = run({ flow, leads: leadsOf(400), assumptions, options });
    // Purchases 1 h after enrollment happened during the wait; the look-back still counts them.
    expect(node(long, 'won').entered + node(long, 'mail').waiting).toBe(400);
    expect(node(long, 'won').entered / 400).toBeCloseTo(0.5, 1);
  });

  it('reports bad options, assumptions and entries as located issues', () => {
    const bad = simulate({
      flow: emailFlow(),
      leads: leadsOf(1),
      assumptions: { transitions: { t2: fixed(1.5, 1) }, globals: {} },
      options: { seed: 's', start: START, horizonDays: 0 },
    });
    expect(bad.result).toBeNull();
    expect(bad.issues.map((i) => [i.code, i.path?.slice(0, 2)])).toEqual([
      ['sim_options_invalid', ['options', 'horizonDays']],
      ['sim_assumption_invalid', ['assumptions', 'transitions']],
    ]);
    const noEntry = simulate({
      flow: emailFlow(),
      leads: [],
      options: { ...options, entryNodeId: 'mail' },
    });
    expect(noEntry.issues.map((i) => i.code)).toEqual(['sim_no_entry']);
  });

  it('splits exclusive call outcomes as assumed and checks they fit in 100 %', () => {
    const flow = flowOf(
      [
        { id: 'entry', type: 'entry' },
        { id: 'call', type: 'call' },
        { id: 'yes', type: 'goal', config: { value: 1 } },
        { id: 'no', type: 'exit' },
      ],
      [
        { id: 't1', source: 'entry', target: 'call', trigger: { kind: 'auto' } },
        {
          id: 'o1',
          source: 'call',
          target: 'yes',
          trigger: { kind: 'signal', signal: 'objective_achieved' },
        },
        {
          id: 'o2',
          source: 'call',
          target: 'no',
          trigger: { kind: 'signal', signal: 'not_interested' },
        },
        {
          id: 'to',
          source: 'call',
          target: 'no',
          trigger: { kind: 'timeout', amount: 5, unit: 'days' },
        },
      ],
    );
    const result = run({ flow, leads: leadsOf(10_000), options });
    expect((count(result, 'o1') ?? 0) / 10_000).toBeCloseTo(0.15, 1);
    expect((count(result, 'o2') ?? 0) / 10_000).toBeCloseTo(0.25, 1);
    const over: Assumptions = {
      transitions: { o1: fixed(0.7, 1), o2: fixed(0.6, 1) },
      globals: {},
    };
    const invalid = simulate({ flow, leads: [], assumptions: over, options });
    expect(invalid.issues).toEqual([
      {
        code: 'sim_outcomes_over_100',
        severity: 'error',
        nodeId: 'call',
        params: { percent: 130 },
      },
    ]);
  });

  it('reports progress and can be cancelled', () => {
    const fractions: number[] = [];
    const done = run({
      flow: emailFlow(),
      leads: leadsOf(100),
      options,
      onProgress: (p) => {
        fractions.push(p.fraction);
        return true;
      },
    });
    expect(done.totals.leadSteps).toBeGreaterThan(0);
    expect(fractions.at(-1)).toBe(1);
    const cancelled = simulate({
      flow: emailFlow(),
      leads: leadsOf(70_000),
      options,
      onProgress: () => false,
    });
    expect(cancelled.issues.map((i) => i.code)).toEqual(['sim_cancelled']);
  });

  it('counts messages and conversions per day on the timeline', () => {
    const result = run({ flow: emailFlow(), leads: leadsOf(500), options });
    expect(result.timeline).toHaveLength(10);
    expect(result.timeline[0]?.date).toBe('2026-12-01');
    expect(result.timeline.reduce((s, d) => s + d.messages.email, 0)).toBe(500);
    expect(result.timeline.reduce((s, d) => s + d.conversions, 0)).toBe(result.totals.conversions);
    expect(result.end - result.start).toBe(10 * DAY);
  });
});
