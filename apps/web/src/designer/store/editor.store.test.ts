import { FlowDocument, type NodeId, templates } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import { moduleFor } from '../catalogue/designer-catalogue.ts';
import { createEditorStore } from './editor.store.ts';
import { freeSpot } from './editor-helpers.ts';

/** Headless designer harness: the editor store driven like the canvas would, no DOM. */

const emptyDocument = () =>
  FlowDocument.parse({
    schemaVersion: 1,
    settings: { code: 'TEST01', name: 'Prueba' },
    nodes: [],
    transitions: [],
  });

function harness() {
  const counters = { node: 0, transition: 0 };
  const store = createEditorStore({
    document: emptyDocument(),
    moduleFor,
    newId: (kind) => {
      counters[kind] += 1;
      return `${kind === 'node' ? 'n' : 't'}${counters[kind]}`;
    },
  });
  const s = () => store.getState();
  const add = (type: string, x: number, y = 0) => {
    const id = s().addNode(type, { x, y }, 'es');
    if (id === null) throw new Error(`could not add ${type}`);
    return id;
  };
  const node = (id: NodeId) => s().document.nodes.find((n) => n.id === id);
  const triggersFrom = (id: NodeId) =>
    s()
      .document.transitions.filter((t) => t.source === id)
      .map((t) => t.trigger);
  return { store, s, add, node, triggersFrom };
}

