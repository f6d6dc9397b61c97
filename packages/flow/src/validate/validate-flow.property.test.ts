import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { templates } from '../templates/templates.ts';
import { ISSUE_CODES } from './issue-codes.ts';
import { validateFlow } from './validate-flow.ts';

const knownCodes = new Set<string>(ISSUE_CODES);

/** Whatever comes in, the answer is a result whose issues all carry a known code. */
function wellFormed(input: unknown): void {
  const result = validateFlow(input);
  expect(Array.isArray(result.issues)).toBe(true);
  for (const issue of result.issues) expect(knownCodes.has(issue.code), issue.code).toBe(true);
  if (result.document === null)
    expect(result.issues.some((i) => i.severity === 'error')).toBe(true);
}

/** Replaces the value at one random place of a JSON tree. */
function mutate(doc: unknown, path: number[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head = 0, ...rest] = path;
  if (Array.isArray(doc) && doc.length > 0) {
    const i = head % doc.length;
    return doc.map((item, j) => (j === i ? mutate(item, rest, value) : item));
  }
  if (doc !== null && typeof doc === 'object') {
    const keys = Object.keys(doc);
    const key = keys[head % Math.max(1, keys.length)];
    if (key === undefined) return doc;
    return { ...doc, [key]: mutate(Reflect.get(doc, key), rest, value) };
  }
  return value;
}

describe('validateFlow on arbitrary input', () => {
  it('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => wellFormed(value)),
      { numRuns: 300 },
    );
  });

  it('never throws on a template with one value anywhere replaced by anything', () => {
    const docs = templates.map((t) => JSON.parse(JSON.stringify(t.build('es'))));
    fc.assert(
      fc.property(
        fc.nat({ max: docs.length - 1 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.oneof(
          fc.jsonValue(),
          fc.constant(Number.NaN),
          fc.constant(Infinity),
          fc.constant(undefined),
        ),
        (which, path, value) => wellFormed(mutate(docs[which], path, value)),
      ),
      { numRuns: 500 },
    );
  });
});
