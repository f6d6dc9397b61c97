import type { JsonValue } from '../lead/lead.schema.ts';
import { assertNever } from '../util/assert-never.ts';
import type { ValueType } from './rule.schema.ts';
import { parseDate } from './segment-time.ts';
import { foldText } from './text-fold.ts';

/**
 * How the predicate reads a typed value out of JSON (attributes, event properties), mirroring
 * the SQL compiler's `jsonb_typeof` guards: a value of another JSON type, JSON `null`, an empty
 * string or a text that is not in the date grammar counts as not set (`null`), never as an
 * error.
 */

/**
 * The value at an attribute path: a top-level key spelled exactly like the path wins (as merge
 * fields read it); otherwise dots address nested objects (`address.city`). Only objects are
 * entered, never arrays — SQL's `jsonb -> text` behaves the same.
 */
export function valueAt(
  root: Readonly<Record<string, JsonValue>>,
  path: string,
): JsonValue | undefined {
  if (Object.hasOwn(root, path)) return root[path];
  let current: JsonValue | undefined = root;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * The value a string rule reads at a path: SQL reads it from `attributes_folded`, the attributes'
 * JSON text folded as a whole (keys too) and parsed back, so keys compare folded (`País` is
 * `pais`). `foldedPath` is the folded path; the exact-key-first rule applies as in `valueAt`.
 */
export function foldedValueAt(
  root: Readonly<Record<string, JsonValue>>,
  foldedPath: string,
): JsonValue | undefined {
  const whole = foldedChild(root, foldedPath);
  if (whole !== undefined) return whole;
  let current: JsonValue | undefined = root;
  for (const key of foldedPath.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = foldedChild(current, key);
    if (current === undefined) return undefined;
  }
  return current;
}

/**
 * The member whose key folds to `foldedKey`. When several do (`pais` and `País`), PostgreSQL's
 * parse of the folded text keeps the last duplicate, and the text lists keys in jsonb order:
 * shorter UTF-8 first, then byte-wise. So the winner is the longest key in UTF-8 bytes, then
 * the greatest by code point (UTF-8 byte order is code point order).
 */
function foldedChild(
  object: Readonly<Record<string, JsonValue>>,
  foldedKey: string,
): JsonValue | undefined {
  let best: string | undefined;
  for (const key of Object.keys(object)) {
    if (foldText(key) !== foldedKey) continue;
    if (best === undefined || jsonbKeyOrder(key, best) > 0) best = key;
  }
  return best === undefined ? undefined : object[best];
}

function jsonbKeyOrder(a: string, b: string): number {
  const lengths = utf8Length(a) - utf8Length(b);
  if (lengths !== 0) return lengths;
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** A typed read: text (non-empty), finite number, boolean, or a date as epoch milliseconds. */
export type TypedValue = string | number | boolean;

export function readTyped(value: JsonValue | undefined, type: ValueType): TypedValue | null {
  switch (type) {
    case 'string':
      return typeof value === 'string' && value !== '' ? value : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      const parsed = parseDate(value);
      return parsed === null ? null : parsed.ms;
    }
    default:
      return assertNever(type, 'value type');
  }
}
