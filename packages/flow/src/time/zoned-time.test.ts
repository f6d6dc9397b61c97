import { describe, expect, it } from 'vitest';
import { addDuration, fromLocal, safeTimeZone, toLocal } from './zoned-time.ts';

describe('zoned time', () => {
  it('keeps the wall-clock time when adding days across a daylight-saving change', () => {
    // 2026-03-28 10:00 in Madrid is UTC+1; two days later DST has begun (UTC+2).
    const start = Date.parse('2026-03-28T09:00:00Z');
    const end = addDuration(start, 2, 'days', 'Europe/Madrid');
    expect(new Date(end).toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(toLocal(end, 'Europe/Madrid').hour).toBe(10);
  });

  it('adds hours as elapsed time regardless of the zone', () => {
    const start = Date.parse('2026-03-29T00:30:00Z');
    expect(addDuration(start, 2, 'hours', 'Europe/Madrid') - start).toBe(7_200_000);
  });

  it('clamps the day when adding a month to the 31st', () => {
    const start = Date.parse('2026-01-31T12:00:00Z');
    expect(new Date(addDuration(start, 1, 'months', 'UTC')).toISOString()).toBe(
      '2026-02-28T12:00:00.000Z',
    );
  });

  it('converts a local wall time in Mexico City to the right instant', () => {
    const t = fromLocal(
      { year: 2026, month: 6, day: 15, hour: 9, minute: 0, second: 0 },
      'America/Mexico_City',
    );
    expect(new Date(t).toISOString()).toBe('2026-06-15T15:00:00.000Z');
  });

  it('gives the same wall-clock time as Intl for any instant, around DST changes too', () => {
    const zones = [
      'Europe/Madrid',
      'America/Mexico_City',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
    ];
    const start = Date.parse('2026-03-01T00:00:00Z');
    for (const zone of zones) {
      const intl = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      for (let k = 0; k < 3_000; k++) {
        const at = start + k * 7_919_993; // ~2.2 h steps over 9 months, odd seconds and ms
        const parts = Object.fromEntries(
          intl.formatToParts(new Date(at)).map((p) => [p.type, Number(p.value)]),
        );
        const local = toLocal(at, zone);
        expect([
          local.year,
          local.month,
          local.day,
          local.hour,
          local.minute,
          local.second,
        ]).toEqual([parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second]);
      }
    }
  });

  it('adds days and weeks across month and year ends on the local calendar', () => {
    const from = Date.parse('2026-12-20T08:30:00Z');
    expect(addDuration(from, 40, 'days', 'UTC')).toBe(Date.parse('2027-01-29T08:30:00Z'));
    expect(addDuration(from, 10, 'weeks', 'UTC')).toBe(Date.parse('2027-02-28T08:30:00Z'));
    expect(addDuration(Date.parse('2028-02-28T12:00:00Z'), 1, 'days', 'UTC')).toBe(
      Date.parse('2028-02-29T12:00:00Z'),
    );
  });

  it('falls back to UTC for an unknown time zone instead of throwing', () => {
    expect(safeTimeZone('Mars/Olympus')).toBe('UTC');
    expect(toLocal(Date.parse('2026-01-01T05:00:00Z'), 'Mars/Olympus').hour).toBe(5);
  });
});
