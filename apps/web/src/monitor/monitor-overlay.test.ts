import { describe, expect, it } from 'vitest';
import { overlayFromCounts } from './monitor-overlay.ts';

const words = {
  count: (word: string, n: number) => `${n} ${word}`,
  enteredShort: (n: number) => (n === 1 ? 'entró' : 'entraron'),
};

describe('overlayFromCounts', () => {
  it('puts leads there now first, entered second, failures and the call queue as badges', () => {
    const overlay = overlayFromCounts(
      {
        version: 1,
        nodes: [
          { nodeId: 'mail', waiting: 3, entered: 5, acted: 5, failed: 1, converted: 0, ended: 2 },
          { nodeId: 'call', waiting: 4, entered: 1, acted: 1, failed: 0, converted: 0, ended: 0 },
        ],
        transitions: [{ transitionId: 'o', nodeId: 'mail', passed: 2 }],
      },
      [{ nodeId: 'call', open: 4, snoozed: 1, queuedForTomorrow: 2 }],
      words,
    );
    expect(overlay.nodes.mail).toMatchObject({
      primary: 3,
      secondary: { value: 5, label: 'entraron' },
      badges: [{ text: '1 failed', tone: 'danger' }],
    });
    expect(overlay.nodes.call?.secondary?.label).toBe('entró');
    expect(overlay.nodes.call?.badges).toEqual([
      { text: '2 queued', tone: 'warning' },
      { text: '1 snoozed', tone: 'info' },
    ]);
    expect(overlay.transitions).toEqual({ o: 2 });
  });

  it('shows a call queue even at a node no lead has reached in this version', () => {
    const overlay = overlayFromCounts(
      undefined,
      [{ nodeId: 'call', open: 2, snoozed: 0, queuedForTomorrow: 2 }],
      words,
    );
    expect(overlay.nodes.call).toMatchObject({ primary: 0, badges: [{ text: '2 queued' }] });
  });
});
