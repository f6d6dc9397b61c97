import { describe, expect, it } from 'vitest';
import { validateFlow } from '../validate/validate-flow.ts';
import { findTemplate, templates } from './templates.ts';

describe('templates', () => {
  it('offers the two seed campaigns first, then the five classics, with unique ids', () => {
    expect(templates.map((t) => t.id)).toEqual([
      'seed-free-sample',
      'seed-saas-trial',
      'welcome-series',
      'cart-abandonment',
      'birthday',
      'win-back',
      'nps-follow-up',
    ]);
    expect(findTemplate('birthday')?.name.es).toBe('Cumpleaños');
  });

  it('builds every template in Spanish and English with the same structure and different texts', () => {
    for (const template of templates) {
      const es = template.build('es');
      const en = template.build('en');
      expect(
        es.nodes.map((n) => [n.id, n.type]),
        template.id,
      ).toEqual(en.nodes.map((n) => [n.id, n.type]));
      const shape = (doc: typeof es) =>
        doc.transitions.map((t) => [t.id, t.source, t.target, t.trigger]);
      expect(shape(es), template.id).toEqual(shape(en));
      expect(es.settings.name, template.id).not.toBe(en.settings.name);
    }
  });

  it('places every node on the canvas, left to right from the entry', () => {
    for (const template of templates) {
      const doc = template.build('es');
      const entry = doc.nodes.find((n) => n.type === 'entry');
      const entryX = entry ? doc.layout.nodes[entry.id]?.x : undefined;
      for (const node of doc.nodes) {
        const position = doc.layout.nodes[node.id];
        expect(position, `${template.id}/${node.id}`).toBeDefined();
        if (node.type !== 'entry' && position && entryX !== undefined) {
          expect(position.x, `${template.id}/${node.id}`).toBeGreaterThan(entryX);
        }
      }
    }
  });

  it('never places two nodes of a template on the same spot', () => {
    for (const template of templates) {
      const spots = Object.values(template.build('en').layout.nodes).map((p) => `${p.x},${p.y}`);
      expect(new Set(spots).size, template.id).toBe(spots.length);
    }
  });

  it('gives every template a conversion goal and at least one goal node worth it', () => {
    for (const template of templates) {
      const doc = template.build('es');
      expect(doc.settings.conversionGoal, template.id).not.toBeNull();
      expect(
        doc.nodes.some((n) => n.type === 'goal'),
        template.id,
      ).toBe(true);
    }
  });

  it('validates every template in both languages with no issues at all, merge fields included', () => {
    const knownFields = ['birthday', 'npsScore', 'lastPurchaseAt'];
    for (const template of templates) {
      for (const locale of ['es', 'en'] as const) {
        const stored = JSON.parse(JSON.stringify(template.build(locale)));
        const result = validateFlow(stored, { knownFields });
        expect(result.issues, `${template.id} ${locale}`).toEqual([]);
        expect(result.document, `${template.id} ${locale}`).toEqual(template.build(locale));
      }
    }
  });
});
