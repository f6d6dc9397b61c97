import { fromLocal, parseClock, toLocal } from '../time/zoned-time.ts';
import type { ContactChannel, QuietHours } from './policy.schema.ts';

const minutesOf = (clock: string): number => {
  const { hour, minute } = parseClock(clock);
  return hour * 60 + minute;
};

function inside(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * When a send on `channel` at `nowMs` may go out in the lead's `timeZone`: null if now is
 * outside every quiet window, else the instant the last window covering now ends (the next
 * `end` on the lead's wall clock; windows that chain are followed).
 */
export function quietHoursUntil(
  windows: readonly QuietHours[],
  channel: ContactChannel,
  timeZone: string,
  nowMs: number,
): number | null {
  const relevant = windows.filter((w) => w.channels.includes(channel));
  let at = nowMs;
  // A bounded walk: each step leaves one window; chained windows cannot exceed their count.
  for (let i = 0; i <= relevant.length; i++) {
    const local = toLocal(at, timeZone);
    const minute = local.hour * 60 + local.minute;
    const covering = relevant.find((w) => inside(minute, minutesOf(w.start), minutesOf(w.end)));
    if (!covering) return at === nowMs ? null : at;
    const end = parseClock(covering.end);
    let until = fromLocal({ ...local, hour: end.hour, minute: end.minute, second: 0 }, timeZone);
    if (until <= at) {
      // The window ends tomorrow (it crossed midnight): same wall time, next local day.
      const next = toLocal(at + 86_400_000, timeZone);
      until = fromLocal({ ...next, hour: end.hour, minute: end.minute, second: 0 }, timeZone);
    }
    at = until;
  }
  return at;
}
