import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..');

/** Every folder holding an es/en message pair: the shell's own and each feature's. */
function messageFolders(): string[] {
  const folders = [join(src, 'i18n')];
  for (const entry of readdirSync(src, { withFileTypes: true })) {
    const candidate = join(src, entry.name, 'i18n');
    if (entry.isDirectory() && entry.name !== 'i18n' && safeList(candidate).includes('es.json')) {
      folders.push(candidate);
    }
  }
  return folders;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else out.set(prefix, String(value));
  return out;
}

const load = (folder: string, language: string) =>
  flatten(JSON.parse(readFileSync(join(folder, `${language}.json`), 'utf8')));

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe.each(messageFolders())('messages in %s', (folder) => {
  const es = load(folder, 'es');
  const en = load(folder, 'en');

  it('have exactly the same keys in Spanish and English', () => {
    expect([...es.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('have no empty texts', () => {
    const empty = [...es, ...en].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('use the same {{placeholders}} in both languages', () => {
    const mismatched = [...es]
      .filter(([key, text]) => placeholders(text).join() !== placeholders(en.get(key) ?? '').join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });
});
