import { defaultAssumptions, FlowDocument, findTemplate, runSampleSimulation } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import { assumptionsFor, compareNodes, nodeRoi } from './compare-run.ts';

function versions() {
  const published = findTemplate('seed-free-sample')?.build('es');
  if (!published) throw new Error('template missing');
  const draft = FlowDocument.parse(JSON.parse(JSON.stringify(published)));
  // The draft drops the sales call's "no answer" exit and makes the sample dearer.
  const ship = draft.nodes.find((n) => n.id === 'ship-sample');
  if (ship) ship.cost = 6;
  return { published, draft };
}

const options = { seed: 'cmp', start: Date.parse('2026-12-01T09:00:00Z'), horizonDays: 30 };
const leads = { kind: 'fake' as const, count: 400, locale: 'es' as const, seed: 'cmp' };

describe('assumptionsFor', () => {
  it("keeps the reviewer's number for shared transitions and defaults for the others", () => {
    const { published, draft } = versions();
    const mine = defaultAssumptions(draft);
    const [firstId] = Object.keys(mine.transitions);
    if (!firstId) throw new Error('no signal transitions');
    mine.transitions[firstId] = {
      probability: 0.42,
      delay: { kind: 'fixed', hours: 3 },
      source: 'user',
    };
    const theirs = assumptionsFor(published, mine);
    expect(theirs.transitions[firstId]?.probability).toBe(0.42);
    expect(Object.keys(theirs.transitions).sort()).toEqual(
      Object.keys(defaultAssumptions(published).transitions).sort(),
    );
  });
});

describe('compareNodes', () => {
  it('lines up both runs per node with the differences in entries and cost', () => {
    const { published, draft } = versions();
    const run = (flow: FlowDocument) => {
      const { result } = runSampleSimulation({ flow, leads, options });
      if (!result) throw new Error('simulation failed');
      return result;
    };
    const results = { draft: run(draft), published: run(published) };
    const rows = compareNodes({ draft, published }, results);
    const ship = rows.find((r) => r.nodeId === 'ship-sample');
    // Same sample and seed: the same leads reach the shipment, each costs 1.50 more.
    expect(ship?.enteredDelta).toBe(0);
    expect(ship?.costDelta).toBeCloseTo((ship?.draft?.acted ?? 0) * 1.5, 6);
    expect(ship?.costDelta).toBeGreaterThan(0);
    expect(rows.length).toBe(draft.nodes.filter((n) => n.type !== 'note').length);
    expect(nodeRoi(undefined)).toBeNull();
  });
});
