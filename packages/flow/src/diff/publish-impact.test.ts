import { describe, expect, it } from 'vitest';
import { FlowDocument } from '../document/flow.schema.ts';
import { NodeId } from '../ids.ts';
import { mapTargets, migrationTarget, publishImpact } from './publish-impact.ts';

const doc = (nodes: { id: string; type: string; name: string }[]) =>
  FlowDocument.parse({
    schemaVersion: 1,
    settings: { code: 'IMP', name: 'Impacto' },
    nodes,
    transitions: [],
  });

const published = doc([
  { id: 'in', type: 'entry', name: 'Entrada' },
  { id: 'mail', type: 'email', name: 'Bienvenida' },
  { id: 'call', type: 'call', name: 'Llamada' },
  { id: 'end', type: 'exit', name: 'Fin' },
]);
// The draft renames the email, deletes the call, adds an SMS and a note.
const draft = doc([
  { id: 'in', type: 'entry', name: 'Entrada' },
  { id: 'mail', type: 'email', name: 'Bienvenida (nueva)' },
  { id: 'sms', type: 'sms', name: 'Aviso' },
  { id: 'memo', type: 'note', name: 'Nota' },
  { id: 'end', type: 'exit', name: 'Fin' },
]);
const live = (nodeId: string, version: number, count: number) => ({
  nodeId: NodeId.parse(nodeId),
  version,
  count,
});

describe('publish impact', () => {
  it('sums each node over versions, names it as the draft does, and marks the deleted ones', () => {
    const rows = publishImpact(
      [live('call', 2, 40), live('mail', 1, 12), live('mail', 2, 300)],
      draft,
      published,
    );
    expect(rows).toEqual([
      {
        nodeId: 'mail',
        name: 'Bienvenida (nueva)',
        type: 'email',
        count: 312,
        versions: [1, 2],
        kept: true,
        waitsKept: true,
      },
      {
        nodeId: 'call',
        name: 'Llamada',
        type: 'call',
        count: 40,
        versions: [2],
        kept: false,
        waitsKept: false,
      },
    ]);
  });

  it('names a node no document has by its id', () => {
    expect(publishImpact([live('gone', 1, 3)], draft, published)).toEqual([
      {
        nodeId: 'gone',
        name: 'gone',
        type: null,
        count: 3,
        versions: [1],
        kept: false,
        waitsKept: true,
      },
    ]);
  });

  it('sends a lead where the map says, else to the same node if kept, else nowhere', () => {
    expect(migrationTarget('call', draft, { call: 'sms' })).toBe('sms');
    expect(migrationTarget('mail', draft, {})).toBe('mail');
    expect(migrationTarget('call', draft, {})).toBeNull();
  });

  it('says when a kept node loses a kind of wait its leads may have', () => {
    const withWaits = (transitions: unknown[]) => FlowDocument.parse({ ...published, transitions });
    const opened = {
      id: 'o',
      source: 'mail',
      target: 'end',
      trigger: { kind: 'signal', signal: 'opened' },
    };
    const timeout = {
      id: 't',
      source: 'mail',
      target: 'end',
      trigger: { kind: 'timeout', amount: 3, unit: 'days' },
    };
    const before = withWaits([opened, timeout]);
    const rows = (after: FlowDocument) =>
      publishImpact([live('mail', 1, 5)], after, before).map((r) => r.waitsKept);
    expect(rows(withWaits([opened, timeout]))).toEqual([true]);
    expect(rows(withWaits([opened]))).toEqual([false]);
    expect(rows(withWaits([timeout]))).toEqual([false]);
    // Gaining a kind of wait keeps every lead's.
    expect(publishImpact([live('mail', 1, 5)], before, withWaits([opened]))[0]?.waitsKept).toBe(
      true,
    );
  });

  it('offers as targets the nodes leads wait at: not the entry, a note or an end', () => {
    expect(mapTargets(draft).map((n) => n.id)).toEqual(['mail', 'sms']);
  });
});
