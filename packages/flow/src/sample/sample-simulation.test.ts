import { describe, expect, it } from 'vitest';
import { findTemplate } from '../templates/templates.ts';
import { runSampleSimulation, type SampleProgress } from './sample-simulation.ts';

const template = findTemplate('seed-free-sample');
if (!template) throw new Error('template missing');
const flow = template.build('es');
// Fake leads report every 8,192: 16,384 is the smallest sample that reports twice, and the
// phases and bytes asserted below do not need a long horizon, so the run stays light.
const input = {
  flow,
  leads: { kind: 'fake' as const, count: 16_384, locale: 'es' as const, seed: 'p' },
  options: { seed: 'p', start: Date.parse('2026-12-01T09:00:00Z'), horizonDays: 14 },
};
// Two full runs cost ~0.1 s of CPU, but with two cores shared by several suites wall time was
// seen at 20× that (5.6 s against vitest's 5 s default): budget for contention, not for flake.
const TWO_RUNS_MS = 20_000;

describe('runSampleSimulation', () => {
  it(
    'reports making the leads, then simulating, and gives the same bytes with or without a listener',
    () => {
      const seen: SampleProgress[] = [];
      const heard = runSampleSimulation({ ...input, onProgress: (p) => void seen.push(p) });
      const quiet = runSampleSimulation(input);
      expect(heard.json).toBe(quiet.json);
      const phases = seen.map((p) => p.phase);
      expect(phases.indexOf('simulate')).toBeGreaterThan(phases.lastIndexOf('leads'));
      expect(seen.filter((p) => p.phase === 'leads').length).toBe(2);
      expect(seen.at(-1)).toMatchObject({ phase: 'simulate', fraction: 1 });
    },
    TWO_RUNS_MS,
  );

  it('stops while making the leads when the listener says so, with a cancelled issue', () => {
    const outcome = runSampleSimulation({ ...input, onProgress: () => false });
    expect(outcome.json).toBeNull();
    expect(outcome.issues.map((i) => i.code)).toEqual(['sim_cancelled']);
  });
});
