import { describe, expect, it } from 'vitest';
import type { LeadSnapshot } from '../../lead/lead.schema.ts';
import { waitNode } from './wait.node.ts';

const lead = (
  attributes: LeadSnapshot['attributes'],
  timeZone = 'Europe/Madrid',
): LeadSnapshot => ({
  key: 'L1',
  name: 'Ana',
  email: 'ana@example.com',
  phone: null,
  locale: 'es-ES',
  timeZone,
  stage: 'lead',
  consent: { email: true, sms: false, call: false },
  attributes,
  tags: [],
  lists: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  events: [],
});
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const config = (input: Record<string, unknown>) => waitNode.configSchema.parse(input);

describe('wait node', () => {
  it('waits a number of days on the lead’s calendar', () => {
    const entered = Date.parse('2026-03-28T09:00:00Z');
    const c = config({ mode: 'duration', duration: { amount: 2, unit: 'days' } });
    expect(iso(waitNode.waitUntil(c, lead({}), entered))).toBe('2026-03-30T08:00:00.000Z');
  });

  it('waits until a fixed date, or leaves at once when the date has passed', () => {
    const c = config({ mode: 'until', until: '2026-05-01T10:00:00+02:00' });
    expect(iso(waitNode.waitUntil(c, lead({}), Date.parse('2026-04-01T00:00:00Z')))).toBe(
      '2026-05-01T08:00:00.000Z',
    );
    const late = Date.parse('2026-06-01T00:00:00Z');
    expect(waitNode.waitUntil(c, lead({}), late)).toBe(late);
  });

  it('waits until the next birthday at 09:00 in the lead’s time zone', () => {
    const c = config({ mode: 'attribute', attribute: 'birthday', at: '09:00' });
    const entered = Date.parse('2026-11-22T12:00:00Z');
    const mexico = lead({ birthday: '1990-03-14' }, 'America/Mexico_City');
    expect(iso(waitNode.waitUntil(c, mexico, entered))).toBe('2027-03-14T15:00:00.000Z');
    const december = lead({ birthday: '1985-12-01' });
    expect(iso(waitNode.waitUntil(c, december, entered))).toBe('2026-12-01T08:00:00.000Z');
  });

  it('leaves at once when the lead enters on the birthday after the hour', () => {
    const c = config({ mode: 'attribute', attribute: 'birthday', at: '09:00' });
    const entered = Date.parse('2026-11-22T15:00:00Z');
    expect(waitNode.waitUntil(c, lead({ birthday: '1990-11-22' }), entered)).toBe(entered);
  });

  it('moves a 29 February birthday to the 28th in a common year', () => {
    const c = config({ mode: 'attribute', attribute: 'birthday', at: '09:00' });
    const entered = Date.parse('2027-01-10T00:00:00Z');
    expect(iso(waitNode.waitUntil(c, lead({ birthday: '2000-02-29' }), entered))).toBe(
      '2027-02-28T08:00:00.000Z',
    );
  });

  it('applies the offset in days before a renewal date', () => {
    const c = config({ mode: 'attribute', attribute: 'renewal', yearly: false, offsetDays: -7 });
    const entered = Date.parse('2026-01-01T00:00:00Z');
    expect(iso(waitNode.waitUntil(c, lead({ renewal: '2026-06-15' }), entered))).toBe(
      '2026-06-08T07:00:00.000Z',
    );
  });

  it('returns null when the lead has no usable date', () => {
    const c = config({ mode: 'attribute', attribute: 'birthday' });
    expect(waitNode.waitUntil(c, lead({}), 0)).toBeNull();
    expect(waitNode.waitUntil(c, lead({ birthday: 'soon' }), 0)).toBeNull();
  });
});
