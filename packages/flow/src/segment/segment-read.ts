import type { JsonValue } from '../lead/lead.schema.ts';
import { assertNever } from '../util/assert-never.ts';
import type { ValueType } from './rule.schema.ts';
import { parseDate } from './segment-time.ts';

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
