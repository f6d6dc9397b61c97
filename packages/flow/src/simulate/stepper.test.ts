import { describe, expect, it } from 'vitest';
import type { Assumptions } from './assumptions.ts';
import { simulate } from './simulate.ts';
import { createStepper, type Stepper } from './stepper.ts';
import { emailFlow, leadOf, leadsOf, START } from './test-flows.testing.ts';

const HOUR = 3_600_000;
const options = { seed: 'step', start: START, horizonDays: 10 };
const goal = { signal: 'purchased', window: { amount: 30, unit: 'days' }, value: 20 };

function stepperFor(flow = emailFlow(), lead = leadOf('ana'), assumptions?: Assumptions): Stepper {
  const { stepper, issues } = createStepper({ flow, lead, assumptions, options });
  expect(issues).toEqual([]);
  if (!stepper) throw new Error('no stepper');
  return stepper;
}

function runToEnd(stepper: Stepper): void {
  for (let i = 0; i < 100; i++) {
    const before = JSON.stringify(stepper.state());
    if (JSON.stringify(stepper.advance()) === before) return;
  }
}

describe('createStepper', () => {
  it('walks exactly the journey simulate gives each lead', () => {
    const flow = emailFlow({ controlShare: 10, conversionGoal: goal });
    const leads = leadsOf(200);
    const { result } = simulate({ flow, leads, options: { ...options, traceLeads: 200 } });
    for (const journey of result?.journeys ?? []) {
      const lead = leads.find((l) => l.key === journey.leadKey) ?? leadOf('missing');
      const stepper = stepperFor(flow, lead);
      runToEnd(stepper);
      expect(stepper.history()).toEqual(journey.steps);
      expect(stepper.state().status).toBe(journey.status);
      if (journey.control) expect(stepper.state().conversion).toEqual(journey.conversion);
    }
  });

  it('starts at the entry and advances one move at a time, saying why', () => {
    const none: Assumptions = {
      transitions: { t2: { probability: 0, delay: { kind: 'fixed', hours: 1 }, source: 'user' } },
      globals: {},
    };
    const stepper = stepperFor(emailFlow(), leadOf('ana'), none);
    expect(stepper.state()).toMatchObject({ status: 'waiting', nodeId: 'entry', now: START });
    expect(stepper.state().next).toEqual({
      at: START,
      transitionId: 't1',
      reason: { kind: 'auto' },
    });
    const atMail = stepper.advance();
    expect(atMail.nodeId).toBe('mail');
    expect(atMail.listening.map((l) => l.signal).sort()).toEqual(['clicked', 'opened']);
    expect(stepper.history()[1]).toMatchObject({ nodeId: 'mail', acted: true, cost: 0.01 });
  });

  it('moves the lead by an injected click ("what if she clicks?")', () => {
    const stepper = stepperFor();
    stepper.advance();
    const at = START + 2 * HOUR;
    const next = stepper.state().next;
    const injected = stepper.inject('clicked', { at: Math.min(at, next?.at ?? at) });
    expect(injected.moved).toBe(true);
    expect(injected.state.nodeId).toBe('sms');
    const mail = stepper.history()[1];
    expect(mail?.transitionId).toBe('t3');
    expect(mail?.reason).toEqual({ kind: 'signal', signal: 'clicked', injected: true });
  });

  it('ignores signals the node does not wait for, early ones, and any after the journey ended', () => {
    const stepper = stepperFor();
    stepper.advance();
    expect(stepper.inject('replied').ignored).toBe('notListening');
    expect(stepper.inject('clicked', { at: START - 1 }).ignored).toBe('beforeArrival');
    expect(stepper.inject('clicked', { at: START + 11 * 24 * HOUR }).ignored).toBe('afterHorizon');
    runToEnd(stepper);
    expect(stepper.state().status).toBe('ended');
    expect(stepper.inject('opened').ignored).toBe('ended');
  });

  it('counts an injected conversion-goal signal as a conversion, once', () => {
    const stepper = stepperFor(emailFlow({ conversionGoal: goal }));
    stepper.advance();
    const first = stepper.inject('purchased', { at: START + HOUR });
    expect(first.converted).toBe(true);
    expect(first.state.conversion).toEqual({ at: START + HOUR, value: 20, via: 'signal' });
    expect(stepper.inject('purchased', { at: START + 2 * HOUR }).converted).toBe(false);
  });

  it('reports bad options as issues instead of a stepper', () => {
    const { stepper, issues } = createStepper({
      flow: emailFlow(),
      lead: leadOf('x'),
      options: { seed: '', start: START, horizonDays: 10 },
    });
    expect(stepper).toBeNull();
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['sim_options_invalid', ['options', 'seed']],
    ]);
  });
});
