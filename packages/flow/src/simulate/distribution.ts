import { DELAY_EXPONENTIAL, DELAY_UNIFORM } from './plan-model.ts';

/**
 * Natural log from + − × ÷ only: `Math.log` may differ in the last bit between engines, and
 * the result must be the same everywhere. Accurate to ~1e-15 relative, far below 1 ms.
 */
export function portableLog(x: number): number {
  let m = x;
  let e = 0;
  while (m < Math.SQRT1_2) {
    m *= 2;
    e--;
  }
  while (m > Math.SQRT2) {
    m /= 2;
    e++;
  }
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  let term = s;
  let sum = 0;
  for (let k = 1; k <= 25; k += 2) {
    sum += term / k;
    term *= s2;
  }
  return e * Math.LN2 + 2 * sum;
}

/** A delay in ms drawn from a distribution with one uniform `u` in [0, 1). */
export function sampleDelay(kind: number, a: number, b: number, u: number): number {
  if (kind === DELAY_UNIFORM) return a + (b - a) * u;
  if (kind === DELAY_EXPONENTIAL) return -a * portableLog(1 - u);
  return a;
}
