import type { JsonValue } from './lead.schema.ts';

/** Reads an attribute by dotted path (`address.city`); undefined when any step is missing. */
export function readAttribute(
  attributes: Record<string, JsonValue>,
  path: string,
): JsonValue | undefined {
  if (Object.hasOwn(attributes, path)) return attributes[path];
  let current: JsonValue | undefined = attributes;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}
