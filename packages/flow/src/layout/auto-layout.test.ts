import { describe, expect, it } from 'vitest';
import { autoLayout, LAYOUT_COLUMN_WIDTH } from './auto-layout.ts';

describe('autoLayout', () => {
  it('puts a node right of every node that leads to it, loops aside', () => {
    const nodes = ['entry', 'a', 'b', 'c'].map((id) => ({
      id,
      type: id === 'entry' ? 'entry' : 'email',
    }));
    const edges = [
      { source: 'entry', target: 'a' },
      { source: 'a', target: 'b' },
      { source: 'entry', target: 'c' },
      { source: 'b', target: 'c' },
      { source: 'c', target: 'a' },
    ];
    const layout = autoLayout(nodes, edges);
    expect([layout.entry?.x, layout.a?.x, layout.b?.x, layout.c?.x]).toEqual([
      0,
      LAYOUT_COLUMN_WIDTH,
      2 * LAYOUT_COLUMN_WIDTH,
      3 * LAYOUT_COLUMN_WIDTH,
    ]);
  });

  it('stacks siblings in one column, centred, and notes above the flow', () => {
    const nodes = [
      { id: 'entry', type: 'entry' },
      { id: 'x', type: 'exit' },
      { id: 'y', type: 'exit' },
      { id: 'memo', type: 'note' },
    ];
    const layout = autoLayout(nodes, [
      { source: 'entry', target: 'x' },
      { source: 'entry', target: 'y' },
    ]);
    expect(layout.x?.x).toBe(layout.y?.x);
    expect((layout.x?.y ?? 0) + (layout.y?.y ?? 0)).toBe(0);
    expect(layout.memo?.y).toBeLessThan(Math.min(layout.x?.y ?? 0, layout.y?.y ?? 0));
  });

  it('lays out a 5,000-node chain without deep recursion', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) => ({
      id: `n${i}`,
      type: i === 0 ? 'entry' : 'wait',
    }));
    const edges = nodes.slice(1).map((n, i) => ({ source: `n${i}`, target: n.id }));
    expect(autoLayout(nodes, edges).n4999?.x).toBe(4999 * LAYOUT_COLUMN_WIDTH);
  });
});
