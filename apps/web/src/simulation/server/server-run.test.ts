import { findTemplate, runSampleSimulation, type SimulationJobState } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import { runStateOf } from './server-run.ts';

const flow = findTemplate('seed-free-sample')?.build('es');
if (!flow) throw new Error('template missing');

const base: SimulationJobState = {
  id: '4b7f3a1e-6f0c-4f2b-9a51-0d1c2e3f4a5b',
  status: 'queued',
  progress: 0,
  leadSteps: 0,
  createdAt: '2026-12-01T09:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  expiresAt: null,
};

describe('runStateOf', () => {
  it('shows a queued or running job as the progress bar, marked as on the server', () => {
    expect(runStateOf(base)).toEqual({
      status: 'running',
      fraction: 0,
      leadSteps: 0,
      server: { queued: true },
    });
    expect(runStateOf({ ...base, status: 'running', progress: 0.42, leadSteps: 900 })).toEqual({
      status: 'running',
      fraction: 0.42,
      leadSteps: 900,
      server: { queued: false },
    });
  });

  it("gives a finished job's result back as the simulator's exact JSON text, with the server's compute time", () => {
    const { json } = runSampleSimulation({
      flow,
      leads: { kind: 'fake', count: 40, locale: 'es', seed: 'web' },
      options: { seed: 'web', start: Date.parse('2026-12-01T09:00:00Z'), horizonDays: 10 },
    });
    if (json === null) throw new Error('the simulation did not run');
    const state = runStateOf({
      ...base,
      status: 'done',
      progress: 1,
      startedAt: '2026-12-01T09:00:01.000Z',
      finishedAt: '2026-12-01T09:00:03.500Z',
      // What the client receives: the state's JSON text parsed.
      result: JSON.parse(json),
    });
    expect(state.status).toBe('done');
    if (state.status !== 'done') return;
    expect(state.json).toBe(json);
    expect(state.ms).toBe(2500);
    expect(state.onServer).toBe(true);
    expect(state.result.leads.total).toBe(40);
  });

  it("reports a failed job with the server's reason and a cancelled one as cancelled", () => {
    const failed = runStateOf({
      ...base,
      status: 'failed',
      error: { code: 'out_of_memory', message: 'the sample needs more than 2048 MB' },
    });
    expect(failed).toEqual({
      status: 'failed',
      issues: [],
      message: 'the sample needs more than 2048 MB',
    });
    expect(runStateOf({ ...base, status: 'cancelled' })).toEqual({ status: 'cancelled' });
  });
});
