import { describe, expect, it } from 'vitest';
import { generateDemoAudience } from './demo-leads.ts';

const now = new Date('2026-06-01T10:00:00Z');

describe('generateDemoAudience', () => {
  it('gives the same people for the same seed and clock', () => {
    const a = generateDemoAudience({ now, count: 50 });
    const b = generateDemoAudience({ now, count: 50 });
    expect(b).toEqual(a);
  });

  it('mixes Spanish and Mexican leads with matching locale and time zone', () => {
    const { leads } = generateDemoAudience({ now, count: 400 });
    const spanish = leads.filter((l) => l.locale === 'es-ES');
    const mexican = leads.filter((l) => l.locale === 'es-MX');
    expect(spanish.length).toBeGreaterThan(180);
    expect(mexican.length).toBeGreaterThan(100);
    expect(
      spanish.every((l) => l.timeZone === 'Europe/Madrid' && l.attributes.country === 'ES'),
    ).toBe(true);
    expect(
      mexican.every((l) => l.timeZone === 'America/Mexico_City' && l.attributes.country === 'MX'),
    ).toBe(true);
  });

  it('uses unique keys and unique e-mails on reserved example domains', () => {
    const { leads } = generateDemoAudience({ now, count: 2000 });
    expect(new Set(leads.map((l) => l.externalKey)).size).toBe(2000);
    expect(new Set(leads.map((l) => l.email)).size).toBe(2000);
    expect(leads.every((l) => /@example\.(com|net|org)$/.test(l.email))).toBe(true);
    // Mobile numbers in E.164: Spain +34 6…, Mexico +52 and ten digits.
    for (const lead of leads) {
      expect(lead.phone).toMatch(lead.locale === 'es-ES' ? /^\+346\d{8}$/ : /^\+52\d{10}$/);
    }
  });

  it('records birthdays as ISO dates and lifetime value as the sum of purchases', () => {
    const { leads, events } = generateDemoAudience({ now, count: 300 });
    for (const lead of leads) {
      expect(lead.attributes.birthday).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const spent = events
        .filter((e) => e.leadId === lead.id && e.name === 'purchased')
        .reduce((sum, e) => sum + Number(e.properties.amount), 0);
      expect(lead.attributes.lifetimeValue).toBeCloseTo(spent, 2);
    }
  });

  it('gives every lead a sign-up and customers at least one purchase, none in the future', () => {
    const { leads, events } = generateDemoAudience({ now, count: 300 });
    const signedUp = new Set(events.filter((e) => e.name === 'signed_up').map((e) => e.leadId));
    expect(signedUp.size).toBe(300);
    const buyers = new Set(events.filter((e) => e.name === 'purchased').map((e) => e.leadId));
    for (const lead of leads.filter((l) => l.stage === 'customer')) {
      expect(buyers.has(lead.id)).toBe(true);
    }
    expect(events.every((e) => e.occurredAt.getTime() <= now.getTime())).toBe(true);
    expect(events.some((e) => e.name === 'cart_abandoned')).toBe(true);
  });
});
