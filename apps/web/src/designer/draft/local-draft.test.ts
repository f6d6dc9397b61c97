import { FlowDocument } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import { type DraftStorage, draftKey, readLocalDraft, writeLocalDraft } from './local-draft.ts';

/** The browser's storage is the outside world here; a Map stands in for it. */
function memoryStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const doc = FlowDocument.parse({
  schemaVersion: 1,
  settings: { code: 'RET045', name: 'Retención' },
  nodes: [{ id: 'entrada', type: 'entry', name: 'Entrada', config: {} }],
  transitions: [],
  layout: { nodes: { entrada: { x: 10, y: 20 } } },
});

describe('local draft', () => {
  it('reads back exactly the document it wrote, with the time it was saved', () => {
    const storage = memoryStorage();
    writeLocalDraft(storage, 'c1', doc, new Date('2026-11-22T08:00:00Z'));
    const read = readLocalDraft(storage, 'c1');
    expect(read).toEqual({
      kind: 'ok',
      draft: { savedAt: '2026-11-22T08:00:00.000Z', document: doc },
    });
  });

  it('reports no draft for a campaign never edited here', () => {
    expect(readLocalDraft(memoryStorage(), 'c2')).toEqual({ kind: 'none' });
  });

  it('moves a draft that no longer parses aside, says where it broke, and keeps its text', () => {
    const storage = memoryStorage();
    const broken = JSON.stringify({
      savedAt: '2026-11-22T08:00:00Z',
      document: { ...doc, nodes: 'x' },
    });
    storage.setItem(draftKey('c3'), broken);
    const read = readLocalDraft(storage, 'c3');
    expect(read.kind).toBe('corrupt');
    if (read.kind !== 'corrupt') return;
    expect(read.problem).toContain('document.nodes');
    expect(storage.data.get(read.backupKey)).toBe(broken);
    expect(storage.getItem(draftKey('c3'))).toBeNull();
  });

  it('keeps text that is not even JSON aside too', () => {
    const storage = memoryStorage();
    storage.setItem(draftKey('c4'), '{"savedAt": ');
    const read = readLocalDraft(storage, 'c4');
    expect(read.kind).toBe('corrupt');
    expect([...storage.data.values()]).toEqual(['{"savedAt": ']);
  });

  it('remembers the server revision the edits started from', () => {
    const storage = memoryStorage();
    writeLocalDraft(storage, 'c5', doc, new Date('2026-11-22T08:00:00Z'), 7);
    const read = readLocalDraft(storage, 'c5');
    expect(read.kind === 'ok' && read.draft.baseRevision).toBe(7);
  });
});
