import { describe, expect, it } from 'vitest';
import { moveReasonText } from '../labels/move-reason.ts';
import type { ContactPolicies } from '../policy/policy.schema.ts';
import { simulate } from './simulate.ts';
import { createStepper } from './stepper.ts';
import { emailFlow, flowOf, leadOf, leadsOf, START } from './test-flows.testing.ts';

const DAY = 86_400_000;
const QUIET: ContactPolicies = {
  quietHours: [{ start: '21:00', end: '09:00', channels: ['email'] }],
  pressure: [],
};
const capOf = (onLimit: 'defer' | 'skip'): ContactPolicies => ({
  quietHours: [],
  pressure: [
    { max: 1, period: { amount: 7, unit: 'days' }, channels: ['email'], onLimit: onLimit },
  ],
});

/** entry → first email → (1 day) → second email → (1 day) → exit. */
function twoEmails(settings: Record<string, unknown> = {}) {
  const email = { subject: 'Hola', body: 'Hola' };
  return flowOf(
    [
      { id: 'entry', type: 'entry' },
      { id: 'first', type: 'email', config: email },
      { id: 'second', type: 'email', config: email },
      { id: 'out', type: 'exit' },
    ],
    [
      { id: 't1', source: 'entry', target: 'first', trigger: { kind: 'auto' } },
      {
        id: 't2',
        source: 'first',
        target: 'second',
        trigger: { kind: 'timeout', amount: 1, unit: 'days' },
      },
      {
        id: 't3',
        source: 'second',
        target: 'out',
        trigger: { kind: 'timeout', amount: 1, unit: 'days' },
      },
    ],
    settings,
  );
}

function run(input: Parameters<typeof simulate>[0]) {
  const { result, issues } = simulate(input);
  expect(issues).toEqual([]);
  if (!result) throw new Error('no result');
  return result;
}

const acted = (result: ReturnType<typeof run>, id: string) =>
  result.nodes.find((n) => n.nodeId === id)?.acted;

// 23:00 in Madrid (UTC+1 in December).
const ELEVEN_PM = Date.parse('2026-12-01T22:00:00Z');
const NINE_AM_NEXT_DAY = Date.parse('2026-12-02T08:00:00Z');

