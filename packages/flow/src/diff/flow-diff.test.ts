import { describe, expect, it } from 'vitest';
import { FlowDocument } from '../document/flow.schema.ts';
import { NodeId, TransitionId } from '../ids.ts';
import { findTemplate } from '../templates/templates.ts';
import { jsonEqual } from './deep-equal.ts';
import { diffFlows, diffMarks } from './flow-diff.ts';
import { describeFlowDiff, mergeForDiff } from './flow-diff-text.ts';

function freeSample(): FlowDocument {
  const template = findTemplate('seed-free-sample');
  if (!template) throw new Error('template missing');
  return template.build('es');
}

/** The published version, and a draft edited from a deep copy of it. */
function pair(edit: (draft: FlowDocument) => void) {
  const published = freeSample();
  const draft = FlowDocument.parse(JSON.parse(JSON.stringify(published)));
  edit(draft);
  return { published, draft };
}

describe('diffFlows', () => {
  it('finds nothing between a document and its copy, even with moved nodes and reordered keys', () => {
    const { published, draft } = pair((d) => {
      d.layout.nodes.entry = { x: 999, y: -5 };
      const first = d.nodes[0];
      if (first)
        d.nodes[0] = {
          cost: first.cost,
          config: first.config,
          name: first.name,
          type: first.type,
          id: first.id,
        };
    });
    const diff = diffFlows(published, draft);
    expect(diff.empty).toBe(true);
    expect(diff.nodes).toEqual({ added: [], removed: [], changed: [] });
  });

  it('reports an added node and its transition, a removed node and its transitions', () => {
    const { published, draft } = pair((d) => {
      d.nodes = d.nodes.filter((n) => n.id !== 'suggestion-email');
      d.transitions = d.transitions.filter(
        (t) => t.source !== 'suggestion-email' && t.target !== 'suggestion-email',
      );
      d.nodes.push({
        id: NodeId.parse('sms-reminder'),
        type: 'sms',
        name: 'Recordatorio',
        config: {},
      });
      d.transitions.push({
        id: TransitionId.parse('t-sms'),
        source: NodeId.parse('sample-email'),
        target: NodeId.parse('sms-reminder'),
        trigger: { kind: 'timeout', amount: 2, unit: 'days' },
      });
    });
    const diff = diffFlows(published, draft);
    expect(diff.nodes.added).toEqual(['sms-reminder']);
    expect(diff.nodes.removed).toEqual(['suggestion-email']);
    expect(diff.transitions.added).toEqual(['t-sms']);
    const removedTransitions = published.transitions
      .filter((t) => t.source === 'suggestion-email' || t.target === 'suggestion-email')
      .map((t) => t.id);
    expect(diff.transitions.removed).toEqual(removedTransitions);
    expect(removedTransitions.length).toBe(3);
    expect(diff.empty).toBe(false);
  });

  it('names the fields that changed on a node and a transition, and the settings', () => {
    const { published, draft } = pair((d) => {
      const ship = d.nodes.find((n) => n.id === 'ship-sample');
      if (ship) {
        ship.cost = 6;
        ship.name = 'Enviar muestra';
      }
      const wait = d.transitions.find((t) => t.source === 'sample-email');
      if (wait) wait.trigger = { kind: 'timeout', amount: 6, unit: 'days' };
      d.settings.controlShare = 10;
    });
    const diff = diffFlows(published, draft);
    expect(diff.nodes.changed).toEqual([{ nodeId: 'ship-sample', fields: ['name', 'cost'] }]);
    const wait = published.transitions.find((t) => t.source === 'sample-email');
    expect(diff.transitions.changed).toEqual([{ transitionId: wait?.id, fields: ['trigger'] }]);
    expect(diff.settings).toEqual(['controlShare']);
  });

  it("lists a node's own late-send policy as a change, in words", () => {
    const { published, draft } = pair((d) => {
      const ship = d.nodes.find((n) => n.id === 'ship-sample');
      if (ship) ship.stalePolicy = { action: 'skip', after: { amount: 2, unit: 'days' } };
    });
    const diff = diffFlows(published, draft);
    expect(diff.nodes.changed).toEqual([{ nodeId: 'ship-sample', fields: ['stalePolicy'] }]);
    const lines = describeFlowDiff(diff, { before: published, after: draft }, 'es');
    expect(lines.map((line) => line.text)).toEqual([
      'Nodo cambiado: «Enviar muestra (logística)» (Webhook) — pasos atrasados',
    ]);
  });

  it('treats a draft with no published version as all added', () => {
    const draft = freeSample();
    const diff = diffFlows(null, draft);
    expect(diff.nodes.added.length).toBe(draft.nodes.length);
    expect(diff.transitions.added.length).toBe(draft.transitions.length);
    expect(diff.settings).toEqual([]);
  });

  it('marks each id for the canvas', () => {
    const { published, draft } = pair((d) => {
      d.nodes = d.nodes.filter((n) => n.id !== 'exit-lost');
      const call = d.nodes.find((n) => n.id === 'sales-call');
      if (call) call.cost = 3;
    });
    const marks = diffMarks(diffFlows(published, draft));
    expect(marks.nodes).toEqual({ 'exit-lost': 'removed', 'sales-call': 'changed' });
    expect(Object.keys(marks.transitions)).toEqual([]);
  });
});

describe('describeFlowDiff', () => {
  it('says each change in Spanish and English with names, types and fields', () => {
    const { published, draft } = pair((d) => {
      const ship = d.nodes.find((n) => n.id === 'ship-sample');
      if (ship) ship.cost = 6;
      d.nodes = d.nodes.filter((n) => n.id !== 'exit-shipping');
      d.transitions = d.transitions.filter((t) => t.target !== 'exit-shipping');
    });
    const diff = diffFlows(published, draft);
    const es = describeFlowDiff(diff, { before: published, after: draft }, 'es').map((l) => l.text);
    expect(es[0]).toBe('Nodo eliminado: «Envío fallido» (Salida)');
    expect(es[1]).toBe('Nodo cambiado: «Enviar muestra (logística)» (Webhook) — coste');
    expect(
      es.filter((t) =>
        t.startsWith('Transición eliminada: Enviar muestra (logística) → Envío fallido'),
      ),
    ).toHaveLength(2);
    const en = describeFlowDiff(diff, { before: published, after: draft }, 'en').map((l) => l.text);
    expect(en[1]).toBe('Node changed: «Enviar muestra (logística)» (Webhook) — cost');
  });
});

describe('mergeForDiff', () => {
  it('keeps removed nodes and transitions at their published place so the canvas can grey them', () => {
    const { published, draft } = pair((d) => {
      d.nodes = d.nodes.filter((n) => n.id !== 'exit-feedback');
      d.transitions = d.transitions.filter((t) => t.target !== 'exit-feedback');
      delete d.layout.nodes['exit-feedback'];
    });
    const merged = mergeForDiff(published, draft);
    expect(merged.nodes.map((n) => n.id).sort()).toEqual(published.nodes.map((n) => n.id).sort());
    expect(merged.transitions.length).toBe(published.transitions.length);
    expect(merged.layout.nodes['exit-feedback']).toEqual(published.layout.nodes['exit-feedback']);
    expect(mergeForDiff(null, draft)).toBe(draft);
  });
});

describe('jsonEqual', () => {
  it('ignores key order and missing-vs-undefined keys but not array order', () => {
    expect(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, c: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: null }, { a: 0 })).toBe(false);
  });
});
