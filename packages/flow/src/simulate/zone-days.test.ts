import { describe, expect, it } from 'vitest';
import { addDuration } from '../time/zoned-time.ts';
import { ZoneDays } from './zone-days.ts';

const ZONES = [
  'Europe/Madrid',
  'America/Mexico_City',
  'America/New_York',
  'Australia/Lord_Howe', // 30-minute DST shift
  'Asia/Kathmandu', // +05:45
  'UTC',
  'Not/AZone', // unknown: zoned-time falls back to UTC
];

describe('ZoneDays.addDays', () => {
  it('gives addDuration’s instant to the millisecond around DST changes, in and out of its cache', () => {
    const start = Date.parse('2026-03-01T00:00:00Z');
    const zoneDays = new ZoneDays(start);
    // Every 53 minutes and 123 ms through March–April and late October (DST changes in both
    // hemispheres), plus instants before the cached range and years after it.
    const instants: number[] = [];
    const step = 53 * 60_000 + 123;
    for (let t = start; t < start + 45 * 86_400_000; t += step) instants.push(t);
    const october = Date.parse('2026-10-20T00:00:00Z');
    for (let t = october; t < october + 10 * 86_400_000; t += step) instants.push(t);
    instants.push(start - 5 * 86_400_000 + 999, start + 3000 * 86_400_000 + 1);
    instants.push(Date.parse('2026-03-29T00:59:59.500Z'), Date.parse('2026-10-25T00:30:00Z'));
    for (const zone of ZONES) {
      for (const days of [1, 7]) {
        for (let i = 0; i < instants.length; i += zone === 'Europe/Madrid' ? 1 : 3) {
          const t = instants[i] ?? 0;
          const expected = addDuration(t, days, 'days', zone);
          const actual = zoneDays.addDays(t, days, zone);
          if (actual !== expected)
            expect({ zone, days, t, actual }).toEqual({ zone, days, t, actual: expected });
        }
      }
    }
    expect(zoneDays.addDays(Date.parse('2026-03-28T10:00:00Z'), 1, 'Europe/Madrid')).toBe(
      Date.parse('2026-03-29T09:00:00Z'),
    );
  }, 30_000);
});
