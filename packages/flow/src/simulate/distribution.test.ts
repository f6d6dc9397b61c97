import { describe, expect, it } from 'vitest';
import { portableLog, sampleDelay } from './distribution.ts';
import { DELAY_EXPONENTIAL, DELAY_FIXED, DELAY_UNIFORM } from './plan-model.ts';

describe('sampleDelay', () => {
  it('draws an exponential delay bit for bit as -mean · portableLog(1 − u)', () => {
    for (let i = 0; i < 5_000; i++) {
      const u = (i * 0.618_033_988_75) % 1;
      const mean = 1 + (i % 97) * 3_600_000;
      expect(sampleDelay(DELAY_EXPONENTIAL, mean, 0, u)).toBe(-mean * portableLog(1 - u));
    }
  });

  it('keeps fixed and uniform delays', () => {
    expect(sampleDelay(DELAY_FIXED, 7, 99, 0.5)).toBe(7);
    expect(sampleDelay(DELAY_UNIFORM, 10, 20, 0.25)).toBe(12.5);
  });

  it('agrees with Math.log to 1e-14', () => {
    for (const x of [1e-9, 0.001, 0.3, 0.5, 0.999, 1]) {
      expect(Math.abs(portableLog(x) - Math.log(x))).toBeLessThan(
        1e-14 * Math.max(1, -Math.log(x)),
      );
    }
  });
});
