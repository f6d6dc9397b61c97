import { describe, expect, it } from 'vitest';
import { MOVE_KINDS, type StepMove } from '../api/monitor.api.ts';
import type { MoveReason } from '../simulate/journey.ts';
import { moveReasonText, stepMoveReason } from './move-reason.ts';

const runnerMove = (patch: Partial<StepMove> & Pick<StepMove, 'kind'>): StepMove => ({
  signal: null,
  conditionIndex: null,
  early: false,
  ...patch,
});

describe('moveReasonText', () => {
  it('names the signal that moved a lead in the words of its transition, in es and en', () => {
    const reason: MoveReason = { kind: 'signal', signal: 'opened', injected: false };
    expect(moveReasonText(reason, 'es')).toBe('llegó la señal «Abrió el email»');
    expect(moveReasonText(reason, 'en')).toBe('the signal “Opened the email” arrived');
  });

  it('says when the reviewer put the signal in by hand in the stepper', () => {
    const reason: MoveReason = { kind: 'signal', signal: 'clicked', injected: true };
    expect(moveReasonText(reason, 'es')).toBe('simulaste la señal «Hizo clic en el enlace»');
    expect(moveReasonText(reason, 'en')).toBe('you simulated the signal “Clicked the link”');
  });

  it('counts conditions from 1 and gives a simulated split its weight', () => {
    expect(moveReasonText({ kind: 'condition', order: 1 }, 'es')).toBe('cumplió la condición 2');
    expect(moveReasonText({ kind: 'condition', order: 0 }, 'en')).toBe('condition 1 held');
    expect(moveReasonText({ kind: 'split', weight: 30 }, 'es')).toBe('reparto aleatorio (30 %)');
    expect(moveReasonText({ kind: 'split', weight: 30 }, 'en')).toBe('random split (30%)');
  });

  it('says a step has no recorded reason when there is none', () => {
    expect(moveReasonText(null, 'es')).toBe('sin motivo registrado');
    expect(moveReasonText(null, 'en')).toBe('no reason recorded');
  });
});

describe('stepMoveReason (the runner journey in the same words)', () => {
  it('reads a look-back signal as one that had arrived before the lead entered', () => {
    const move = runnerMove({ kind: 'signal', signal: 'purchased', early: true });
    expect(moveReasonText(stepMoveReason(move), 'es')).toBe(
      'la señal «Compró» había llegado antes de entrar',
    );
    expect(
      moveReasonText(stepMoveReason(runnerMove({ kind: 'signal', signal: 'opened' })), 'en'),
    ).toBe('the signal “Opened the email” arrived');
  });

  it('turns the 0-based condition index into the order a marketer reads, and a split without weight', () => {
    expect(
      moveReasonText(stepMoveReason(runnerMove({ kind: 'condition', conditionIndex: 2 })), 'es'),
    ).toBe('cumplió la condición 3');
    expect(moveReasonText(stepMoveReason(runnerMove({ kind: 'split' })), 'en')).toBe('A/B split');
  });

  it('has distinct words in both languages for every move kind the runner records', () => {
    for (const locale of ['es', 'en'] as const) {
      const texts = MOVE_KINDS.map((kind) =>
        moveReasonText(stepMoveReason(runnerMove({ kind, signal: 'opened' })), locale),
      );
      expect(new Set(texts).size).toBe(MOVE_KINDS.length);
      for (const text of texts) expect(text).not.toMatch(/^\s*$|undefined|null/);
    }
    expect(moveReasonText({ kind: 'auto' }, 'es')).toBe('paso automático');
    expect(moveReasonText({ kind: 'goal' }, 'en')).toBe('reached the goal');
  });
});
