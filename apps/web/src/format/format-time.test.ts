import { describe, expect, it } from 'vitest';
import { formatCount, formatDateTime, formatRelativeTime } from './format-time.ts';

const now = Date.parse('2026-03-10T12:00:00Z');

describe('formatRelativeTime', () => {
  it('says "now" for changes in the last minute, in each language', () => {
    expect(formatRelativeTime('2026-03-10T11:59:30Z', now, 'es')).toBe('ahora');
    expect(formatRelativeTime('2026-03-10T11:59:30Z', now, 'en')).toBe('now');
  });

  it('counts minutes, hours and days while the change is recent', () => {
    expect(formatRelativeTime('2026-03-10T11:55:00Z', now, 'es')).toBe('hace 5 minutos');
    expect(formatRelativeTime('2026-03-10T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(formatRelativeTime('2026-03-09T10:00:00Z', now, 'es')).toBe('ayer');
  });

  it('shows a date once the change is a week old or more', () => {
    expect(formatRelativeTime('2026-02-01T10:00:00Z', now, 'es')).toBe('1 feb 2026');
    expect(formatRelativeTime('2026-02-01T10:00:00Z', now, 'en')).toBe('Feb 1, 2026');
  });
});

describe('formatDateTime', () => {
  it('writes the full date with the month name in the active language', () => {
    expect(formatDateTime('2026-02-01T10:00:00Z', 'es')).toContain('febrero');
    expect(formatDateTime('2026-02-01T10:00:00Z', 'en')).toContain('February');
  });
});

describe('formatCount', () => {
  it('groups thousands the way each language writes them', () => {
    expect(formatCount(12500, 'es')).toBe('12.500');
    expect(formatCount(12500, 'en')).toBe('12,500');
  });
});
