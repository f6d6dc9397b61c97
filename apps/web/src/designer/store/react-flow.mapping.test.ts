import { FlowDocument, NODE_TYPES, TIME_UNITS, type Trigger } from '@rumbo/flow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromFlowElements, toFlowElements } from './react-flow.mapping.ts';

// `__proto__` passes the id pattern but cannot be a key of the layout record (zod's record
// parse turns it into a prototype), so such a document loses the position on parse, before
// the mapping is involved. Reported to the flow contract's owner; excluded here.
const idArb = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,12}$/).filter((id) => id !== '__proto__');
const coordinate = fc.double({ min: -5000, max: 5000, noNaN: true });

const triggerArb: fc.Arbitrary<Trigger> = fc.oneof(
  fc.constant({ kind: 'auto' as const }),
  fc.constant({ kind: 'else' as const }),
  fc.record({
    kind: fc.constant('delay' as const),
    amount: fc.nat(1000),
    unit: fc.constantFrom(...TIME_UNITS),
  }),
  fc.record({
    kind: fc.constant('timeout' as const),
    amount: fc.nat(1000),
    unit: fc.constantFrom(...TIME_UNITS),
  }),
  fc.record(
    {
      kind: fc.constant('signal' as const),
      signal: fc.string({ minLength: 1 }),
      link: fc.webUrl(),
    },
    { requiredKeys: ['kind', 'signal'] },
  ),
  fc.record({ kind: fc.constant('split' as const), weight: fc.integer({ min: 0, max: 100 }) }),
);

/** Documents whose every node has a position: what the editor keeps after loading. */
const documentArb = fc
  .uniqueArray(idArb, { minLength: 0, maxLength: 12 })
  .chain((nodeIds) =>
    fc.record({
      nodes: fc.tuple(
        ...nodeIds.map((id) =>
          fc.record(
            {
              id: fc.constant(id),
              type: fc.constantFrom(...NODE_TYPES),
              name: fc.string({ maxLength: 30 }),
              config: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
              cost: fc.double({ min: 0, max: 10, noNaN: true }),
            },
            { requiredKeys: ['id', 'type', 'name', 'config'] },
          ),
        ),
      ),
      positions: fc.tuple(...nodeIds.map(() => fc.record({ x: coordinate, y: coordinate }))),
      transitions:
        nodeIds.length === 0
          ? fc.constant([])
          : fc.uniqueArray(
              fc.record(
                {
                  id: idArb,
                  source: fc.constantFrom(...nodeIds),
                  target: fc.constantFrom(...nodeIds),
                  sourceHandle: fc.option(fc.string({ minLength: 1, maxLength: 8 })),
                  targetHandle: fc.string({ minLength: 1, maxLength: 8 }),
                  trigger: triggerArb,
                  label: fc.string({ maxLength: 20 }),
                },
                { requiredKeys: ['id', 'source', 'target', 'trigger'] },
              ),
              { selector: (t) => t.id, maxLength: 20 },
            ),
      viewport: fc.option(
        fc.record({
          x: coordinate,
          y: coordinate,
          zoom: fc.double({ min: 0.1, max: 4, noNaN: true }),
        }),
        { nil: undefined },
      ),
    }),
  )
  .map(({ nodes, positions, transitions, viewport }) =>
    FlowDocument.parse({
      schemaVersion: 1,
      settings: { code: 'PROP', name: 'Propiedad' },
      nodes,
      transitions,
      layout: {
        nodes: Object.fromEntries(nodes.map((n, i) => [n.id, positions[i]])),
        ...(viewport ? { viewport } : {}),
      },
    }),
  );

describe('document ↔ React Flow elements', () => {
  it('maps any document to elements and back to the same document', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        const { nodes, edges } = toFlowElements(doc);
        expect(fromFlowElements(nodes, edges, doc)).toEqual(doc);
      }),
    );
  });

  it('gives each node its layout position and each edge its transition ends', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        const { nodes, edges } = toFlowElements(doc);
        for (const n of nodes) expect(n.position).toEqual(doc.layout.nodes[n.id]);
        expect(edges.map((e) => [e.id, e.source, e.target])).toEqual(
          doc.transitions.map((t) => [t.id, t.source, t.target]),
        );
      }),
    );
  });

  it('follows an edge whose ends changed on the canvas back into the transition', () => {
    fc.assert(
      fc.property(
        documentArb.filter((d) => d.transitions.length > 0 && d.nodes.length > 1),
        (doc) => {
          const { nodes, edges } = toFlowElements(doc);
          const [first, ...rest] = edges;
          const newTarget = nodes[0]?.id ?? '';
          if (!first) return;
          const moved = fromFlowElements(nodes, [{ ...first, target: newTarget }, ...rest], doc);
          expect(moved.transitions[0]?.target).toBe(newTarget);
          expect(moved.transitions[0]?.trigger).toEqual(doc.transitions[0]?.trigger);
        },
      ),
    );
  });
});
