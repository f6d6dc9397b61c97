import { describe, expect, it } from 'vitest';
import { LeadSnapshot } from '../lead/lead.schema.ts';
import fixture from './fake-leads.fixture.json' with { type: 'json' };
import { FakeLeadSpec, generateFakeLeads } from './fake-leads.ts';

const NOW = Date.parse('2026-12-01T09:00:00Z');

describe('generateFakeLeads', () => {
  it("keeps every seed's leads byte for byte (the first 50 of two seeds, recorded before the speed-up)", () => {
    expect(fixture.cases.length).toBe(2);
    for (const recorded of fixture.cases) {
      const spec = FakeLeadSpec.parse(recorded.spec);
      expect(recorded.leads.length).toBe(50);
      expect(JSON.stringify(generateFakeLeads(spec, recorded.now))).toBe(
        JSON.stringify(recorded.leads),
      );
    }
  });

  it('gives the same leads for the same seed and different ones for another seed', () => {
    const a = generateFakeLeads({ count: 50, locale: 'es', seed: 'r1' }, NOW);
    const b = generateFakeLeads({ count: 50, locale: 'es', seed: 'r1' }, NOW);
    const c = generateFakeLeads({ count: 50, locale: 'es', seed: 'r2' }, NOW);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(c.map((l) => l.name)).not.toEqual(a.map((l) => l.name));
  });

  it('makes valid lead snapshots with unique keys', () => {
    const leads = generateFakeLeads({ count: 500, locale: 'en', seed: 'x' }, NOW);
    for (const lead of leads) expect(LeadSnapshot.safeParse(lead).success).toBe(true);
    expect(new Set(leads.map((l) => l.key)).size).toBe(500);
  });

  it('gives Spanish leads Spanish or Mexican places, accents and ASCII emails', () => {
    const leads = generateFakeLeads({ count: 400, locale: 'es', seed: 'acentos' }, NOW);
    const zones = new Set(leads.map((l) => l.timeZone));
    expect([...zones].sort()).toEqual(['America/Mexico_City', 'Europe/Madrid']);
    expect(leads.some((l) => /[áéíóúñÁÉÍÓÚ]/.test(l.name))).toBe(true);
    for (const lead of leads) {
      if (lead.email) expect(lead.email).toMatch(/^[a-z0-9.]+@[a-z.]+$/);
      expect(lead.locale).toMatch(/^es-(ES|MX)$/);
    }
  });

  it('gives English leads English locales and US or UK time zones', () => {
    const leads = generateFakeLeads({ count: 200, locale: 'en', seed: 'en' }, NOW);
    for (const lead of leads) expect(lead.locale).toMatch(/^en-(US|GB)$/);
    expect(leads.some((l) => l.timeZone === 'Europe/London')).toBe(true);
  });

  it('mixes consent, stages and missing birthdays like a real audience', () => {
    const leads = generateFakeLeads({ count: 2000, locale: 'es', seed: 'mix' }, NOW);
    const share = (f: (l: LeadSnapshot) => boolean) => leads.filter(f).length / leads.length;
    expect(share((l) => l.consent.email)).toBeGreaterThan(0.7);
    expect(share((l) => l.consent.email)).toBeLessThan(0.95);
    expect(share((l) => l.attributes.birthday === undefined)).toBeGreaterThan(0.05);
    expect(new Set(leads.map((l) => l.stage)).size).toBe(5);
    const birthdays = leads.flatMap((l) =>
      typeof l.attributes.birthday === 'string' ? [l.attributes.birthday] : [],
    );
    for (const day of birthdays) expect(day < '2008-01-01' && day > '1950-01-01').toBe(true);
  });
});
