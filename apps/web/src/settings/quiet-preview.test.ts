import { describe, expect, it } from 'vitest';
import { isTimeZone, previewQuietHours, untilParts } from './quiet-preview.ts';

const night = { start: '21:00', end: '09:00', channels: ['email' as const] };
// Tuesday 2026-03-10 05:30 UTC: 23:30 on Monday in Mexico City, 06:30 in Madrid.
const now = Date.parse('2026-03-10T05:30:00Z');

describe('quiet hours preview', () => {
  it('says a Mexico City email at 23:30 waits until 09:00 on Tuesday there', () => {
    const preview = previewQuietHours([night], 'America/Mexico_City', now);
    expect(preview).toEqual({
      kind: 'ok',
      localNow: '23:30',
      channels: [{ channel: 'email', untilMs: Date.parse('2026-03-10T15:00:00Z') }],
    });
    expect(
      untilParts(Date.parse('2026-03-10T15:00:00Z'), now, 'America/Mexico_City', 'es'),
    ).toEqual({ clock: '09:00', weekday: 'martes' });
  });

  it('lists only the channels a window governs, and none sends late by day', () => {
    const noon = Date.parse('2026-03-10T11:00:00Z');
    expect(previewQuietHours([night], 'Europe/Madrid', noon)).toEqual({
      kind: 'ok',
      localNow: '12:00',
      channels: [{ channel: 'email', untilMs: null }],
    });
  });

  it('gives no weekday when the window ends the same day on the lead’s calendar', () => {
    const until = Date.parse('2026-03-10T08:00:00Z'); // 09:00 in Madrid, same day as 06:30
    expect(untilParts(until, now, 'Europe/Madrid', 'en')).toEqual({
      clock: '09:00',
      weekday: null,
    });
  });

  it('refuses a time zone the browser does not know, and an empty one', () => {
    expect(isTimeZone('Europe/Madrid')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone(' ')).toBe(false);
    expect(previewQuietHours([night], 'Mars/Olympus', now)).toEqual({ kind: 'invalid_zone' });
  });
});