describe('simulate with contact policies', () => {
  it('sends the email of a lead entering at 23:00 local at 09:00 local, and says why it waited', () => {
    // A budget cap sends every move through the event queue: both paths must agree.
    for (const settings of [{}, { budgetCap: 1000 }]) {
      const options = { seed: 's', start: ELEVEN_PM, horizonDays: 5, traceLeads: 1 };
      const result = run({
        flow: twoEmails(settings),
        leads: [leadOf('ana')],
        options,
        policies: QUIET,
      });
      const steps = result.journeys[0]?.steps ?? [];
      const held = steps.find((s) => s.nodeId === 'first' && !s.acted);
      const sent = steps.find((s) => s.nodeId === 'first' && s.acted);
      expect(held?.enteredAt).toBe(ELEVEN_PM);
      expect(held?.leftAt).toBe(NINE_AM_NEXT_DAY);
      expect(held?.reason).toEqual({ kind: 'policyDeferred', code: 'quiet_hours' });
      expect(moveReasonText(held?.reason ?? null, 'es')).toBe('Retrasado por horario de silencio');
      expect(moveReasonText(held?.reason ?? null, 'en')).toBe('Delayed by quiet hours');
      expect(sent?.enteredAt).toBe(NINE_AM_NEXT_DAY);
      // The second email comes a day later, at 09:00 local: outside the window, it goes out.
      const second = steps.find((s) => s.nodeId === 'second');
      expect(second?.enteredAt).toBe(NINE_AM_NEXT_DAY + DAY);
      expect(second?.acted).toBe(true);
      expect(result.policies).toEqual({
        deferredQuietHours: 1,
        deferredPressure: 0,
        skippedPressure: 0,
      });
      expect(result.totals.messages.email).toBe(2);
    }
  });

  it('keeps a lead held past the horizon waiting at the send node, unsent', () => {
    const options = { seed: 's', start: ELEVEN_PM, horizonDays: 0.25 };
    const result = run({ flow: twoEmails(), leads: [leadOf('ana')], options, policies: QUIET });
    expect(acted(result, 'first')).toBe(0);
    expect(result.nodes.find((n) => n.nodeId === 'first')?.waiting).toBe(1);
    expect(result.totals.messages.email).toBe(0);
  });

  it('skips the second email of a flow over a cap of 1 email per 7 days (onLimit skip)', () => {
    const options = { seed: 's', start: START, horizonDays: 10, traceLeads: 1 };
    const leads = leadsOf(50);
    const result = run({ flow: twoEmails(), leads, options, policies: capOf('skip') });
    expect(acted(result, 'first')).toBe(50);
    expect(acted(result, 'second')).toBe(0);
    expect(result.policies?.skippedPressure).toBe(50);
    expect(result.totals.messages.email).toBe(50);
    expect(result.journeys[0]?.steps.find((s) => s.nodeId === 'second')?.skipped).toBe('policy');
    // Skipped, the lead goes on as after any skipped send: it still leaves for the exit.
    expect(result.totals.ended).toBe(50);
  });

  it('defers the second email until the first leaves the 7-day period (onLimit defer)', () => {
    for (const settings of [{}, { budgetCap: 1000 }]) {
      const options = { seed: 's', start: START, horizonDays: 10, traceLeads: 1 };
      const result = run({
        flow: twoEmails(settings),
        leads: leadsOf(20),
        options,
        policies: capOf('defer'),
      });
      expect(acted(result, 'second')).toBe(20);
      expect(result.policies?.deferredPressure).toBe(20);
      const steps = result.journeys[0]?.steps ?? [];
      const sent = steps.find((s) => s.nodeId === 'second' && s.acted);
      expect(sent?.enteredAt).toBe(START + 7 * DAY + 1);
      const held = steps.find((s) => s.nodeId === 'second' && !s.acted);
      expect(moveReasonText(held?.reason ?? null, 'es')).toBe(
        'Retrasado por el límite de presión comercial',
      );
    }
  });

  it('gives byte-identical output with `policies: undefined` and without the key', () => {
    const options = { seed: 'same', start: START, horizonDays: 10, traceLeads: 5 };
    const flow = emailFlow({ controlShare: 10 });
    const leads = leadsOf(500);
    const without = JSON.stringify(simulate({ flow, leads, options }));
    const undefinedKey = JSON.stringify(simulate({ flow, leads, options, policies: undefined }));
    expect(undefinedKey).toBe(without);
    expect(without).not.toContain('"policies"');
  });

  it('reports policies that do not parse as a located issue, with no result', () => {
    const options = { seed: 's', start: START, horizonDays: 1 };
    const policies = { quietHours: [{ start: '25:00', end: '09:00' }], pressure: [] };
    // @ts-expect-error — bad input from outside, as a caller without types would send it.
    const { result, issues } = simulate({ flow: twoEmails(), leads: [], options, policies });
    expect(result).toBeNull();
    expect(issues[0]?.code).toBe('sim_options_invalid');
    expect(issues[0]?.path?.slice(0, 4)).toEqual(['policies', 'quietHours', 0, 'start']);
  });

  it('lets the stepper walk the journey simulate gives the lead under quiet hours', () => {
    const options = { seed: 's', start: ELEVEN_PM, horizonDays: 5, traceLeads: 1 };
    const lead = leadOf('ana');
    const result = run({ flow: twoEmails(), leads: [lead], options, policies: QUIET });
    const { stepper } = createStepper({ flow: twoEmails(), lead, options, policies: QUIET });
    if (!stepper) throw new Error('no stepper');
    // At 23:00 the email is held: the state says until when and why, and no transition.
    const before = stepper.advance();
    expect(before.nodeId).toBe('first');
    expect(before.next).toBeNull();
    expect(before.held).toEqual({
      at: NINE_AM_NEXT_DAY,
      reason: { kind: 'policyDeferred', code: 'quiet_hours' },
    });
    expect(stepper.advance().held).toBeUndefined();
    for (let k = 0; k < 10; k++) stepper.advance();
    expect(stepper.history()).toEqual(result.journeys[0]?.steps);
  });
});