describe('editor store', () => {
  it('adds a node with the catalogue defaults, a fresh id, a position and selects it', () => {
    const { s, add, node } = harness();
    const id = add('email', 100, 50);
    expect(id).toBe('n1');
    expect(node(id)?.type).toBe('email');
    expect(node(id)?.name).toBe('Email');
    expect(node(id)?.config).toEqual(moduleFor('email')?.defaults());
    expect(s().document.layout.nodes[id]).toEqual({ x: 100, y: 50 });
    expect(s().selection.nodeIds).toEqual([id]);
  });

  it('numbers the names of repeated node types so a marketer can tell them apart', () => {
    const { add, node } = harness();
    add('email', 0);
    const second = add('email', 0);
    expect(node(second)?.name).toBe('Email 2');
  });

  it('connects with the first trigger valid for the source: entry auto, email opened', () => {
    const { s, add, triggersFrom } = harness();
    const entry = add('entry', 0);
    const email = add('email', 300);
    const goal = add('goal', 600);
    expect(s().connect(entry, email)).toBe('t1');
    expect(s().connect(email, goal)).toBe('t2');
    expect(triggersFrom(entry)).toEqual([{ kind: 'auto' }]);
    expect(triggersFrom(email)).toEqual([{ kind: 'signal', signal: 'opened' }]);
  });

  it('gives the next connection from an email an unused signal, never the same one twice', () => {
    const { s, add, triggersFrom } = harness();
    const email = add('email', 0);
    const a = add('goal', 300);
    const b = add('exit', 300, 200);
    s().connect(email, a);
    s().connect(email, b);
    const signals = triggersFrom(email).map((t) => (t.kind === 'signal' ? t.signal : t.kind));
    expect(new Set(signals).size).toBe(2);
  });

  it('refuses a transition out of a goal and says why, leaving the document untouched', () => {
    const { s, add } = harness();
    const goal = add('goal', 0);
    const entry = add('entry', 300);
    const before = s().document;
    expect(s().connect(goal, entry)).toBeNull();
    expect(s().refusal).toBe('source-ends-journey');
    expect(s().document).toBe(before);
  });

  it('undoes and redoes a connection', () => {
    const { s, add } = harness();
    const entry = add('entry', 0);
    const email = add('email', 300);
    s().connect(entry, email);
    s().undo();
    expect(s().document.transitions).toEqual([]);
    expect(s().document.nodes.map((n) => n.id)).toEqual([entry, email]);
    s().redo();
    expect(s().document.transitions.map((t) => [t.source, t.target])).toEqual([[entry, email]]);
  });

  it('records a whole drag as one undo step', () => {
    const { s, add } = harness();
    const id = add('wait', 10, 10);
    for (const x of [20, 30, 40]) s().moveNodes({ [id]: { x, y: 10 } }, { dragging: true });
    s().moveNodes({ [id]: { x: 50, y: 10 } }, { dragging: false });
    expect(s().document.layout.nodes[id]).toEqual({ x: 50, y: 10 });
    s().undo();
    expect(s().document.layout.nodes[id]).toEqual({ x: 10, y: 10 });
    s().undo();
    expect(s().document.nodes).toEqual([]);
  });

  it('merges typing in one field into one undo step', () => {
    const { s, add, node } = harness();
    const id = add('note', 0);
    for (const text of ['H', 'Ho', 'Hol', 'Hola']) {
      s().updateNode(id, { config: { text } }, { coalesce: `${id}:text` });
    }
    expect(node(id)?.config).toEqual({ text: 'Hola' });
    s().undo();
    expect(node(id)?.config).toEqual(moduleFor('note')?.defaults());
  });

  it("gives a node its own late-send policy, keeps its cost, and goes back to the campaign's", () => {
    const { s, add, node } = harness();
    const id = add('email', 0);
    s().updateNode(id, { cost: 0.02 });
    const skip = { action: 'skip', after: { amount: 6, unit: 'hours' } } as const;
    s().updateNode(id, { stalePolicy: skip });
    expect(node(id)).toMatchObject({ cost: 0.02, stalePolicy: skip });
    s().updateNode(id, { name: 'Oferta' });
    expect(node(id)?.stalePolicy).toEqual(skip);
    s().updateNode(id, { stalePolicy: null });
    expect(node(id)).not.toHaveProperty('stalePolicy');
    expect(node(id)?.cost).toBe(0.02);
    s().undo();
    expect(node(id)?.stalePolicy).toEqual(skip);
    expect(FlowDocument.safeParse(s().document).success).toBe(true);
  });

  it('pastes a copied selection with new ids, offset, keeping only internal transitions', () => {
    const { s, add } = harness();
    const entry = add('entry', 0);
    const email = add('email', 300);
    const goal = add('goal', 600);
    s().connect(entry, email);
    s().connect(email, goal);
    s().select({ nodeIds: [email, goal] });
    s().copy();
    s().paste();
    const { nodes, transitions, layout } = s().document;
    const pasted = s().selection.nodeIds;
    expect(pasted).toHaveLength(2);
    expect(pasted.some((id) => [entry, email, goal].includes(id))).toBe(false);
    expect(nodes.filter((n) => pasted.includes(n.id)).map((n) => n.type)).toEqual([
      'email',
      'goal',
    ]);
    const [copyEmail, copyGoal] = pasted;
    expect(layout.nodes[copyEmail ?? '']).toEqual({ x: 340, y: 40 });
    const internal = transitions.filter((t) => pasted.includes(t.source));
    expect(internal).toHaveLength(1);
    expect(internal[0]).toMatchObject({ source: copyEmail, target: copyGoal });
    expect(internal[0]?.trigger).toEqual({ kind: 'signal', signal: 'opened' });
    expect(transitions).toHaveLength(3);
  });

  it('duplicates the selection and one undo removes the whole duplicate', () => {
    const { s, add } = harness();
    const wait = add('wait', 0);
    const exit = add('exit', 300);
    s().connect(wait, exit);
    s().select({ nodeIds: [wait, exit] });
    s().duplicate();
    expect(s().document.nodes).toHaveLength(4);
    expect(s().document.transitions).toHaveLength(2);
    s().undo();
    expect(s().document.nodes.map((n) => n.id)).toEqual([wait, exit]);
    expect(s().selection.nodeIds).toEqual([]);
  });

  it('lays the flow out left to right as one undoable step', () => {
    const { s, add } = harness();
    const entry = add('entry', 500, 500);
    const email = add('email', 0, 0);
    const goal = add('goal', 250, 900);
    s().connect(entry, email);
    s().connect(email, goal);
    const before = s().document.layout.nodes;
    s().autoLayout();
    const at = s().document.layout.nodes;
    expect((at[entry]?.x ?? 0) < (at[email]?.x ?? 0)).toBe(true);
    expect((at[email]?.x ?? 0) < (at[goal]?.x ?? 0)).toBe(true);
    expect(at[entry]?.y).toBe(at[email]?.y);
    s().undo();
    expect(s().document.layout.nodes).toEqual(before);
  });

  it('deletes a node with its transitions and undo brings all back', () => {
    const { s, add } = harness();
    const entry = add('entry', 0);
    const email = add('email', 300);
    const goal = add('goal', 600);
    s().connect(entry, email);
    s().connect(email, goal);
    const before = s().document;
    s().select({ nodeIds: [email] });
    s().deleteSelection();
    expect(s().document.nodes.map((n) => n.id)).toEqual([entry, goal]);
    expect(s().document.transitions).toEqual([]);
    expect(s().document.layout.nodes[email]).toBeUndefined();
    s().undo();
    expect(s().document).toEqual(before);
  });

  it('inserts a node on a transition: old trigger kept to the new node, a new one leaves it', () => {
    const { s, add } = harness();
    const email = add('email', 0);
    const goal = add('goal', 400);
    const t = s().connect(email, goal);
    if (!t) throw new Error('no transition');
    const wait = s().insertOnTransition(t, 'wait', 'es');
    const { transitions, layout } = s().document;
    expect(transitions.map((x) => [x.source, x.target, x.trigger.kind])).toEqual([
      [email, wait, 'signal'],
      [wait, goal, 'auto'],
    ]);
    expect(layout.nodes[wait ?? '']).toEqual({ x: 200, y: 0 });
  });

  it('keeps canvas-only state (selection, sizes) out of the document', () => {
    const { s, add } = harness();
    const id = add('sms', 0);
    s().setSizes({ [id]: { width: 240, height: 90 } });
    s().select({ nodeIds: [id] });
    expect(JSON.stringify(s().document)).not.toContain('240');
    expect(Object.keys(s().document)).toEqual([
      'schemaVersion',
      'settings',
      'nodes',
      'transitions',
      'layout',
    ]);
  });
  it('gives a branch its conditions in order, then the else, and reorders them as one step', () => {
    const { s, add } = harness();
    const branch = add('branch', 0);
    const a = add('exit', 300, 0);
    const b = add('exit', 300, 200);
    const c = add('exit', 300, 400);
    const ta = s().connect(branch, a);
    const tb = s().connect(branch, b);
    s().connect(branch, c);
    const kinds = s().document.transitions.map((t) => t.trigger.kind);
    expect(kinds).toEqual(['condition', 'else', 'condition']);
    const orderOf = (id: string | null) => {
      const t = s().document.transitions.find((x) => x.id === id)?.trigger;
      return t?.kind === 'condition' ? t.order : null;
    };
    expect([orderOf(ta), orderOf(tb)]).toEqual([0, null]);
    const [first, , third] = s().document.transitions;
    if (first?.trigger.kind !== 'condition' || third?.trigger.kind !== 'condition')
      throw new Error('expected two conditions');
    const steps = s().past.length;
    s().updateTriggers([
      { id: first.id, trigger: { ...first.trigger, order: 1 } },
      { id: third.id, trigger: { ...third.trigger, order: 0 } },
    ]);
    expect(s().past.length).toBe(steps + 1);
    s().undo();
    expect(orderOf(first.id)).toBe(0);
  });

  it('starts from a template as one undoable step, every node placed', () => {
    const { s, add } = harness();
    add('note', 0);
    const template = templates[0];
    if (!template) throw new Error('no templates');
    const built = template.build('es');
    s().replace(built);
    expect(s().document.nodes.map((n) => n.id)).toEqual(built.nodes.map((n) => n.id));
    for (const n of s().document.nodes) expect(s().document.layout.nodes[n.id]).toBeDefined();
    s().undo();
    expect(s().document.nodes.map((n) => n.type)).toEqual(['note']);
  });

  it('saves the campaign settings as one undoable step and skips an unchanged save', () => {
    const { s, add } = harness();
    add('email', 0);
    const before = s().document.settings;
    s().updateSettings({ ...before, budgetCap: 500, currency: 'USD' });
    expect(s().document.settings.budgetCap).toBe(500);
    expect(s().document.nodes).toHaveLength(1);
    const steps = s().past.length;
    s().updateSettings({ ...s().document.settings });
    expect(s().past.length).toBe(steps);
    s().undo();
    expect(s().document.settings).toEqual(before);
    expect(s().document.nodes).toHaveLength(1);
  });
});

describe('freeSpot', () => {
  it('moves a new node right until it covers no other node', () => {
    const { s, add } = harness();
    add('entry', 0, 0);
    add('email', 340, 30);
    const size = { width: 220, height: 84 };
    const spot = freeSpot(s().document, {}, { x: 10, y: 10 }, size);
    for (const p of Object.values(s().document.layout.nodes)) {
      const apart =
        spot.x >= p.x + size.width ||
        spot.x + size.width <= p.x ||
        spot.y >= p.y + size.height ||
        spot.y + size.height <= p.y;
      expect(apart).toBe(true);
    }
    expect(spot.y).toBe(10);
    expect(freeSpot(s().document, {}, { x: 0, y: 600 }, size)).toEqual({ x: 0, y: 600 });
  });
});
