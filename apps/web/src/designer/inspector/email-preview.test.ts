import { generateFakeLeads, LeadSnapshot } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import { leadReader, previewLeads, previewParts } from './email-preview.ts';

const ana = LeadSnapshot.parse({
  key: 'C-001',
  name: 'Ana Pérez',
  email: 'ana@example.es',
  phone: null,
  locale: 'es-ES',
  timeZone: 'Europe/Madrid',
  stage: 'customer',
  consent: { email: true, sms: false, call: false },
  attributes: { city: 'Sevilla', points: 120, address: { zip: '41001' } },
  tags: ['vip', 'newsletter'],
  lists: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  events: [],
});
const read = leadReader(ana);

describe('email preview', () => {
  it('reads lead columns, then attributes, plain, explicit and nested', () => {
    expect(read('name')).toBe('Ana Pérez');
    expect(read('tags')).toBe('vip, newsletter');
    expect(read('city')).toBe('Sevilla');
    expect(read('attributes.points')).toBe('120');
    expect(read('address.zip')).toBe('41001');
    expect(read('phone')).toBeUndefined();
    expect(read('apodo')).toBeUndefined();
  });

  it('renders each field for the sample lead and marks the ones it leaves blank', () => {
    const parts = previewParts(
      'Hola {{ lead.name }}, tu ciudad: {{lead.ciudad | default: "tu zona"}}. {{ lead.apodo }}!',
      read,
    );
    expect(parts).toEqual([
      { kind: 'text', text: 'Hola ' },
      { kind: 'field', path: 'name', text: 'Ana Pérez', missing: false },
      { kind: 'text', text: ', tu ciudad: ' },
      { kind: 'field', path: 'ciudad', text: 'tu zona', missing: true },
      { kind: 'text', text: '. ' },
      { kind: 'field', path: 'apodo', text: '', missing: true },
      { kind: 'text', text: '!' },
    ]);
  });

  it('leaves tags the runner fills (links, unsubscribe) and an unclosed tag as typed', () => {
    const text = 'Compra aquí {{ links.oferta }} o {{ unsubscribe_url }} {{ lead.name';
    expect(previewParts(text, read)).toEqual([{ kind: 'text', text }]);
  });

  it('gives the same five demo leads every time for a language', () => {
    const now = Date.parse('2026-11-22T00:00:00Z');
    const leads = previewLeads('es', now);
    expect(leads).toHaveLength(5);
    expect(leads).toEqual(
      generateFakeLeads({ count: 5, locale: 'es', seed: 'designer-preview' }, now),
    );
    expect(leads.every((l) => l.name.length > 0)).toBe(true);
  });
});
