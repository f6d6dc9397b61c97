import { findTemplate } from '@rumbo/flow';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpProblem } from '../../errors/http-problem.ts';
import { SimulationJobs } from './simulation-jobs.ts';
import type { SimulationWorkerInput } from './simulation-worker.protocol.ts';

const template = findTemplate('seed-free-sample');
if (!template) throw new Error('template missing');
const input = (seed: string): SimulationWorkerInput => ({
  flow: template.build('es'),
  leads: { kind: 'fake', count: 20, locale: 'es', seed },
  options: { seed, start: Date.parse('2026-12-01T09:00:00Z'), horizonDays: 5 },
});

let jobs: SimulationJobs | null = null;
afterEach(async () => {
  await jobs?.close();
  jobs = null;
});

function settled(all: SimulationJobs, workspaceId: string, id: string) {
  return new Promise<void>((resolve) => {
    const check = () => {
      if (all.get(workspaceId, id).finishedAt !== null) resolve();
      else setTimeout(check, 20);
    };
    check();
  });
}

const notFoundCode = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof HttpProblem ? `${error.status} ${error.code}` : 'other';
  }
};

describe('SimulationJobs', () => {
  it('forgets a finished job once its time is up, and answers 404 for it then', async () => {
    jobs = new SimulationJobs({ keepMs: 100 });
    const job = jobs.submit('ws-1', input('ttl'));
    await settled(jobs, 'ws-1', job.id);
    expect(jobs.get('ws-1', job.id).status).toBe('done');
    expect(jobs.state(job).expiresAt).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(notFoundCode(() => jobs?.get('ws-1', job.id))).toBe('404 not_found');
  });

  it('keeps at most maxKept finished jobs, forgetting the oldest first', async () => {
    jobs = new SimulationJobs({ maxKept: 1 });
    const first = jobs.submit('ws-1', input('kept-1'));
    await settled(jobs, 'ws-1', first.id);
    const second = jobs.submit('ws-1', input('kept-2'));
    await settled(jobs, 'ws-1', second.id);
    expect(jobs.get('ws-1', second.id).status).toBe('done');
    expect(notFoundCode(() => jobs?.get('ws-1', first.id))).toBe('404 not_found');
  });

  it("hides a workspace's jobs from every other workspace", () => {
    jobs = new SimulationJobs();
    const job = jobs.submit('ws-1', input('scoped'));
    expect(notFoundCode(() => jobs?.get('ws-2', job.id))).toBe('404 not_found');
    expect(notFoundCode(() => jobs?.cancel('ws-2', job.id))).toBe('404 not_found');
    expect(jobs.get('ws-1', job.id).id).toBe(job.id);
  });
});
