import type { CallOutcome, SnoozeStep } from '@rumbo/flow';

/** What a key press on the call list does; the same letters are printed on the buttons. */
export type CallCommand =
  | { kind: 'snooze'; by: SnoozeStep }
  | { kind: 'date' }
  | { kind: 'event' }
  | { kind: 'objective' }
  | { kind: 'outcome'; outcome: string }
  | { kind: 'add' }
  | { kind: 'move'; by: number }
  | { kind: 'first' }
  | { kind: 'last' }
  | { kind: 'open' };

export const SNOOZE_KEYS: Record<SnoozeStep, string> = {
  '2h': 'H',
  '1d': 'D',
  '1w': 'S',
  '1m': 'M',
};
export const DATE_KEY = 'F';
export const EVENT_KEY = 'E';
export const ADD_KEY = 'A';

/** The four standard outcomes keep their letters; a node's custom outcomes get 1…9. */
const STANDARD_OUTCOME_KEYS: Record<string, string> = {
  objective_achieved: 'O',
  interested: 'I',
  not_interested: 'N',
  no_answer: 'C',
};

/** Each outcome of the node with the key that triggers it (null after the ninth custom one). */
export function outcomeKeys(
  outcomes: readonly CallOutcome[],
): { outcome: CallOutcome; key: string | null }[] {
  let custom = 0;
  return outcomes.map((outcome) => {
    const standard = STANDARD_OUTCOME_KEYS[outcome.id];
    if (standard !== undefined) return { outcome, key: standard };
    custom += 1;
    return { outcome, key: custom <= 9 ? String(custom) : null };
  });
}

/**
 * Maps a key press to a command. Keys with Ctrl, Alt or Meta are left to the browser; letters
 * match either case, so Caps Lock does not get in the agent's way.
 */
export function commandForKey(
  event: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean },
  outcomes: readonly CallOutcome[],
): CallCommand | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  switch (event.key) {
    case 'ArrowDown':
      return { kind: 'move', by: 1 };
    case 'ArrowUp':
      return { kind: 'move', by: -1 };
    case 'PageDown':
      return { kind: 'move', by: 10 };
    case 'PageUp':
      return { kind: 'move', by: -10 };
    case 'Home':
      return { kind: 'first' };
    case 'End':
      return { kind: 'last' };
    case 'Enter':
      return { kind: 'open' };
  }
  const key = event.key.toUpperCase();
  for (const [by, letter] of Object.entries(SNOOZE_KEYS)) {
    if (letter === key && isSnoozeStep(by)) return { kind: 'snooze', by };
  }
  if (key === DATE_KEY) return { kind: 'date' };
  if (key === EVENT_KEY) return { kind: 'event' };
  if (key === ADD_KEY) return { kind: 'add' };
  const match = outcomeKeys(outcomes).find((o) => o.key === key);
  if (match === undefined) return null;
  // "Objetivo cumplido" asks for a comment first, as in Proscai.
  if (match.outcome.id === 'objective_achieved') return { kind: 'objective' };
  return { kind: 'outcome', outcome: match.outcome.id };
}

function isSnoozeStep(value: string): value is SnoozeStep {
  return value in SNOOZE_KEYS;
}
