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

/**
 * A delay in ms drawn from a distribution with one uniform `u` in [0, 1). The exponential case
 * is `-a * portableLog(1 - u)` written out, operation for operation: V8 inlines this function
 * into the simulator's draw loops but not a call to `portableLog` in a branch it sees rarely,
 * and a double returned from a call it does not inline is a heap allocation.
 */
export function sampleDelay(kind: number, a: number, b: number, u: number): number {
  if (kind === DELAY_UNIFORM) return a + (b - a) * u;
  if (kind !== DELAY_EXPONENTIAL) return a;
  let m = 1 - u;
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
  return -a * (e * Math.LN2 + 2 * sum);
}
