import { DEFAULT_OUTCOMES } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import { commandForKey, outcomeKeys } from './call-shortcuts.ts';

const press = (
  key: string,
  mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {},
) => ({
  key,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

const custom = [
  ...DEFAULT_OUTCOMES,
  { id: 'callback', label: { es: 'Devolver llamada', en: 'Call back' } },
  { id: 'wrong_number', label: { es: 'Número equivocado', en: 'Wrong number' } },
];

describe('call list shortcuts', () => {
  it('maps the snooze, date, event and add letters in either case', () => {
    expect(commandForKey(press('h'), DEFAULT_OUTCOMES)).toEqual({ kind: 'snooze', by: '2h' });
    expect(commandForKey(press('D'), DEFAULT_OUTCOMES)).toEqual({ kind: 'snooze', by: '1d' });
    expect(commandForKey(press('s'), DEFAULT_OUTCOMES)).toEqual({ kind: 'snooze', by: '1w' });
    expect(commandForKey(press('m'), DEFAULT_OUTCOMES)).toEqual({ kind: 'snooze', by: '1m' });
    expect(commandForKey(press('f'), DEFAULT_OUTCOMES)).toEqual({ kind: 'date' });
    expect(commandForKey(press('e'), DEFAULT_OUTCOMES)).toEqual({ kind: 'event' });
    expect(commandForKey(press('a'), DEFAULT_OUTCOMES)).toEqual({ kind: 'add' });
  });

  it('asks for a comment on "objective achieved" and sends the other outcomes at once', () => {
    expect(commandForKey(press('o'), DEFAULT_OUTCOMES)).toEqual({ kind: 'objective' });
    expect(commandForKey(press('c'), DEFAULT_OUTCOMES)).toEqual({
      kind: 'outcome',
      outcome: 'no_answer',
    });
    expect(commandForKey(press('n'), DEFAULT_OUTCOMES)).toEqual({
      kind: 'outcome',
      outcome: 'not_interested',
    });
  });

  it("numbers a node's custom outcomes 1, 2, … after the standard letters", () => {
    expect(outcomeKeys(custom).map((o) => o.key)).toEqual(['O', 'I', 'N', 'C', '1', '2']);
    expect(commandForKey(press('2'), custom)).toEqual({ kind: 'outcome', outcome: 'wrong_number' });
    expect(commandForKey(press('2'), DEFAULT_OUTCOMES)).toBeNull();
  });

  it('moves with the arrows and leaves keys with Ctrl, Alt or Meta to the browser', () => {
    expect(commandForKey(press('ArrowDown'), DEFAULT_OUTCOMES)).toEqual({ kind: 'move', by: 1 });
    expect(commandForKey(press('ArrowUp'), DEFAULT_OUTCOMES)).toEqual({ kind: 'move', by: -1 });
    expect(commandForKey(press('Enter'), DEFAULT_OUTCOMES)).toEqual({ kind: 'open' });
    expect(commandForKey(press('h', { ctrlKey: true }), DEFAULT_OUTCOMES)).toBeNull();
    expect(commandForKey(press('r', { metaKey: true }), DEFAULT_OUTCOMES)).toBeNull();
  });
});
