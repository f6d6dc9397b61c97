/**
 * Ends an exhaustive switch over a discriminated union: the compiler rejects the call when a
 * case is missing, and at run time a value outside the union (from stored JSON) is reported
 * with its text instead of falling through silently.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
