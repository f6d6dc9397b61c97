import { describe, expect, it } from 'vitest';
import { findTemplate } from '../templates/templates.ts';
import { defaultAssumptions } from './assumptions.ts';

const flow = findTemplate('seed-free-sample')?.build('es');
if (!flow) throw new Error('template missing');

describe('defaultAssumptions', () => {
  it('gives every call a fresh copy, so editing one leaves the next defaults as they were', () => {
    const before = JSON.stringify(defaultAssumptions(flow));
    const edited = defaultAssumptions(flow);
    for (const a of Object.values(edited.transitions)) {
      a.probability = 0.2;
      if (a.delay.kind === 'exponential') a.delay.meanHours = 1;
      if (a.delay.kind === 'uniform') a.delay.maxHours = 1;
    }
    for (const a of Object.values(edited.globals)) a.probability = 0.9;
    expect(JSON.stringify(defaultAssumptions(flow))).toBe(before);
    expect(JSON.stringify(defaultAssumptions(flow))).not.toBe(JSON.stringify(edited));
  });
});
