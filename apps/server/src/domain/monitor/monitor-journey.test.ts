import { describe, expect, it } from 'vitest';
import { readReason } from './monitor-journey.queries.ts';

describe('readReason', () => {
  it('reads the move that left a wait over what the arrival recorded', () => {
    expect(
      readReason({ left: { kind: 'signal', signal: 'opened' }, eligibility: 'eligible' }),
    ).toEqual({
      move: { kind: 'signal', signal: 'opened', conditionIndex: null, early: false },
      eligibility: 'eligible',
      policy: null,
      stale: null,
    });
  });

  it('reads a branch condition, an early signal and a plain automatic move', () => {
    expect(readReason({ kind: 'condition', index: 1 }).move).toMatchObject({
      kind: 'condition',
      conditionIndex: 1,
    });
    expect(readReason({ kind: 'signal', signal: 'clicked', early: true }).move).toMatchObject({
      early: true,
    });
    expect(readReason({ kind: 'auto' }).move?.kind).toBe('auto');
  });

  it('keeps the policy that deferred a send and the stale verdict of a late step', () => {
    const read = readReason({
      eligibility: 'eligible',
      policy: { code: 'quiet_hours', until: '2026-11-23T08:00:00.000Z', timeZone: 'Europe/Madrid' },
      stale: { action: 'skip', overdueMs: 90_000_000, toleranceMs: 86_400_000 },
    });
    expect(read.policy).toEqual({
      code: 'quiet_hours',
      until: '2026-11-23T08:00:00.000Z',
      timeZone: 'Europe/Madrid',
    });
    expect(read.stale).toEqual({ action: 'skip', overdueMs: 90_000_000 });
  });

  it('answers "no reason" for shapes it does not know instead of failing', () => {
    expect(readReason(null)).toEqual({ move: null, eligibility: null, policy: null, stale: null });
    expect(readReason({ kind: 'teleport', eligibility: 'maybe' })).toEqual({
      move: null,
      eligibility: null,
      policy: null,
      stale: null,
    });
  });
});
