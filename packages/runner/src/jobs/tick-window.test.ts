import { describe, expect, it } from 'vitest';
import { createTickWindow } from './node-queue.ts';

describe('the ticker window', () => {
  it('looks at everything first, then at what fell due since the previous pass less the margin', () => {
    const window = createTickWindow(10_000, 2_000);
    const first = window.next(false);
    expect(first).toEqual({ since: null });
    window.done(first, 1_000_000);
    const second = window.next(false);
    expect(second).toEqual({ since: 998_000 });
    window.done(second, 1_000_500);
    expect(window.next(false)).toEqual({ since: 998_500 });
  });

  it('looks at everything again once the whole-pass interval has gone by, and whenever asked', () => {
    const window = createTickWindow(10_000, 2_000);
    window.done(window.next(false), 0);
    window.done(window.next(false), 4_000);
    expect(window.next(true)).toEqual({ since: null });
    window.done(window.next(false), 9_999);
    const due = window.next(false);
    window.done(due, 10_000);
    expect(window.next(false)).toEqual({ since: null });
    // A whole pass restarts the interval.
    window.done({ since: null }, 10_500);
    expect(window.next(false)).toEqual({ since: 8_500 });
  });
});
