/**
 * A fixed-offset zone where the wall clock now shows `hour` (Etc/GMT signs are inverted), for
 * tests of quiet hours and send windows that must not depend on when they run.
 */
export function zoneAtLocalHour(hour: number): string {
  let offset = hour - new Date().getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
