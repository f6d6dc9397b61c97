import { describe, expect, it } from 'vitest';
import { edgeVelocity } from './connect-auto-pan.tsx';

describe('edgeVelocity (scrolling while a connection nears the canvas border)', () => {
  it('does not scroll away from the 40 px border band', () => {
    expect(edgeVelocity(40, 800)).toBe(0);
    expect(edgeVelocity(400, 800)).toBe(0);
    expect(edgeVelocity(760, 800)).toBe(0);
  });

  it('scrolls toward the near border, faster the closer the pointer, up to 15 px a frame', () => {
    expect(edgeVelocity(30, 800)).toBeCloseTo(3.75);
    expect(edgeVelocity(10, 800)).toBeCloseTo(11.25);
    expect(edgeVelocity(0, 800)).toBe(15);
    expect(edgeVelocity(-50, 800)).toBe(15);
    expect(edgeVelocity(790, 800)).toBeCloseTo(-11.25);
    expect(edgeVelocity(900, 800)).toBe(-15);
  });
});
