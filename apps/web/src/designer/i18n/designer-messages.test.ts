import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BRANCH_MODES,
  CALL_PRIORITIES,
  CAMPAIGN_MODES,
  NOTE_COLOURS,
  TIME_UNITS,
  TRIGGER_KINDS,
  WAIT_MODES,
} from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import { CATEGORY_ORDER } from '../catalogue/designer-catalogue.ts';
import { REENTRY_KINDS, SETTINGS_ERRORS } from '../settings/settings-form.ts';
import en from './en.json';
import es from './es.json';

const designer = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function has(messages: unknown, key: string): boolean {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return false;
    node = Object.getOwnPropertyDescriptor(node, part)?.value;
  }
  return typeof node === 'string' || (typeof node === 'object' && node !== null);
}

/** Plural keys live as `key_one` / `key_other`. */
const present = (messages: unknown, key: string) =>
  has(messages, key) || has(messages, `${key}_other`);

const literalKeys = sources(designer).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1] ?? ''),
);

/** Keys built from a prefix and every value of an enumeration the code iterates. */
const familyKeys = [
  ...CATEGORY_ORDER.map((c) => `category.${c}`),
  ...TRIGGER_KINDS.map((k) => `triggers.${k}`),
  'triggers.autoHint',
  'triggers.elseHint',
  ...TIME_UNITS.map((u) => `units.${u}`),
  ...WAIT_MODES.map((m) => `wait.modes.${m}`),
  ...BRANCH_MODES.flatMap((m) => [`branch.modes.${m}`, `branch.modeHints.${m}`]),
  ...CALL_PRIORITIES.map((p) => `call.priorities.${p}`),
  ...NOTE_COLOURS.map((c) => `note.colors.${c}`),
  ...['unknown-node', 'source-ends-journey', 'note', 'self'].map((r) => `refusal.${r}`),
  ...['error', 'warning', 'info'].map((s) => `severity.${s}`),
  ...['name', 'email', 'phone', 'key'].map((f) => `mergeFields.${f}`),
  ...['segment', 'event', 'date', 'api', 'manual'].map((k) => `entry.kinds.${k}`),
  ...['api', 'manual'].map((k) => `entry.hints.${k}`),
  ...SETTINGS_ERRORS.map((k) => `settings.errors.${k}`),
  ...REENTRY_KINDS.map((k) => `settings.reentryKinds.${k}`),
  ...CAMPAIGN_MODES.flatMap((m) => [`settings.modes.${m}`, `settings.modeHints.${m}`]),
  ...['undo', 'redo', 'copy', 'paste', 'duplicate', 'selectAll', 'delete', 'layout'].flatMap(
    (a) => [`shortcuts.${a}`, `shortcuts.keys.${a}`],
  ),
  ...['focusNodes', 'inspect', 'move', 'multiSelect', 'help'].flatMap((a) => [
    `shortcuts.${a}`,
    `shortcuts.keys.${a}`,
  ]),
];

describe('designer messages', () => {
  it('finds the keys the code uses (sanity check of the scan)', () => {
    expect(literalKeys.length).toBeGreaterThan(100);
  });

  it.each([
    ['es', es],
    ['en', en],
  ])('has every key the designer code asks for in %s', (_language, messages) => {
    const missing = [...new Set([...literalKeys, ...familyKeys])].filter(
      (key) => !present(messages, key),
    );
    expect(missing).toEqual([]);
  });
});
