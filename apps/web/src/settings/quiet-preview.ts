import {
  CONTACT_CHANNELS,
  type ContactChannel,
  type QuietHours,
  quietHoursUntil,
} from '@rumbo/flow/policy';

/** Whether the browser knows `zone` as an IANA time zone (what leads carry, e.g. Europe/Madrid). */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type QuietPreview =
  | { kind: 'invalid_zone' }
  | {
      kind: 'ok';
      /** The lead's wall clock now, HH:MM. */
      localNow: string;
      /** Per governed channel: null = it would go out now, else when it would. */
      channels: { channel: ContactChannel; untilMs: number | null }[];
    };

const clockIn = (ms: number, zone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ms);

/**
 * What the runner would do with a send right now for a lead in `zone`, under `windows`: the
 * same `quietHoursUntil` it calls, so the preview cannot disagree with it.
 */
export function previewQuietHours(
  windows: readonly QuietHours[],
  zone: string,
  nowMs: number,
): QuietPreview {
  if (!isTimeZone(zone)) return { kind: 'invalid_zone' };
  const governed = CONTACT_CHANNELS.filter((c) => windows.some((w) => w.channels.includes(c)));
  return {
    kind: 'ok',
    localNow: clockIn(nowMs, zone),
    channels: governed.map((channel) => ({
      channel,
      untilMs: quietHoursUntil(windows, channel, zone, nowMs),
    })),
  };
}

/** When a held send would go: the lead's clock, and the weekday when it is another day there. */
export function untilParts(
  untilMs: number,
  nowMs: number,
  zone: string,
  language: string,
): { clock: string; weekday: string | null } {
  const day = (ms: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(ms);
  const clock = clockIn(untilMs, zone);
  if (day(untilMs) === day(nowMs)) return { clock, weekday: null };
  const weekday = new Intl.DateTimeFormat(language, { timeZone: zone, weekday: 'long' });
  return { clock, weekday: weekday.format(untilMs) };
}
