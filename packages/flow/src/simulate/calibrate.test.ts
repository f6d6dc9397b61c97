import { describe, expect, it } from 'vitest';
import type { ResponseRate } from '../api/simulation.api.ts';
import { findTemplate } from '../templates/templates.ts';
import { defaultAssumptions } from './assumptions.ts';
import { calibrateAssumptions, MIN_HISTORY_SENDS } from './calibrate.ts';

const flow = findTemplate('seed-free-sample')?.build('es');
if (!flow) throw new Error('template missing');
const defaults = defaultAssumptions(flow);
const idOf = (source: string, signal: string) =>
  flow.transitions.find(
    (t) => t.source === source && t.trigger.kind === 'signal' && t.trigger.signal === signal,
  )?.id ?? '';
const rate = (
  channel: ResponseRate['channel'],
  signal: string,
  responded: number,
  sent: number,
) => ({
  channel,
  signal,
  sent,
  responded,
  rate: responded / sent,
});

describe('calibrateAssumptions', () => {
  it('takes the real rate for every transition of that channel and signal, and says where from', () => {
    const replied = idOf('review-email', 'replied');
    const { assumptions, origins } = calibrateAssumptions(flow, defaults, [
      rate('email', 'replied', 277, 1204),
    ]);
    expect(assumptions.transitions[replied]).toMatchObject({
      probability: 277 / 1204,
      source: 'history',
      delay: defaults.transitions[replied]?.delay,
    });
    expect(origins[replied]).toEqual({ rate: 277 / 1204, sent: 1204 });
    // The feedback email's "replied" is the same channel and signal: calibrated too.
    expect(origins[idOf('feedback-email', 'replied')]).toEqual({ rate: 277 / 1204, sent: 1204 });
    const untouched = idOf('sales-call', 'interested');
    expect(assumptions.transitions[untouched]).toEqual(defaults.transitions[untouched]);
  });

  it('keeps the default when too few sends back the rate', () => {
    const replied = idOf('review-email', 'replied');
    const few = calibrateAssumptions(flow, defaults, [
      rate('email', 'replied', 5, MIN_HISTORY_SENDS - 1),
    ]);
    expect(few.assumptions.transitions[replied]).toEqual(defaults.transitions[replied]);
    expect(few.origins).toEqual({});
  });

  it("keeps a call's defaults when its calibrated outcomes would exceed 100 % together", () => {
    const interested = idOf('sales-call', 'interested');
    const { assumptions, origins } = calibrateAssumptions(flow, defaults, [
      rate('call', 'interested', 90, 100),
    ]);
    expect(assumptions.transitions[interested]).toEqual(defaults.transitions[interested]);
    expect(origins[interested]).toBeUndefined();
  });
});
